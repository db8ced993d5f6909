import { ProjectInfo, projectsInDeployOrder } from "./projects";
import { runStackUnderMocks, StackRun } from "./mock-runtime";
import { readStackConfig } from "./stack-config";

/** Organisation that `pulumi login --local` uses, and so the one stack references name by default. */
export const DEFAULT_ORGANIZATION = "organization";

/** Config values that replace the stack files' (fully qualified keys, raw strings), by project name. */
export type ConfigOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

export interface EnvironmentPlan {
    readonly env: string;
    readonly region: string;
    readonly stacks: (StackRun & { readonly region: string; readonly kind: ProjectInfo["kind"] })[];
}

/**
 * Checks what spans projects (platform:services, service calls, ALB path rules; see projectsInDeployOrder), then runs
 * every project's program for one environment under mocks, in deploy order, feeding each
 * later stack the earlier stacks' outputs through its StackReference. Throws, naming the project,
 * when a program fails. `onStack` sees each stack as soon as its program has run (to overlap work with the next).
 */
export async function planEnvironment(root: string, env: string, overrides: ConfigOverrides = {}, onStack?: (stack: StackRun & { region: string }, before: readonly (StackRun & { region: string })[]) => void): Promise<EnvironmentPlan> {
    const stacks: (StackRun & { region: string; kind: ProjectInfo["kind"] })[] = [];
    const stackOutputs: Record<string, Record<string, unknown>> = {};
    let projects;
    try {
        projects = projectsInDeployOrder(root, env);
    } catch (e) {
        throw new PlanError("projects", env, e);
    }
    for (const project of projects) {
        const config = { ...readStackConfig(project.dir, env), ...overrides[project.name] };
        const region = config["aws:region"] ?? "us-east-1";
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const entry = require(project.main) as (() => unknown) | { default?: () => unknown };
        const program = typeof entry === "function" ? entry : entry.default;
        if (typeof program !== "function") {
            throw new Error(`${project.main} must export its program as a function (export = () => ...)`);
        }
        let run: StackRun;
        try {
            run = await runStackUnderMocks({ project: project.name, stack: env, config, program, stackOutputs });
        } catch (e) {
            throw new PlanError(project.name, env, e);
        }
        stackOutputs[`${DEFAULT_ORGANIZATION}/${project.name}/${env}`] = run.outputs;
        stacks.push({ ...run, region, kind: project.kind });
        onStack?.(stacks[stacks.length - 1], stacks.slice(0, -1));
    }
    return { env, region: stacks[0]?.region ?? "us-east-1", stacks };
}

export class PlanError extends Error {
    constructor(public readonly project: string, public readonly stack: string, public readonly cause: unknown) {
        super(`${project} (stack ${stack}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = "PlanError";
    }
}
