// The entities service running on loopback for tests (its own, the catalog's and the soak script's).
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AddressInfo } from "net";
import { Writable } from "stream";
import { createLogger } from "../../shared/logger";
import { declaredTable } from "../../../tests/helpers/declared-tables";
import { LOCAL_AWS_ENV, RunningDynamo } from "../../../tests/helpers/servers";
import { closeCacheClient, createCacheClient, VersionedCache } from "../src/cache";
import { cacheBreaker, dynamoClient } from "../src/config";
import { EntityRepository } from "../src/repository";
import { buildEntitiesApp } from "../src/server";

/** Table name the tests create in dynalite. */
export const TABLE = "test-Entities";
/** The Entities table as the service declares it (`entities:tables`), so the tests run against the deployed shape. */
export const ENTITIES_TABLE = declaredTable("entities", "Entities");

/** Log lines the service wrote, parsed (they must be JSON). */
export function logSink(): { stream: Writable; lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { String(chunk).split("\n").filter(Boolean).forEach((l) => lines.push(JSON.parse(l))); done(); } });
    return { stream, lines };
}

/** Where the service finds its cache (a real redis-server, or a fault proxy in front of one). */
export interface CacheEndpoint {
    readonly host: string;
    readonly port: number;
    readonly password: string;
}

export interface EntitiesTestOptions {
    /** Cache command timeout, ms. @default 250 (the service's default) */
    readonly cacheTimeoutMs?: number;
    /** Longest breaker backoff, ms. @default 5000 */
    readonly cacheBackoffMaxMs?: number;
}

/**
 * A running entities service on loopback, over dynalite and a redis-server, built from the same
 * client factories as main.ts; counts the DynamoDB requests it makes, and its writes.
 */
export async function startEntities(dynamo: RunningDynamo, redis: CacheEndpoint, options: EntitiesTestOptions = {}) {
    Object.assign(process.env, LOCAL_AWS_ENV);
    const client = dynamoClient({ dynamodbEndpoint: dynamo.endpoint, dynamodbTimeoutMs: 2000, dynamodbConnectTimeoutMs: 1000, dynamodbMaxAttempts: 3 });
    const stats = { dynamoCalls: 0, dynamoWrites: 0 };
    client.middlewareStack.add((next, context) => async (args) => {
        stats.dynamoCalls++;
        stats.dynamoWrites += /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? "") ? 1 : 0;
        return next(args);
    }, { step: "initialize", name: "countCalls" });
    const logs = logSink();
    const logger = createLogger("entities", "info", logs.stream);
    const cacheClient = createCacheClient({ host: redis.host, port: redis.port, password: redis.password, tls: "off", commandTimeoutMs: options.cacheTimeoutMs ?? 250, connectTimeoutMs: 1000, maxReconnectDelayMs: 200 }, logger);
    await new Promise<void>((resolve) => {
        cacheClient.once("ready", resolve);
        cacheClient.once("error", () => resolve());
    });
    const repository = new EntityRepository(DynamoDBDocumentClient.from(client), TABLE);
    const cache = new VersionedCache(cacheClient, logger, cacheBreaker(logger, options.cacheBackoffMaxMs ?? 5000));
    const { app, markDraining } = buildEntitiesApp({ repository, cache, logger });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return {
        url,
        stats,
        logs: logs.lines,
        markDraining,
        repository,
        cache,
        cacheClient,
        stop: async () => {
            await app.close();
            await closeCacheClient(cacheClient).catch(() => cacheClient.disconnect());
            client.destroy();
        },
    };
}
