import { Pool, PoolConfig } from "pg";
import { TlsMode } from "../../shared/env";

export interface DbSettings {
    readonly host: string;
    readonly port: number;
    readonly database: string;
    readonly user: string;
    /** A getter, so that a rotated password (RDS-managed secret) is picked up by new connections. */
    readonly password: () => Promise<string>;
    readonly tls: TlsMode;
    readonly maxConnections?: number;
}

/**
 * The pool settings. `verify-full` checks the server's chain and host name: RDS certificates chain
 * to the RDS root CAs, which are not in Node's default store; the image adds AWS's global RDS bundle
 * through NODE_EXTRA_CA_CERTS (apps/catalog/Dockerfile), so no CA file is configured here.
 */
export function poolConfig(s: DbSettings): PoolConfig {
    return {
        host: s.host,
        port: s.port,
        database: s.database,
        user: s.user,
        password: s.password,
        ssl: s.tls === "verify-full" ? { rejectUnauthorized: true, servername: s.host } : false,
        max: s.maxConnections ?? 10,
        connectionTimeoutMillis: 5000,
        idleTimeoutMillis: 30_000,
        // A runaway query must not hold a connection (and the request) forever.
        statement_timeout: 10_000,
        application_name: "catalog",
    };
}

export function createPool(s: DbSettings): Pool {
    return new Pool(poolConfig(s));
}
