/**
 * Configuration from environment variables. Every bad or missing variable is collected and reported
 * in one error that names the variable, the value and what is accepted, so a task that fails to
 * start says everything that is wrong in one log line.
 */
export class EnvConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`invalid configuration: ${problems.join("; ")}`);
        this.name = "EnvConfigError";
    }
}

export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
    private readonly problems: string[] = [];

    constructor(private readonly env: Env = process.env) {}

    /** A string; `fallback` undefined makes it required. Empty counts as unset. */
    string(key: string, fallback?: string): string {
        const value = this.raw(key);
        if (value !== undefined) {
            return value;
        }
        if (fallback === undefined) {
            this.problems.push(`${key} is not set: required`);
            return "";
        }
        return fallback;
    }

    /** A string that may be absent. */
    optional(key: string): string | undefined {
        return this.raw(key);
    }

    int(key: string, fallback: number, min: number, max: number): number {
        const value = this.raw(key);
        if (value === undefined) {
            return fallback;
        }
        const n = Number(value);
        if (!Number.isInteger(n) || n < min || n > max) {
            this.problems.push(`${key}=${JSON.stringify(value)}: an integer from ${min} to ${max}`);
            return fallback;
        }
        return n;
    }

    oneOf<T extends string>(key: string, accepted: readonly T[], fallback: T): T {
        const value = this.raw(key);
        if (value === undefined) {
            return fallback;
        }
        if (!(accepted as readonly string[]).includes(value)) {
            this.problems.push(`${key}=${JSON.stringify(value)}: one of ${accepted.join(", ")}`);
            return fallback;
        }
        return value as T;
    }

    url(key: string, fallback?: string): string {
        const value = this.string(key, fallback);
        if (value !== "" && !/^https?:\/\/[^\s/]+(\/.*)?$/.test(value)) {
            this.problems.push(`${key}=${JSON.stringify(value)}: an http(s) URL such as http://entities:8080`);
        }
        return value.replace(/\/+$/, "");
    }

    /** Throws one EnvConfigError listing every problem found so far. */
    done(): void {
        if (this.problems.length > 0) {
            throw new EnvConfigError(this.problems);
        }
    }

    private raw(key: string): string | undefined {
        const value = this.env[key];
        return value === undefined || value === "" ? undefined : value;
    }
}

/** TLS modes of a client connection: `verify-full` checks the chain and the host name; `off` is for loopback servers only. */
export type TlsMode = "verify-full" | "off";
export const TLS_MODES: readonly TlsMode[] = ["verify-full", "off"];

/** Settings every service reads: identity, listener, logs, traces, shutdown budget and idempotency keys' lifetime (docs/services.md). */
export function serviceSettings(e: EnvReader, defaultName: string) {
    return {
        serviceName: e.string("SERVICE_NAME", defaultName),
        port: e.int("PORT", 8080, 1, 65535),
        host: e.string("HOST", "0.0.0.0"),
        // Set by the task definition where the load balancer's target groups are HTTPS (production).
        tlsPort: e.optional("TLS_PORT") === undefined ? undefined : e.int("TLS_PORT", 0, 1, 65535),
        logLevel: e.oneOf("LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace"], "info"),
        otlpEndpoint: e.optional("OTEL_EXPORTER_OTLP_ENDPOINT"),
        // Below ECS's stopTimeout (30 s, components/mesh), after which the container is killed.
        shutdownTimeoutMs: e.int("SHUTDOWN_TIMEOUT_MS", 25_000, 1000, 120_000),
        idempotencyTtlSeconds: e.int("IDEMPOTENCY_TTL_SECONDS", 24 * 3600, 60, 7 * 24 * 3600),
    };
}
