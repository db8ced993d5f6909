import type Redis from "ioredis";
import { Logger } from "../../shared/logger";
import { withSpan } from "../../shared/telemetry";

export type CacheOutcome = "hit" | "miss";

/**
 * A read-through JSON cache over Valkey/Redis. The cache is an optimisation, never a dependency: a
 * cache error is logged and the read goes to the database, so a cache outage slows the service
 * down instead of taking it down.
 */
export class ReadThroughCache {
    constructor(private readonly redis: Redis, private readonly logger: Logger) {}

    /** The cached value of `key`, or `load()`'s (stored for `ttlOf(value)` seconds when defined). */
    async get<T>(key: string, load: () => Promise<T | undefined>, ttlOf: (value: T) => number): Promise<{ value: T | undefined; outcome: CacheOutcome }> {
        const cached = await this.attempt("GET", () => this.redis.get(key));
        if (cached !== undefined && cached !== null) {
            return { value: JSON.parse(cached) as T, outcome: "hit" };
        }
        const value = await load();
        if (value !== undefined) {
            await this.attempt("SET", () => this.redis.set(key, JSON.stringify(value), "EX", ttlOf(value)));
        }
        return { value, outcome: "miss" };
    }

    /** Drops the keys; called after every write, once the database has the new value. */
    async invalidate(...keys: string[]): Promise<void> {
        if (keys.length > 0) {
            await this.attempt("DEL", () => this.redis.del(...new Set(keys)));
        }
    }

    private async attempt<T>(command: string, fn: () => Promise<T>): Promise<T | undefined> {
        try {
            return await withSpan(`cache ${command}`, { "db.system": "redis", "db.operation": command }, fn);
        } catch (err) {
            this.logger.warn({ err, command }, "cache unavailable; using the database");
            return undefined;
        }
    }
}
