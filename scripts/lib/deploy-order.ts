/**
 * Whole-environment deploys: the order and the failure handling, with no Pulumi in sight. The
 * platform stack goes first; every other stack (the edge, the services) reads only the platform's
 * outputs through StackReference, so they all follow in one parallel wave, except that a caller's
 * ECS services wait for its callees' (see `deployWaves`). Destroy runs the stacks in reverse. The
 * first failure stops the run: later waves never start, and the error names the stack. The
 * Automation API sits behind `StackRunner` (scripts/deploy.ts), so tests drive this module with a fake.
 */
export type Operation = "deploy" | "preview" | "destroy";
export const OPERATIONS: readonly Operation[] = ["deploy", "preview", "destroy"];

/** One Pulumi project of the environment. */
export interface StackTarget {
    readonly project: string;
    /** The project's folder (the Automation API's `workDir`). */
    readonly dir: string;
}

/**
 * What one step does to its stack: everything; everything but its ECS services and what depends on
 * them; or, later, the rest (a full update, in which only the held-back resources still change).
 */
export type StepScope = "all" | "without-services" | "services";

export interface WaveStep<T> {
    readonly target: T;
    readonly scope: StepScope;
}

/** What the orchestrator asks of Pulumi: run one operation on one project's stack, on the step's scope. */
export interface StackRunner {
    run(operation: Operation, target: StackTarget, stack: string, onOutput: (line: string) => void, scope: StepScope): Promise<StackResult>;
}

export interface StackResult {
    /** Pulumi's summary, e.g. `{ create: 12, same: 3 }`. */
    readonly changes?: Readonly<Record<string, number>>;
}

export interface RunOptions {
    readonly operation: Operation;
    readonly env: string;
    /** Destroying a production environment needs this, set by `--yes-destroy-prod`. */
    readonly allowProdDestroy?: boolean;
    /** Environments treated as production. @default ["prod"] */
    readonly productionEnvs?: readonly string[];
    /** Progress lines, prefixed with the stack's name. */
    readonly log: (line: string) => void;
}

export class StackFailedError extends Error {
    constructor(readonly project: string, readonly stack: string, readonly operation: Operation, readonly cause: unknown) {
        super(`${operation} of ${project} (stack ${stack}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
        this.name = "StackFailedError";
    }
}

/**
 * Waves of projects. A StackReference reads a stack only once its update completed, so the platform
 * goes first; nothing else references anything but the platform, so the rest deploy together. One
 * order remains: a Service Connect task resolves only the endpoints that existed when it started
 * (ECS, "Service Connect components": existing tasks cannot resolve new endpoints), so a caller's
 * ECS services must start after its callees'. Holding back only those services keeps a caller's
 * slow data tier in the parallel wave: callers deploy there without their ECS services, and then
 * finish in one wave per call depth (callers of services that call nobody first, and so on).
 */
export function deployWaves<T>(platform: T, others: readonly T[], nameOf: (t: T) => string, calleesOf: (t: T) => readonly string[] = () => []): WaveStep<T>[][] {
    const rest = [...others].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    const byName = new Map(rest.map((t) => [nameOf(t), t]));
    const depths = new Map<string, number>();
    const depthOf = (t: T, path: readonly string[] = []): number => {
        const name = nameOf(t);
        if (path.includes(name)) {
            throw new Error(`call cycle ${[...path, name].join(" -> ")}: callers cannot start after their callees`);
        }
        if (!depths.has(name)) {
            const callees = calleesOf(t).map((c) => byName.get(c)).filter((c): c is T => c !== undefined);
            depths.set(name, Math.max(0, ...callees.map((c) => 1 + depthOf(c, [...path, name]))));
        }
        return depths.get(name)!;
    };
    const waves: WaveStep<T>[][] = [[{ target: platform, scope: "all" }]];
    if (rest.length > 0) {
        waves.push(rest.map((target) => ({ target, scope: depthOf(target) > 0 ? "without-services" : "all" })));
    }
    const deepest = Math.max(0, ...rest.map((t) => depthOf(t)));
    for (let depth = 1; depth <= deepest; depth++) {
        waves.push(rest.filter((t) => depthOf(t) === depth).map((target) => ({ target, scope: "services" as const })));
    }
    return waves;
}

/**
 * The waves in the order an operation runs them: as planned for deploy; preview and destroy touch
 * each stack once (nothing is created, so nothing needs holding back), destroy in reverse.
 */
export function wavesFor<T>(operation: Operation, waves: readonly WaveStep<T>[][]): WaveStep<T>[][] {
    if (operation === "deploy") {
        return waves.map((w) => [...w]);
    }
    const whole = waves.map((w) => w.filter((s) => s.scope !== "services").map((s) => ({ target: s.target, scope: "all" as const }))).filter((w) => w.length > 0);
    return operation === "destroy" ? whole.reverse() : whole;
}

/** How a step is named in progress lines and estimates. */
export function stepLabel(name: string, scope: StepScope): string {
    return scope === "all" ? name : `${name} (${scope === "services" ? "its ECS services" : "without its ECS services"})`;
}

/** Refuses to destroy a production environment unless the caller said so explicitly. */
export function assertDestroyAllowed(options: Pick<RunOptions, "operation" | "env" | "allowProdDestroy" | "productionEnvs">): void {
    const production = (options.productionEnvs ?? ["prod"]).includes(options.env);
    if (options.operation === "destroy" && production && options.allowProdDestroy !== true) {
        throw new Error(`refusing to destroy the production environment "${options.env}": pass --yes-destroy-prod to confirm`);
    }
}

/**
 * Runs `operation` over the waves. Within a wave the stacks run in parallel and the wave is awaited
 * in full (a sibling's half-applied update is not abandoned); if any failed, no later wave starts
 * and the first failure (in wave order) is thrown as StackFailedError. Resolves to each stack's result.
 */
export async function runWaves(runner: StackRunner, waves: readonly WaveStep<StackTarget>[][], options: RunOptions): Promise<Map<string, StackResult>> {
    assertDestroyAllowed(options);
    const results = new Map<string, StackResult>();
    for (const wave of wavesFor(options.operation, waves)) {
        options.log(`--- ${options.operation}: ${wave.map((s) => stepLabel(s.target.project, s.scope)).join(", ")} (stack ${options.env})`);
        const settled = await Promise.allSettled(wave.map((s) => runner.run(options.operation, s.target, options.env, (line) => options.log(`[${s.target.project}] ${line}`), s.scope)));
        settled.forEach((s, i) => {
            if (s.status === "fulfilled") {
                results.set(wave[i].target.project, s.value);
                options.log(`[${wave[i].target.project}] ${options.operation} done${s.value.changes ? `: ${JSON.stringify(s.value.changes)}` : ""}`);
            }
        });
        const failed = settled.findIndex((s) => s.status === "rejected");
        if (failed >= 0) {
            throw new StackFailedError(wave[failed].target.project, options.env, options.operation, (settled[failed] as PromiseRejectedResult).reason);
        }
    }
    return results;
}
