/**
 * Calls to another service through the mesh (Service Connect's `http://<name>:<port>`): every
 * attempt has a timeout, and failures that another attempt may cure (network errors, timeouts,
 * 502/503/504) are retried a bounded number of times with jittered exponential backoff. A 4xx is
 * the caller's problem and is never retried. Only idempotent requests (GET) go through here.
 */
export interface MeshClientOptions {
    readonly baseUrl: string;
    /** Per-attempt timeout. @default 2000 */
    readonly timeoutMs?: number;
    /** Retries after the first attempt. @default 2 */
    readonly retries?: number;
    /** Base of the exponential backoff; attempt n waits a random time up to base * 2^n (full jitter). @default 100 */
    readonly backoffMs?: number;
    /** Name of the called service, for error messages. */
    readonly service: string;
}

/** The callee could not answer (after the retries); callers map it to 503/504. */
export class UpstreamError extends Error {
    constructor(readonly service: string, readonly attempts: number, readonly reason: string) {
        super(`${service} unavailable after ${attempts} attempt(s): ${reason}`);
        this.name = "UpstreamError";
    }
}

export interface MeshResponse<T> {
    readonly status: number;
    readonly body: T | undefined;
    readonly attempts: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export class MeshClient {
    private readonly timeoutMs: number;
    private readonly retries: number;
    private readonly backoffMs: number;

    constructor(private readonly options: MeshClientOptions) {
        this.timeoutMs = options.timeoutMs ?? 2000;
        this.retries = options.retries ?? 2;
        this.backoffMs = options.backoffMs ?? 100;
    }

    /** GET `path`; resolves with any status below 500 (404 included), throws UpstreamError otherwise. */
    async get<T>(path: string, headers: Record<string, string> = {}): Promise<MeshResponse<T>> {
        let reason = "";
        for (let attempt = 0; attempt <= this.retries; attempt++) {
            if (attempt > 0) {
                await sleep(Math.random() * this.backoffMs * 2 ** attempt);
            }
            try {
                const res = await fetch(`${this.options.baseUrl}${path}`, { headers: { accept: "application/json", ...headers }, signal: AbortSignal.timeout(this.timeoutMs) });
                const text = await res.text();
                if (res.status < 500) {
                    return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as T), attempts: attempt + 1 };
                }
                reason = `HTTP ${res.status}`;
                if (!RETRYABLE_STATUS.has(res.status)) {
                    throw new UpstreamError(this.options.service, attempt + 1, reason);
                }
            } catch (err) {
                if (err instanceof UpstreamError) {
                    throw err;
                }
                reason = (err as Error).name === "TimeoutError" ? `timed out after ${this.timeoutMs} ms` : (err as Error).message;
            }
        }
        throw new UpstreamError(this.options.service, this.retries + 1, reason);
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
