/** Parameter groups of the stores, as data (pure, unit-tested). */

export interface Parameter {
    readonly name: string;
    readonly value: string;
}

/**
 * PostgreSQL: TLS forced for every connection (D2), and logging that finds slow queries, lock waits,
 * big temporary files and connection churn without logging every statement.
 */
export const POSTGRES_PARAMETERS: readonly Parameter[] = [
    { name: "rds.force_ssl", value: "1" },
    { name: "ssl_min_protocol_version", value: "TLSv1.2" },
    { name: "log_min_duration_statement", value: "1000" },
    { name: "log_lock_waits", value: "1" },
    { name: "log_temp_files", value: "10240" },
    { name: "log_autovacuum_min_duration", value: "10000" },
    { name: "log_connections", value: "1" },
    { name: "log_disconnections", value: "1" },
];

/** The defaults with a caller's extra parameters over them; `rds.force_ssl` cannot be overridden (validation refuses it). */
export function postgresParameters(extra: Readonly<Record<string, string>> = {}): Parameter[] {
    const merged = new Map(POSTGRES_PARAMETERS.map((p) => [p.name, p.value]));
    for (const [name, value] of Object.entries(extra)) {
        merged.set(name, value);
    }
    merged.set("rds.force_ssl", "1");
    return [...merged].map(([name, value]) => ({ name, value }));
}

/**
 * Valkey/Redis: the cache only holds data that can be read again from the tables or the database
 * (read-through, D3), so any key may be evicted under memory pressure; the engine default
 * (`volatile-lru`) would refuse writes once keys without a TTL fill the memory.
 */
export const CACHE_PARAMETERS: readonly Parameter[] = [{ name: "maxmemory-policy", value: "allkeys-lru" }];
