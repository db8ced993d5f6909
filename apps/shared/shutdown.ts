import { Logger } from "./logger";

/** Something to close on shutdown, in the order given (the HTTP server first, then its stores). */
export interface Closer {
    readonly name: string;
    close(): Promise<unknown>;
}

export interface ShutdownOptions {
    readonly logger: Logger;
    /** Called first: `/health` turns 503 so that the load balancer stops sending new requests. */
    readonly onDraining?: () => void;
    readonly closers: readonly Closer[];
    /**
     * Hard limit for the whole sequence. ECS sends SIGKILL `stopTimeout` (30 s, components/mesh)
     * after SIGTERM; finishing earlier lets the last log lines and spans out.
     * @default 25000
     */
    readonly timeoutMs?: number;
}

/**
 * The shutdown sequence: mark draining, then close each resource in order (Fastify's `close` waits
 * for in-flight requests), logging each step. Resolves to the exit code: 0 when everything closed
 * in time, 1 otherwise. Separate from the signal wiring so that tests can run it.
 */
export async function shutdown(options: ShutdownOptions): Promise<number> {
    const { logger } = options;
    options.onDraining?.();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
        timer = setTimeout(() => {
            logger.error({ timeoutMs: options.timeoutMs ?? 25_000 }, "shutdown timed out");
            resolve(1);
        }, options.timeoutMs ?? 25_000);
    });
    const sequence = (async () => {
        let code = 0;
        for (const closer of options.closers) {
            try {
                await closer.close();
                logger.info({ resource: closer.name }, "closed");
            } catch (err) {
                code = 1;
                logger.error({ err, resource: closer.name }, "close failed");
            }
        }
        return code;
    })();
    try {
        return await Promise.race([sequence, timeout]);
    } finally {
        clearTimeout(timer);
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
