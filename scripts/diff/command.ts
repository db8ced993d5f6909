import * as fs from "fs";
import * as path from "path";
import type { EnvironmentPlan } from "../lib/plan-env";
import { discoverProjects } from "../lib/projects";
import { readStackConfig } from "../lib/stack-config";
import { defaultBase, readBaseFolder, startBasePlan } from "./base";

export interface DiffRequest {
    /** A git ref or a folder; undefined for the merge base with main. */
    readonly base?: string;
    readonly allowReplace: readonly string[];
}

/** `--diff [<base>]` and every `--allow-replace <urn>` of the command line; undefined without `--diff`. */
export function diffRequest(argv: readonly string[]): DiffRequest | undefined {
    const at = argv.indexOf("--diff");
    if (at < 0) {
        return undefined;
    }
    const next = argv[at + 1];
    const allowReplace = argv.flatMap((arg, i) => (arg === "--allow-replace" && argv[i + 1] !== undefined ? [argv[i + 1]] : []));
    return { base: next === undefined || next.startsWith("--") ? undefined : next, allowReplace };
}

/** Whether the environment's platform stack sets `<platform>:production`. */
export function isProduction(root: string, env: string): boolean {
    const platform = discoverProjects(root)[0];
    return readStackConfig(platform.dir, env)[`${platform.name}:production`] === "true";
}

export interface PendingDiff {
    /** Plans the base, diffs it against `plan`, prints the report, writes `diff.json` and `diff.md`; returns the gate's failures. */
    finish(plan: EnvironmentPlan, outDir: string): Promise<string[]>;
}

/**
 * The hook of `npm run plan -- --env <env> --diff [<base>] [--allow-replace <urn>]...`: call it
 * before planning, so that a worker thread plans the base ref meanwhile; the main thread loads the
 * CloudFormation specification once its own plan is done, while the base may still be planning.
 */
export function startDiff(root: string, env: string, argv: readonly string[]): PendingDiff | undefined {
    const request = diffRequest(argv);
    if (request === undefined) {
        return undefined;
    }
    const folder = request.base === undefined ? undefined : readBaseFolder(root, env, request.base);
    const worker = folder === undefined ? startBasePlan(root, env, request.base ?? defaultBase(root)) : undefined;
    // Loaded once the base's worker has started, not before: the CloudFormation mappings the diff
    // translates with take half a second to load, and the base's plan is the longer path.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { preloadSpecification } = require("./cfn-diff") as typeof import("./cfn-diff");
    const { diffEnvironment } = require("./diff") as typeof import("./diff");
    const { formatDiff, markdownSummary } = require("./format") as typeof import("./format");
    const { diffDiagram } = require("../diagrams/diff") as typeof import("../diagrams/diff");
    /* eslint-enable @typescript-eslint/no-require-imports */
    return {
        async finish(plan, outDir) {
            try {
                preloadSpecification();
                const base = folder ?? await worker!.plans;
                const diff = diffEnvironment(base.plans, plan.stacks, { env, base: base.label, production: isProduction(root, env), allowReplace: request.allowReplace });
                console.log(`\n${formatDiff(diff).join("\n")}`);
                fs.writeFileSync(path.join(outDir, "diff.json"), `${JSON.stringify(diff, null, 2)}\n`);
                fs.writeFileSync(path.join(outDir, "diff.md"), `${markdownSummary(diff)}\n\n\`\`\`mermaid\n${diffDiagram(diff)}\n\`\`\`\n`);
                return diff.blocked.map((c) => `diff: ${c.action} of stateful ${c.type} ${c.name} in production (--allow-replace ${c.urn})`);
            } finally {
                await worker?.stop();
            }
        },
    };
}
