/**
 * Whole-environment deploys: the order and the failure handling, with no Pulumi in sight. The
 * platform stack goes first; every other stack (the edge, the services) reads only the platform's
 * outputs through StackReference, so they all follow in one parallel wave. Destroy runs the same
 * waves in reverse. The first failure stops the run: later waves never start, and
 * the error names the stack. The Automation API sits behind `StackRunner` (scripts/deploy.ts), so
 * tests drive this module with a fake.
 */
export type Operation = "deploy" | "preview" | "destroy";
export const OPERATIONS: readonly Operation[] = ["deploy", "preview", "destroy"];

/** One Pulumi project of the environment. */
export interface StackTarget {
    readonly project: string;
    /** The project's folder (the Automation API's `workDir`). */
    readonly dir: string;
}

/** What the orchestrator asks of Pulumi: run one operation on one project's stack. */
export interface StackRunner {
    run(operation: Operation, target: StackTarget, stack: string, onOutput: (line: string) => void): Promise<StackResult>;
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
 * Waves of projects: `[[platform], [everything else, by name]]`. A StackReference reads a stack
 * only once its update completed, so the platform must finish first; nothing else references
 * anything but the platform (services use the platform's security groups, not each other's), so
 * the rest deploy together.
 */
export function deployWaves<T>(platform: T, others: readonly T[], nameOf: (t: T) => string): T[][] {
    const rest = [...others].sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
    return rest.length > 0 ? [[platform], rest] : [[platform]];
}

/** The waves in the order an operation runs them: as planned for deploy/preview, reversed for destroy. */
export function wavesFor<T>(operation: Operation, waves: readonly T[][]): T[][] {
    return operation === "destroy" ? [...waves].reverse() : [...waves];
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
export async function runWaves(runner: StackRunner, waves: readonly StackTarget[][], options: RunOptions): Promise<Map<string, StackResult>> {
    assertDestroyAllowed(options);
    const results = new Map<string, StackResult>();
    for (const wave of wavesFor(options.operation, waves)) {
        options.log(`--- ${options.operation}: ${wave.map((t) => t.project).join(", ")} (stack ${options.env})`);
        const settled = await Promise.allSettled(wave.map((t) => runner.run(options.operation, t, options.env, (line) => options.log(`[${t.project}] ${line}`))));
        settled.forEach((s, i) => {
            if (s.status === "fulfilled") {
                results.set(wave[i].project, s.value);
                options.log(`[${wave[i].project}] ${options.operation} done${s.value.changes ? `: ${JSON.stringify(s.value.changes)}` : ""}`);
            }
        });
        const failed = settled.findIndex((s) => s.status === "rejected");
        if (failed >= 0) {
            throw new StackFailedError(wave[failed].project, options.env, options.operation, (settled[failed] as PromiseRejectedResult).reason);
        }
    }
    return results;
}
