import Redis, { RedisOptions } from "ioredis";
import { BreakerOpenError, CircuitBreaker } from "../../shared/breaker";
import { TlsMode } from "../../shared/env";
import { Logger } from "../../shared/logger";
import { withSpan } from "../../shared/telemetry";
import { Versioned } from "./model";

/** How the cache client connects and how long it waits: the one place these options are set. */
export interface CacheClientSettings {
    readonly host: string;
    readonly port: number;
    readonly tls: TlsMode;
    /** AUTH user (ElastiCache IAM authentication: the IAM user's name); undefined for the default user. */
    readonly username?: string;
    /** AUTH password (an IAM token, or ElastiCache's AUTH token); undefined connects without AUTH. */
    readonly password?: string;
    /** Longest wait for any command before it fails and the read goes to DynamoDB, ms. */
    readonly commandTimeoutMs: number;
    /** Longest wait for a connection, ms. */
    readonly connectTimeoutMs: number;
    /** Longest pause between reconnection attempts (jittered exponential backoff from 50 ms), ms. */
    readonly maxReconnectDelayMs: number;
}

/** The ioredis options for `settings`. */
export function cacheClientOptions(s: CacheClientSettings): RedisOptions {
    return {
        host: s.host,
        port: s.port,
        username: s.username,
        password: s.password,
        // ElastiCache's in-transit encryption uses certificates that chain to Amazon's public roots, in Node's default store.
        tls: s.tls === "verify-full" ? { servername: s.host } : undefined,
        // Fail fast to the database instead of queueing commands behind a reconnect or a frozen server.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        commandTimeout: s.commandTimeoutMs,
        connectTimeout: s.connectTimeoutMs,
        keepAlive: 10_000,
        retryStrategy: (attempt) => Math.round(Math.random() * Math.min(s.maxReconnectDelayMs, 50 * 2 ** attempt)),
    };
}

/** A connected (or connecting) client; connection errors are logged, never thrown. */
export function createCacheClient(settings: CacheClientSettings, logger: Logger): Redis {
    const redis = new Redis(cacheClientOptions(settings));
    redis.on("error", (err) => logger.warn({ err }, "cache connection error"));
    return redis;
}

/** Closes the client: QUIT when connected, so that pending replies arrive; otherwise drop the socket (a dead server never answers QUIT). */
export async function closeCacheClient(redis: Redis): Promise<void> {
    if (redis.status === "ready") {
        await redis.quit();
    } else {
        redis.disconnect();
    }
}

export type CacheOutcome = "hit" | "miss";

/** What a cache read found: a value, a tombstone (the item was deleted: `value` null), or nothing usable. */
export type CacheRead<T> = { readonly outcome: "hit"; readonly value: T | null } | { readonly outcome: "miss" };

export interface VersionedCacheOptions {
    /**
     * Lifetime of a write's marker, seconds: while a write is in progress, or after a write whose
     * final step failed, reads of the key go to the store. Longer than any store call can take.
     * @default 60
     */
    readonly markerTtlSeconds?: number;
}

/**
 * Cache entries are Redis hashes `{ v: version, d: JSON or "null", p: writes in progress }`. Every
 * write of an item raises its version in the store, and the cache follows three rules that together
 * keep a read from putting a value older than the latest write into the cache:
 * - a write first marks the key (p + 1, data dropped) and fails when it cannot: nothing is changed
 *   in the store unless every reader will miss until the write is done;
 * - when the write is done it stores its version and value (p - 1), unless a newer version is there;
 *   the data is kept only when no other write is in progress;
 * - a read that missed fills the key only when no write is in progress and its version is newer
 *   than the one stored.
 * A write whose last step fails leaves the mark: reads go to the store until it expires.
 */
const SCRIPTS = {
    // KEYS[1]; ARGV: marker TTL
    begin: `redis.call('HINCRBY', KEYS[1], 'p', 1)
redis.call('HDEL', KEYS[1], 'd')
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`,
    // KEYS[1]; ARGV: version, data, TTL, marker TTL
    end: `local p = redis.call('HINCRBY', KEYS[1], 'p', -1)
if p < 0 then redis.call('HSET', KEYS[1], 'p', 0) p = 0 end
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '-1')
local n = tonumber(ARGV[1])
if n > v then redis.call('HSET', KEYS[1], 'v', n) v = n end
if p == 0 and n == v and n >= 0 then
  redis.call('HSET', KEYS[1], 'd', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[3])
else
  redis.call('HDEL', KEYS[1], 'd')
  redis.call('EXPIRE', KEYS[1], ARGV[4])
end
return 1`,
    // KEYS[1]; ARGV: version, data, TTL
    fill: `local p = tonumber(redis.call('HGET', KEYS[1], 'p') or '0')
local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '-1')
local n = tonumber(ARGV[1])
if p > 0 or n <= v then return 0 end
redis.call('HSET', KEYS[1], 'v', n, 'd', ARGV[2], 'p', 0)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`,
} as const;

