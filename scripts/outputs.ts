/**
 * `npm run outputs -- --env <env> [--project <p>] [--live]`: a stack's outputs. By default from the
 * offline plan (`.plan/<env>/*.json`), each value holding an id or ARN the mocks invented marked
 * `(mock)`; with `--live`, from the deployed stacks through the Pulumi Automation API (needs the
 * Pulumi CLI, a login and credentials).
 */
import * as path from "path";
import { envArgument } from "./lib/args";
import { mockedValues, outputLines, readPlanFiles } from "./lib/outputs";
import { discoverProjects } from "./lib/projects";

const root = path.resolve(__dirname, "..");
const USAGE = "npm run outputs -- --env <env> [--project <name>] [--live]";

async function live(env: string, projects: string[]): Promise<void> {
    // Loaded only here: the offline path needs no Pulumi CLI.
    const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
    for (const p of discoverProjects(root).filter((x) => projects.length === 0 || projects.includes(x.name))) {
        const stack = await LocalWorkspace.selectStack({ stackName: env, workDir: p.dir });
        const outputs = await stack.outputs();
        console.log(`\n${p.name} (stack ${env}, deployed)`);
        for (const [key, o] of Object.entries(outputs)) {
            console.log(`  ${key}: ${o.secret ? "[secret]" : JSON.stringify(o.value)}`);
        }
    }
}

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const env = envArgument(argv, USAGE);
    const i = argv.indexOf("--project");
    const projects = i >= 0 && argv[i + 1] ? [argv[i + 1]] : [];
    if (argv.includes("--live")) {
        return live(env, projects);
    }
    const plans = readPlanFiles(root, env);
    const chosen = plans.filter((p) => projects.length === 0 || projects.includes(p.project));
    if (chosen.length === 0) {
        throw new Error(`no project ${projects.join(", ")} in .plan/${env} (projects: ${plans.map((p) => p.project).join(", ")})`);
    }
    const mocked = mockedValues(plans);
    for (const plan of chosen) {
        console.log(`\n${plan.project} (stack ${env}, from the offline plan: values marked (mock) are invented by the mocks; a deploy has real ones)`);
        for (const line of outputLines(plan, mocked)) {
            console.log(`  ${line.key}: ${JSON.stringify(line.value)}${line.mocked ? "  (mock)" : ""}`);
        }
    }
}

main().catch((e) => {
    console.error(`outputs: ${(e as Error).message}`);
    process.exit(1);
});
