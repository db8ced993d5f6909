import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CircuitBreaker } from "../../shared/breaker";
import { EnvReader, serviceSettings, TLS_MODES } from "../../shared/env";
import { Logger } from "../../shared/logger";

/** Configuration of the entities service (docs/services.md lists every variable with its default and why). */
export function entitiesConfig(env = process.env) {
    const e = new EnvReader(env);
    const config = {
        ...serviceSettings(e, "entities"),
        table: e.string("ENTITIES_TABLE"),
        dynamodbEndpoint: e.optional("DYNAMODB_ENDPOINT"),
        dynamodbTimeoutMs: e.int("DYNAMODB_TIMEOUT_MS", 1000, 50, 10_000),
        dynamodbConnectTimeoutMs: e.int("DYNAMODB_CONNECT_TIMEOUT_MS", 500, 50, 10_000),
        dynamodbMaxAttempts: e.int("DYNAMODB_MAX_ATTEMPTS", 3, 1, 10),
        cacheHost: e.string("CACHE_HOST"),
        cachePort: e.int("CACHE_PORT", 6379, 1, 65535),
        cacheTls: e.oneOf("CACHE_TLS", TLS_MODES, "verify-full"),
        cacheTimeoutMs: e.int("CACHE_TIMEOUT_MS", 250, 10, 5000),
        cacheConnectTimeoutMs: e.int("CACHE_CONNECT_TIMEOUT_MS", 1000, 50, 10_000),
        cacheBackoffMaxMs: e.int("CACHE_BACKOFF_MAX_MS", 5000, 100, 60_000),
    };
    e.done();
    return config;
}

export type EntitiesConfig = ReturnType<typeof entitiesConfig>;

/** The DynamoDB client with bounded waits: each attempt times out, the SDK retries with backoff up to the attempts given. */
export function dynamoClient(config: Pick<EntitiesConfig, "dynamodbEndpoint" | "dynamodbTimeoutMs" | "dynamodbConnectTimeoutMs" | "dynamodbMaxAttempts">): DynamoDBClient {
    return new DynamoDBClient({
        ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
        maxAttempts: config.dynamodbMaxAttempts,
        // Without throwOnRequestTimeout the SDK only logs a warning when an attempt exceeds requestTimeout, and keeps waiting.
        requestHandler: { requestTimeout: config.dynamodbTimeoutMs, connectionTimeout: config.dynamodbConnectTimeoutMs, throwOnRequestTimeout: true },
    });
}

/** The cache's breaker: it logs once when the cache goes away and once when it is back. */
export function cacheBreaker(logger: Logger, maxOpenMs: number): CircuitBreaker {
    return new CircuitBreaker({
        name: "cache",
        maxOpenMs,
        onChange: (open, err) => (open ? logger.warn({ err }, "cache unavailable; reads go to DynamoDB, writes answer 503") : logger.info("cache available again")),
    });
}
