/**
 * A circuit breaker in front of a dependency (the cache, the database): after a failure the
 * dependency is left alone for a backoff that doubles on each consecutive failure (with jitter, up to
 * `maxOpenMs`), so that a frozen or down server costs one timeout, not one per request, and a
 * restarting one is not hammered with reconnects. When the backoff has passed one call goes through
 * (half-open); its success closes the breaker.
 */
export interface BreakerOptions {
    /** Name of the dependency, for errors and logs. */
    readonly name: string;
    /** First backoff after a failure, ms. @default 250 */
    readonly minOpenMs?: number;
    /** Longest backoff, ms. @default 5000 */
    readonly maxOpenMs?: number;
    /** Called when the breaker opens (first failure after a success) and when it closes again. */
    readonly onChange?: (open: boolean, error?: unknown) => void;
    /** Clock, for tests. */
    readonly now?: () => number;
}

/** Thrown instead of calling the dependency while the breaker is open. */
export class BreakerOpenError extends Error {
    constructor(readonly dependency: string, readonly retryAfterMs: number) {
        super(`${dependency} unavailable (circuit open for another ${retryAfterMs} ms)`);
        this.name = "BreakerOpenError";
    }
}

export class CircuitBreaker {
    private failures = 0;
    private openUntil = 0;
    private probing = false;
    private readonly now: () => number;

    constructor(private readonly options: BreakerOptions) {
        this.now = options.now ?? Date.now;
    }

    get isOpen(): boolean {
        return this.failures > 0;
    }

    /** Milliseconds until the next call may go through (0 when closed). */
    get retryAfterMs(): number {
        return Math.max(0, this.openUntil - this.now());
    }

    /**
     * Runs `fn` unless the breaker is open; a rejection of `fn` that `counts(err)` (default: every
     * rejection) opens it. A rejection that does not count (a 4xx-like answer) proves the dependency
     * answers, so it closes the breaker.
     */
    async run<T>(fn: () => Promise<T>, counts: (err: unknown) => boolean = () => true): Promise<T> {
        const probe = this.failures > 0;
        if (probe) {
            if (this.probing || this.now() < this.openUntil) {
                throw new BreakerOpenError(this.options.name, Math.max(1, this.retryAfterMs));
            }
            this.probing = true;
        }
        try {
            const value = await fn();
            this.succeeded();
            return value;
        } catch (err) {
            if (!counts(err)) {
                this.succeeded();
            } else if (probe || this.failures === 0) {
                // Calls that were already under way when another one opened the breaker fail for the same reason: they do not lengthen the backoff.
                this.failed(err);
            }
            throw err;
        } finally {
            if (probe) {
                this.probing = false;
            }
        }
    }

    private succeeded(): void {
        if (this.failures > 0) {
            this.failures = 0;
            this.openUntil = 0;
            this.options.onChange?.(false);
        }
    }

    private failed(err: unknown): void {
        const min = this.options.minOpenMs ?? 250;
        const max = this.options.maxOpenMs ?? 5000;
        this.failures++;
        const ceiling = Math.min(max, min * 2 ** (this.failures - 1));
        // Half to full ceiling: tasks that failed together do not all probe at the same instant.
        this.openUntil = this.now() + ceiling / 2 + Math.random() * (ceiling / 2);
        if (this.failures === 1) {
            this.options.onChange?.(true, err);
        }
    }
}