interface ScriptedRedis extends Redis {
    cacheBegin(key: string, markerTtl: number): Promise<number>;
    cacheEnd(key: string, version: number, data: string, ttl: number, markerTtl: number): Promise<number>;
    cacheFill(key: string, version: number, data: string, ttl: number): Promise<number>;
}

/**
 * A versioned read-through cache over Valkey/Redis. Reads fall back to the store when the cache is
 * slow or down; a circuit breaker then keeps requests off the cache for a backoff, so a frozen cache
 * costs one command timeout, not one per request. Writes need the cache (see SCRIPTS): while it is
 * unreachable they fail with 503 instead of risking that other tasks serve the old value for a TTL.
 */
export class VersionedCache {
    private readonly redis: ScriptedRedis;
    private readonly markerTtl: number;

    constructor(redis: Redis, private readonly logger: Logger, private readonly breaker: CircuitBreaker, options: VersionedCacheOptions = {}) {
        this.markerTtl = options.markerTtlSeconds ?? 60;
        if (!("cacheBegin" in redis)) {
            redis.defineCommand("cacheBegin", { numberOfKeys: 1, lua: SCRIPTS.begin });
            redis.defineCommand("cacheEnd", { numberOfKeys: 1, lua: SCRIPTS.end });
            redis.defineCommand("cacheFill", { numberOfKeys: 1, lua: SCRIPTS.fill });
        }
        this.redis = redis as ScriptedRedis;
    }

    /**
     * Read-through: the cached value (null for a tombstone), or `load()`'s, which fills the cache
     * (for `ttlOf(value)` seconds) under the rules above. A load slower than half the marker's
     * lifetime does not fill: a write's mark may have expired while it ran.
     */
    async get<T>(key: string, load: () => Promise<Versioned<T> | undefined>, ttlOf: (value: T) => number): Promise<{ value: T | null | undefined; outcome: CacheOutcome }> {
        const cached = await this.read<T>(key);
        if (cached.outcome === "hit") {
            return cached;
        }
        const started = Date.now();
        const loaded = await load();
        if (loaded !== undefined && Date.now() - started < (this.markerTtl * 1000) / 2) {
            await this.fill(key, loaded.version, loaded.value, ttlOf(loaded.value));
        }
        return { value: loaded?.value, outcome: "miss" };
    }

    /** The cached value or tombstone of `key`; a miss when absent, marked, or when the cache cannot answer. */
    async read<T>(key: string): Promise<CacheRead<T>> {
        const data = await this.bestEffort("HGET", () => this.redis.hget(key, "d"));
        return data === undefined || data === null ? { outcome: "miss" } : { outcome: "hit", value: JSON.parse(data) as T | null };
    }

    /** Caches `value` at `version` for `ttl` seconds after a miss, unless a write is in progress or a newer version is cached. */
    async fill(key: string, version: number, value: unknown, ttl: number): Promise<void> {
        await this.bestEffort("FILL", () => this.redis.cacheFill(key, version, JSON.stringify(value), ttl));
    }

    /** Runs `write` (which returns the new version and value, null for a deletion) between the marking and the final step; throws without calling `write` when the key cannot be marked. */
    async write<T extends { version: number; value: unknown } | undefined>(key: string, ttl: number, write: () => Promise<T>): Promise<T> {
        await this.breaker.run(() => withSpan("cache MARK", { "db.system": "redis", "db.operation": "EVALSHA" }, () => this.redis.cacheBegin(key, this.markerTtl)));
        const result = await write();
        // A write that found nothing to change still ends its mark; version -1 stores nothing.
        const { version, value } = result ?? { version: -1, value: null };
        await this.bestEffort("END", () => this.redis.cacheEnd(key, version, JSON.stringify(value), ttl, this.markerTtl));
        return result;
    }

    private async bestEffort<T>(command: string, fn: () => Promise<T>): Promise<T | undefined> {
        try {
            return await this.breaker.run(() => withSpan(`cache ${command}`, { "db.system": "redis", "db.operation": command }, fn));
        } catch (err) {
            if (!(err instanceof BreakerOpenError)) {
                this.logger.warn({ err, command }, "cache unavailable; using the database");
            }
            return undefined;
        }
    }
}
