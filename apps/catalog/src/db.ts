import { Pool, PoolConfig } from "pg";
import { CircuitBreaker } from "../../shared/breaker";
import { TlsMode } from "../../shared/env";
import { Logger } from "../../shared/logger";

export interface DbSettings {
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly user: string;
    /** A getter, so that a rotated password (RDS-managed secret) is picked up by new connections. */
    readonly password: () => Promise<string>;
    readonly tls: TlsMode;
    /** Connections per task. @default 10 */
    readonly maxConnections?: number;
    /** Longest wait for a new connection, and for a free one from the pool, ms. @default 3000 */
    readonly connectTimeoutMs?: number;
    /** PostgreSQL's `statement_timeout`: the server cancels a statement running longer, ms. @default 5000 */
    readonly statementTimeoutMs?: number;
    /**
     * The client's own limit for an answer, ms: it also covers a server that does not answer at all
     * (frozen, network gone), where `statement_timeout` never fires. @default the statement timeout
     */
    readonly queryTimeoutMs?: number;
}

/** Defaults of DbSettings' bounds, ms: together under Service Connect's 15 s per-request timeout. */
export const DB_TIMEOUTS = { connectMs: 3000, statementMs: 5000 } as const;

/**
 * The pool settings. `verify-full` checks the server's chain and host name: RDS certificates chain
 * to the RDS root CAs, which are not in Node's default store; the image adds AWS's global RDS bundle
 * through NODE_EXTRA_CA_CERTS (apps/catalog/Dockerfile), so no CA file is configured here.
 */
export function poolConfig(s: DbSettings): PoolConfig {
    const statementMs = s.statementTimeoutMs ?? DB_TIMEOUTS.statementMs;
    return {
        host: s.host,
        port: s.port,
        database: s.database,
        user: s.user,
        password: s.password,
        ssl: s.tls === "verify-full" ? { rejectUnauthorized: true, servername: s.host } : false,
        max: s.maxConnections ?? 10,
        connectionTimeoutMillis: s.connectTimeoutMs ?? DB_TIMEOUTS.connectMs,
        idleTimeoutMillis: 30_000,
        statement_timeout: statementMs,
        query_timeout: s.queryTimeoutMs ?? statementMs,
        lock_timeout: statementMs,
        idle_in_transaction_session_timeout: statementMs * 2,
        keepAlive: true,
        application_name: "catalog",
    };
}

export function createPool(s: DbSettings): Pool {
    return new Pool(poolConfig(s));
}

/** SQLSTATE classes that mean the server cannot serve now: connection exception, insufficient resources, operator intervention (incl. statement timeout). */
const UNAVAILABLE_CLASSES = new Set(["08", "53", "57"]);

/** Whether a pg error means PostgreSQL cannot answer now (no connection, timeout, shutting down), not that the statement is wrong. */
export function postgresUnavailable(err: unknown): boolean {
    const code = (err as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
        return UNAVAILABLE_CLASSES.has(code.slice(0, 2));
    }
    // The client's own failures: refused or reset connections (Node's E... codes), connect/acquire and query timeouts, a terminated connection.
    return (typeof code === "string" && /^E[A-Z]+$/.test(code)) || /timeout|terminated|connection/i.test((err as Error).message ?? "");
}

/** The database's breaker: with PostgreSQL down, requests answer 503 at once and the pool retries with backoff instead of a connection per request. */
export function databaseBreaker(logger: Logger, maxOpenMs = 5000): CircuitBreaker {
    return new CircuitBreaker({
        name: "PostgreSQL",
        maxOpenMs,
        onChange: (open, err) => (open ? logger.error({ err }, "database unavailable; answering 503") : logger.info("database available again")),
    });
}
