/**
 * Whole-environment commands (Pulumi Automation API):
 *   npm run deploy  -- --env <env> [--image-tag <tag>]   platform, then the other stacks in one parallel wave
 *                                      (callers without their ECS services), then the callers' ECS services
 *   npm run preview -- --env <env>     the same order, no changes
 *   npm run destroy -- --env <env> [--yes-destroy-prod]   the other stacks first, platform last
 * Each stack is selected, or created when missing, in its project folder; progress streams with the
 * stack's name; the first failure stops the run and is reported with its stack. A deploy of a
 * production platform first diffs this checkout against the commit last deployed (git tag
 * `deployed/<env>`, moved after each deploy; or `--diff-base <ref|none>`) and refuses to replace or
 * delete a stateful resource unless `--allow-replace <urn>` names it. Needs the Pulumi CLI,
 * a backend (`pulumi login`, e.g. `--local`) and AWS credentials. `--image-tag` sets `<service>:imageTag`
 * on every service stack before it runs: ECR tags are immutable, so each build needs its own (CI
 * passes the commit).
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import * as path from "path";
import { envArgument } from "./lib/args";
import { deployWaves, Operation, OPERATIONS, runWaves, StackFailedError, StackRunner, StackTarget, StepScope, WaveStep } from "./lib/deploy-order";
import { planEnvironment } from "./lib/plan-env";
import { callsOf, projectsInDeployOrder } from "./lib/projects";
import { readStackConfig } from "./lib/stack-config";
import { deployGate, recordDeployed } from "./diff/deploy-gate";

const root = path.resolve(__dirname, "..");

/**
 * The real runner: one LocalWorkspace stack per project folder, output streamed line by line. A
 * "without-services" step excludes the project's ECS services and their dependents
 * (`heldBack[project]`, URNs), which its "services" step, a plain update, then creates.
 */
export function automationRunner(heldBack: Readonly<Record<string, readonly string[]>>, imageTag?: string): StackRunner {
    return {
        async run(operation: Operation, target: StackTarget, stackName: string, onOutput: (line: string) => void, scope: StepScope) {
            const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: target.dir });
            const key = `${target.project}:imageTag`;
            if (imageTag !== undefined && operation !== "destroy" && readStackConfig(target.dir, stackName)[key] !== undefined) {
                await stack.setConfig(key, { value: imageTag });
            }
            let buffer = "";
            const onChunk = (chunk: string) => {
                const lines = (buffer + chunk).split("\n");
                buffer = lines.pop() ?? "";
                lines.filter((l) => l.trim() !== "").forEach(onOutput);
            };
            const opts = { onOutput: onChunk, color: "never" as const };
            switch (operation) {
                case "deploy": {
                    const exclude = scope === "without-services" ? [...(heldBack[target.project] ?? [])] : [];
                    return { changes: (await stack.up(exclude.length > 0 ? { ...opts, exclude, excludeDependents: true } : opts)).summary.resourceChanges };
                }
                case "preview":
                    return { changes: (await stack.preview(opts)).changeSummary };
                case "destroy":
                    return { changes: (await stack.destroy(opts)).summary.resourceChanges };
            }
        },
    };
}

/**
 * The environment's waves, from the projects on disk. The plan's checks (platform:services, calls,
 * path rules) run first, so a deploy never starts with a configuration the plan would refuse.
 */
export function environmentWaves(env: string): WaveStep<StackTarget>[][] {
    const projects = projectsInDeployOrder(root, env);
    const calls = new Map(projects.map((p) => [p.name, callsOf(p, env)]));
    const [platform, ...others] = projects.map((p) => ({ project: p.name, dir: p.dir }));
    return deployWaves(platform, others, (t) => t.project, (t) => calls.get(t.project) ?? []);
}

/**
 * The URNs a "without-services" step holds back, per project: its ECS services, read from the
 * offline plan of the environment (the same programs, so the same URNs Pulumi will use).
 */
export async function heldBackUrns(env: string): Promise<Record<string, string[]>> {
    const plan = await planEnvironment(root, env);
    return Object.fromEntries(plan.stacks.map((s) => [s.project, s.resources.filter((r) => r.type === "aws:ecs/service:Service").map((r) => r.urn)]));
}

async function main() {
    const argv = process.argv.slice(2);
    const operation = argv[0] as Operation;
    const usage = "npm run <deploy|preview|destroy> -- --env <env> [--image-tag <tag>] [--yes-destroy-prod] [--diff-base <ref|none>] [--allow-replace <urn>]...";
    if (!OPERATIONS.includes(operation)) {
        console.error(`usage: ${usage}`);
        process.exit(2);
    }
    const env = envArgument(argv, usage);
    const waves = environmentWaves(env);
    const tagAt = argv.indexOf("--image-tag");
    const imageTag = tagAt < 0 ? undefined : argv[tagAt + 1];
    if (tagAt >= 0 && (imageTag === undefined || !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(imageTag))) {
        console.error(`--image-tag needs a Docker tag (letters, digits, _ . -, up to 128): got ${JSON.stringify(imageTag)}`);
        process.exit(2);
    }
    const refused = operation === "deploy" ? await deployGate(root, env, argv, (line) => console.log(line)) : [];
    if (refused.length > 0) {
        console.error(`\nrefusing to deploy ${env}:\n  ${refused.join("\n  ")}`);
        process.exit(1);
    }
    const heldBack = operation === "deploy" ? await heldBackUrns(env) : {};
    await runWaves(automationRunner(heldBack, imageTag), waves, { operation, env, allowProdDestroy: argv.includes("--yes-destroy-prod"), log: (line) => console.log(line) });
    if (operation === "deploy") {
        recordDeployed(root, env);
    }
    console.log(`${operation} of ${env} done`);
}

if (require.main === module) {
    main().catch((err) => {
        console.error(err instanceof StackFailedError ? `\n${err.message}` : `\n${operation()} failed: ${(err as Error).message}`);
        process.exit(1);
    });
}

function operation(): string {
    return process.argv[2] ?? "deploy";
}
