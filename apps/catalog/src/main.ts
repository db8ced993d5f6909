import { createLogger } from "../../shared/logger";
import { MeshClient } from "../../shared/mesh-client";
import { exitOnSignals } from "../../shared/shutdown";
import { appListeners } from "../../shared/tls-listener";
import { startTelemetry } from "../../shared/telemetry";
import { BookRepository } from "./books";
import { catalogConfig } from "./config";
import { createPool, databaseBreaker } from "./db";
import { EntitiesClient } from "./entities-client";
import { migrate } from "./migrations";
import { buildCatalogApp } from "./server";

/** Expired idempotency keys are deleted this often. */
const PURGE_INTERVAL_MS = 15 * 60_000;

async function main() {
    const config = catalogConfig();
    const logger = createLogger(config.serviceName, config.logLevel);
    const telemetry = startTelemetry(config.serviceName, config.otlpEndpoint);
    const pool = createPool({
        host: config.dbHost, port: config.dbPort, database: config.dbName, user: await config.user(), password: config.password, tls: config.dbTls,
        maxConnections: config.dbPoolMax, connectTimeoutMs: config.dbConnectTimeoutMs, statementTimeoutMs: config.dbStatementTimeoutMs, queryTimeoutMs: config.dbQueryTimeoutMs,
    });
    pool.on("error", (err) => logger.error({ err }, "idle database connection failed"));
    if (config.migrateOnStart) {
        const applied = await migrate(pool);
        logger.info({ applied }, "migrations done");
    }
    const books = new BookRepository(pool, databaseBreaker(logger, config.dbBackoffMaxMs));
    const purge = setInterval(() => books.purgeExpiredKeys().catch((err) => logger.warn({ err }, "idempotency key purge failed")), PURGE_INTERVAL_MS).unref();
    const { app, markDraining } = buildCatalogApp({
        books,
        entities: new EntitiesClient(new MeshClient({ service: "entities", baseUrl: config.entitiesUrl, timeoutMs: config.entitiesTimeoutMs, retries: config.entitiesRetries })),
        logger,
        idempotencyTtlSeconds: config.idempotencyTtlSeconds,
    });
    const listeners = appListeners(app, config);
    exitOnSignals({
        logger,
        onDraining: markDraining,
        timeoutMs: config.shutdownTimeoutMs,
        closers: [
            listeners.closer,
            { name: "postgres", close: async () => { clearInterval(purge); await pool.end(); } },
            { name: "telemetry", close: () => telemetry.shutdown() },
        ],
    });
    await listeners.listen();
}

main().catch((err) => {
    console.error(JSON.stringify({ level: "fatal", message: "startup failed", error: (err as Error).message }));
    process.exit(1);
});
