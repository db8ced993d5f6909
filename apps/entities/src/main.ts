import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import Redis from "ioredis";
import { EnvReader, TLS_MODES } from "../../shared/env";
import { createLogger } from "../../shared/logger";
import { elastiCacheIamFromEnv, keepCredentialsFresh } from "../../shared/elasticache-iam";
import { credentialFrom } from "../../shared/secrets";
import { exitOnSignals } from "../../shared/shutdown";
import { startTelemetry } from "../../shared/telemetry";
import { ReadThroughCache } from "./cache";
import { EntityRepository } from "./repository";
import { buildEntitiesApp } from "./server";

/** Configuration of the entities service (README, "Applications"). */
export function entitiesConfig(env = process.env) {
    const e = new EnvReader(env);
    const config = {
        serviceName: e.string("SERVICE_NAME", "entities"),
        port: e.int("PORT", 8080, 1, 65535),
        host: e.string("HOST", "0.0.0.0"),
        logLevel: e.oneOf("LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace"], "info"),
        otlpEndpoint: e.optional("OTEL_EXPORTER_OTLP_ENDPOINT"),
        table: e.string("ENTITIES_TABLE"),
        dynamodbEndpoint: e.optional("DYNAMODB_ENDPOINT"),
        cacheHost: e.string("CACHE_HOST"),
        cachePort: e.int("CACHE_PORT", 6379, 1, 65535),
        cacheTls: e.oneOf("CACHE_TLS", TLS_MODES, "verify-full"),
    };
    e.done();
    return config;
}

async function main() {
    const config = entitiesConfig();
    const logger = createLogger(config.serviceName, config.logLevel);
    const telemetry = startTelemetry(config.serviceName, config.otlpEndpoint);
    const authToken = await credentialFrom(process.env, "CACHE_AUTH_TOKEN")?.();
    // In AWS: no password, a 15-minute IAM token signed with the task role, refreshed in the background.
    const cacheIam = elastiCacheIamFromEnv(process.env);
    const iamCredentials = cacheIam ? await cacheIam(new Date()) : undefined;

    const dynamo = new DynamoDBClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
    const redis = new Redis({
        host: config.cacheHost,
        port: config.cachePort,
        username: iamCredentials?.username,
        password: iamCredentials?.password ?? authToken,
        // ElastiCache's in-transit encryption uses certificates that chain to Amazon's public roots, in Node's default store.
        tls: config.cacheTls === "verify-full" ? { servername: config.cacheHost } : undefined,
        // Fail fast to the database instead of queueing reads behind a reconnect.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 2000,
    });
    redis.on("error", (err) => logger.warn({ err }, "cache connection error"));
    const stopCredentialRefresh = cacheIam ? keepCredentialsFresh(redis, cacheIam, (err) => logger.warn({ err }, "cache credentials not refreshed")) : () => undefined;

    const { app, markDraining } = buildEntitiesApp({
        repository: new EntityRepository(DynamoDBDocumentClient.from(dynamo), config.table),
        cache: new ReadThroughCache(redis, logger),
        logger,
    });
    exitOnSignals({
        logger,
        onDraining: markDraining,
        closers: [
            { name: "http", close: () => app.close() },
            { name: "cache", close: () => (stopCredentialRefresh(), redis.quit()) },
            { name: "dynamodb", close: async () => dynamo.destroy() },
            { name: "telemetry", close: () => telemetry.shutdown() },
        ],
    });
    await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
    // The logger may not exist yet (bad configuration): one JSON line on stderr, then exit.
    console.error(JSON.stringify({ level: "fatal", message: "startup failed", error: (err as Error).message }));
    process.exit(1);
});
