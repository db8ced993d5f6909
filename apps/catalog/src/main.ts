import { EnvReader, TLS_MODES } from "../../shared/env";
import { createLogger } from "../../shared/logger";
import { MeshClient } from "../../shared/mesh-client";
import { credentialFrom } from "../../shared/secrets";
import { exitOnSignals } from "../../shared/shutdown";
import { startTelemetry } from "../../shared/telemetry";
import { BookRepository } from "./books";
import { createPool } from "./db";
import { EntitiesClient } from "./entities-client";
import { migrate } from "./migrations";
import { buildCatalogApp } from "./server";

function catalogConfig(env = process.env) {
    const e = new EnvReader(env);
    const config = {
        serviceName: e.string("SERVICE_NAME", "catalog"),
        port: e.int("PORT", 8080, 1, 65535),
        host: e.string("HOST", "0.0.0.0"),
        logLevel: e.oneOf("LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace"], "info"),
        otlpEndpoint: e.optional("OTEL_EXPORTER_OTLP_ENDPOINT"),
        dbHost: e.string("DB_HOST"),
        dbPort: e.int("DB_PORT", 5432, 1, 65535),
        dbName: e.string("DB_NAME", "app"),
        dbTls: e.oneOf("DB_TLS", TLS_MODES, "verify-full"),
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

async function main() {
    const config = catalogConfig();
    const logger = createLogger(config.serviceName, config.logLevel);
    const telemetry = startTelemetry(config.serviceName, config.otlpEndpoint);
    const pool = createPool({ host: config.dbHost, port: config.dbPort, database: config.dbName, user: await config.user(), password: config.password, tls: config.dbTls });
    pool.on("error", (err) => logger.error({ err }, "idle database connection failed"));
    if (config.migrateOnStart) {
        const applied = await migrate(pool);
        logger.info({ applied }, "migrations done");
    }
    const { app, markDraining } = buildCatalogApp({
        books: new BookRepository(pool),
        entities: new EntitiesClient(new MeshClient({ service: "entities", baseUrl: config.entitiesUrl, timeoutMs: config.entitiesTimeoutMs, retries: config.entitiesRetries })),
        logger,
    });
    exitOnSignals({
        logger,
        onDraining: markDraining,
        closers: [
            { name: "http", close: () => app.close() },
            { name: "postgres", close: () => pool.end() },
            { name: "telemetry", close: () => telemetry.shutdown() },
        ],
    });
    await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
    console.error(JSON.stringify({ level: "fatal", message: "startup failed", error: (err as Error).message }));
    process.exit(1);
});
