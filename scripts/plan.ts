/**
 * The offline plan: `npm run plan -- --env <env>`. Runs every project's program for the environment
 * under Pulumi mocks (no cloud account, no Pulumi CLI), prints each stack's resource tree and
 * outputs, runs the policy pack over it, and writes `.plan/<env>/<project>.json`. Exits non-zero with
 * the reason when a program fails, a config value is invalid or a mandatory policy is violated.
 * `--validate` also runs `npm run validate`'s check, overlapped with the plan; `--diff` compares with
 * a base (scripts/diff/command.ts).
 */
// First: starts the --validate and --diff workers before the imports below load the Pulumi SDK.
import { diff, validation } from "./lib/early-workers";
import * as fs from "fs";
import * as path from "path";
import { envArgument } from "./lib/args";
import { planEnvironment } from "./lib/plan-env";
import { countByType, formatOutputs, formatTree } from "./lib/plan-report";
import { formatFindings, runPolicies } from "./lib/policy-runner";
import { ALL_POLICIES } from "../policy/policies";
import { estimateEnvironment } from "./estimate";
import { formatEstimate } from "./estimate/report";
import { runPlanSections } from "./lib/plan-sections";
import { planWithoutAnalyses } from "./lib/plan-baseline";

const root = path.resolve(__dirname, "..");

function fail(reason: unknown): never {
    console.error(`\nplan failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    process.exit(1);
}

// A failure inside an apply surfaces as an unhandled rejection; it must fail the plan, not vanish.
process.on("unhandledRejection", fail);
process.on("uncaughtException", fail);

async function main() {
    const env = envArgument(process.argv.slice(2), "npm run plan -- --env <dev|prod> [--validate] [--diff [<git ref or .plan folder>]] [--allow-replace <urn>]...");
    const started = Date.now();
    const plan = await planEnvironment(root, env, {}, validation?.planned);
    const outDir = path.join(root, ".plan", env);
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(outDir, { recursive: true });
    let mandatory = 0;
    const estimate = estimateEnvironment(root, plan);
    const sectionsStarted = Date.now();
    // Loaded here so that the analyses' time includes loading their code.
    const sections = planWithoutAnalyses() ? [] : await runPlanSections(plan, (require("./analysis") as typeof import("./analysis")).PLAN_SECTIONS);
    const sectionsMs = Date.now() - sectionsStarted;
    for (const stack of plan.stacks) {
        console.log(`\n=== ${stack.project} (stack ${stack.stack}, ${stack.region}): ${stack.resources.length} resources`);
        formatTree(stack.resources).forEach((line) => console.log(line));
        console.log("  by type:");
        countByType(stack.resources).forEach(([type, n]) => console.log(`    ${String(n).padStart(4)}  ${type}`));
        console.log("  outputs:");
        formatOutputs(stack.outputs).forEach((line) => console.log(line));
        const file = path.join(outDir, `${stack.project}.json`);
        const findings = await runPolicies(stack.resources, ALL_POLICIES);
        formatFindings(findings).forEach((line) => console.log(line));
        mandatory += findings.filter((f) => f.enforcementLevel === "mandatory").length;
        fs.writeFileSync(file, JSON.stringify({ project: stack.project, stack: stack.stack, region: stack.region, resources: stack.resources, outputs: stack.outputs, findings,
            cost: estimate.cost.stacks.find((c) => c.stack === stack.project),
            capacity: estimate.capacity,
            deployTime: estimate.deployTime.stacks.find((d) => d.stack === stack.project),
            ...Object.fromEntries(sections.filter(({ result }) => result.perStack?.[stack.project] !== undefined)
                .map(({ section, result }) => [section.name, result.perStack?.[stack.project]])) }, null, 2));
        console.log(`  written: ${path.relative(root, file)}`);
    }
    formatEstimate(estimate).forEach((line) => console.log(line));
    fs.writeFileSync(path.join(outDir, "estimate.json"), JSON.stringify(estimate, null, 2));
    const failures: string[] = [];
    for (const { section, result } of sections) {
        console.log(`\n=== ${section.title}`);
        result.lines.forEach((line) => console.log(line));
        if (result.environment !== undefined) {
            fs.writeFileSync(path.join(outDir, `${section.name}.json`), JSON.stringify(result.environment, null, 2));
        }
        for (const [file, content] of Object.entries(result.files ?? {})) {
            fs.writeFileSync(path.join(outDir, file), content);
        }
        failures.push(...result.failures.map((f) => `${section.name}: ${f}`));
    }
    console.log(`\nplan of ${env}: ${plan.stacks.length} stack(s), ${plan.stacks.reduce((n, s) => n + s.resources.length, 0)} resources, ${Date.now() - started} ms (${planWithoutAnalyses() ? "no analyses: the bench's baseline" : `analyses ${sectionsMs} ms`})`);
    failures.push(...(await diff?.finish(plan, outDir)) ?? []);
    failures.push(...(await validation?.report(env, outDir, plan.stacks)) ?? []);
    if (mandatory > 0) {
        failures.push(`${mandatory} mandatory policy violation(s) (listed above as MANDATORY)`);
    }
    if (failures.length > 0) {
        fail(failures.join("\n  "));
    }
}

main().catch(fail);
