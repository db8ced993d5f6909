import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createLogger } from "../../shared/logger";
import { elastiCacheIamFromEnv, keepCredentialsFresh } from "../../shared/elasticache-iam";
import { credentialFrom } from "../../shared/secrets";
import { exitOnSignals } from "../../shared/shutdown";
import { appListeners } from "../../shared/tls-listener";
import { startTelemetry } from "../../shared/telemetry";
import { closeCacheClient, createCacheClient, VersionedCache } from "./cache";
import { cacheBreaker, dynamoClient, entitiesConfig } from "./config";
import { EntityRepository } from "./repository";
import { buildEntitiesApp } from "./server";

async function main() {
    const config = entitiesConfig();
    const logger = createLogger(config.serviceName, config.logLevel);
    const telemetry = startTelemetry(config.serviceName, config.otlpEndpoint);
    const authToken = await credentialFrom(process.env, "CACHE_AUTH_TOKEN")?.();
    // In AWS: no password, a 15-minute IAM token signed with the task role, refreshed in the background.
    const cacheIam = elastiCacheIamFromEnv(process.env);
    const iamCredentials = cacheIam ? await cacheIam(new Date()) : undefined;

    const dynamo = dynamoClient(config);
    const redis = createCacheClient({
        host: config.cacheHost, port: config.cachePort, tls: config.cacheTls, username: iamCredentials?.username, password: iamCredentials?.password ?? authToken,
        commandTimeoutMs: config.cacheTimeoutMs, connectTimeoutMs: config.cacheConnectTimeoutMs, maxReconnectDelayMs: config.cacheBackoffMaxMs,
    }, logger);
    const stopCredentialRefresh = cacheIam ? keepCredentialsFresh(redis, cacheIam, (err) => logger.warn({ err }, "cache credentials not refreshed")) : () => undefined;

    const { app, markDraining } = buildEntitiesApp({
        repository: new EntityRepository(DynamoDBDocumentClient.from(dynamo), config.table),
        cache: new VersionedCache(redis, logger, cacheBreaker(logger, config.cacheBackoffMaxMs)),
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
            { name: "cache", close: () => (stopCredentialRefresh(), closeCacheClient(redis)) },
            { name: "dynamodb", close: async () => dynamo.destroy() },
            { name: "telemetry", close: () => telemetry.shutdown() },
        ],
    });
    await listeners.listen();
}

main().catch((err) => {
    // The logger may not exist yet (bad configuration): one JSON line on stderr, then exit.
    console.error(JSON.stringify({ level: "fatal", message: "startup failed", error: (err as Error).message }));
    process.exit(1);
});
