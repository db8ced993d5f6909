import { Logger } from "./logger";

/** Something to close on shutdown, in the order given (the HTTP server first, then its stores). */
export interface Closer {
    readonly name: string;
    close(): Promise<unknown>;
    /**
     * Whether a failure to close loses work. The HTTP server is critical (a request cut short); a
     * store client is not: when its server is down there is nothing left to flush, and the task
     * must still exit 0 so that ECS does not count a clean stop as a crash.
     * @default false
     */
    readonly critical?: boolean;
}

export interface ShutdownOptions {
    readonly logger: Logger;
    /** Called first: `/health` turns 503 and responses close their connections. */
    readonly onDraining?: () => void;
    readonly closers: readonly Closer[];
    /**
     * Hard limit for the whole sequence. ECS sends SIGKILL `stopTimeout` (30 s, components/mesh)
     * after SIGTERM; finishing earlier lets the last log lines and spans out. Every request is
     * bounded well below this (docs/services.md), so in-flight requests finish within it.
     * @default 25000
     */
    readonly timeoutMs?: number;
    /** Limit for each non-critical closer, so that a client stuck on a dead server cannot use up the budget. @default 2000 */
    readonly closerTimeoutMs?: number;
}

/**
 * The shutdown sequence: mark draining, then close each resource in order (Fastify's `close` stops
 * accepting and waits for in-flight requests), logging each step. Resolves to the exit code: 1 when
 * a critical closer failed or the sequence timed out, 0 otherwise. Separate from the signal wiring
 * so that tests can run it.
 */
export async function shutdown(options: ShutdownOptions): Promise<number> {
    const { logger } = options;
    const timeoutMs = options.timeoutMs ?? 25_000;
    const closerTimeoutMs = options.closerTimeoutMs ?? 2000;
    options.onDraining?.();
    const timers: NodeJS.Timeout[] = [];
    const within = <T>(ms: number, p: Promise<T>, onTimeout: () => T) => Promise.race([p, new Promise<T>((resolve) => timers.push(setTimeout(() => resolve(onTimeout()), ms)))]);
    const sequence = (async () => {
        let code = 0;
        for (const closer of options.closers) {
            // Settles to an outcome, never rejects: a close that fails after its time is up must not become an unhandled rejection.
            const closed = closer.close().then(() => "closed" as const, (err: unknown) => ({ err }));
            const outcome = closer.critical ? await closed : await within<Awaited<typeof closed> | "timed out">(closerTimeoutMs, closed, () => "timed out");
            if (outcome === "closed") {
                logger.info({ resource: closer.name }, "closed");
            } else if (outcome === "timed out") {
                logger.warn({ resource: closer.name, timeoutMs: closerTimeoutMs }, "close timed out; going on");
            } else {
                code = closer.critical ? 1 : code;
                logger[closer.critical ? "error" : "warn"]({ err: outcome.err, resource: closer.name }, "close failed");
            }
        }
        return code;
    })();
    try {
        return await within(timeoutMs, sequence, () => {
            logger.error({ timeoutMs }, "shutdown timed out");
            return 1;
        });
    } finally {
        timers.forEach(clearTimeout);
    }
}

/** On SIGTERM (ECS stopping the task) or SIGINT (Ctrl-C locally): run the sequence once, then exit. */
export function exitOnSignals(options: ShutdownOptions): void {
    let started = false;
    const onSignal = (signal: NodeJS.Signals) => {
        if (started) {
            return;
        }
        started = true;
        options.logger.info({ signal }, "shutting down");
        void shutdown(options).then((code) => process.exit(code));
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
}
