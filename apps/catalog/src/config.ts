import { EnvReader, serviceSettings, TLS_MODES } from "../../shared/env";
import { credentialFrom } from "../../shared/secrets";
import { DB_TIMEOUTS } from "./db";

/** Configuration of the catalog service (docs/services.md lists every variable with its default and why). */
export function catalogConfig(env = process.env) {
    const e = new EnvReader(env);
    const statementTimeoutMs = e.int("DB_STATEMENT_TIMEOUT_MS", DB_TIMEOUTS.statementMs, 100, 60_000);
    const config = {
        ...serviceSettings(e, "catalog"),
        dbHost: e.string("DB_HOST"),
        dbPort: e.int("DB_PORT", 5432, 1, 65535),
        dbName: e.string("DB_NAME", "app"),
        dbTls: e.oneOf("DB_TLS", TLS_MODES, "verify-full"),
        dbPoolMax: e.int("DB_POOL_MAX", 10, 1, 100),
        dbConnectTimeoutMs: e.int("DB_CONNECT_TIMEOUT_MS", DB_TIMEOUTS.connectMs, 100, 60_000),
        dbStatementTimeoutMs: statementTimeoutMs,
        dbQueryTimeoutMs: e.int("DB_QUERY_TIMEOUT_MS", statementTimeoutMs, 100, 60_000),
        dbBackoffMaxMs: e.int("DB_BACKOFF_MAX_MS", 5000, 100, 60_000),
        entitiesUrl: e.url("ENTITIES_URL"),
        entitiesTimeoutMs: e.int("ENTITIES_TIMEOUT_MS", 2000, 100, 30_000),
        entitiesRetries: e.int("ENTITIES_RETRIES", 2, 0, 5),
        migrateOnStart: e.oneOf("MIGRATE_ON_START", ["true", "false"], "true") === "true",
    };
    const user = credentialFrom(env, "DB_USERNAME");
    const password = credentialFrom(env, "DB_PASSWORD");
    if (user === undefined || password === undefined) {
        e.string(user === undefined ? "DB_USERNAME" : "DB_PASSWORD");
    }
    e.done();
    return { ...config, user: user!, password: password! };
}
