// The entities service running on loopback for tests (its own and the catalog's).
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AddressInfo } from "net";
import { Writable } from "stream";
import Redis from "ioredis";
import { createLogger } from "../../shared/logger";
import { declaredTable } from "../../../tests/helpers/declared-tables";
import { LOCAL_AWS_ENV, RunningDynamo, RunningRedis } from "../../../tests/helpers/servers";
import { ReadThroughCache } from "../src/cache";
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

/** A running entities service on loopback, over dynalite and redis-server; counts the DynamoDB requests it makes. */
export async function startEntities(dynamo: RunningDynamo, redis: RunningRedis, redisPassword = redis.password) {
    Object.assign(process.env, LOCAL_AWS_ENV);
    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    const stats = { dynamoCalls: 0 };
    client.middlewareStack.add((next) => async (args) => {
        stats.dynamoCalls++;
        return next(args);
    }, { step: "initialize", name: "countCalls" });
    const cacheClient = new Redis({ host: redis.host, port: redis.port, password: redisPassword, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    cacheClient.on("error", () => undefined);
    await cacheClient.connect().catch(() => undefined);
    const logs = logSink();
    const logger = createLogger("entities", "info", logs.stream);
    const { app, markDraining } = buildEntitiesApp({ repository: new EntityRepository(DynamoDBDocumentClient.from(client), TABLE), cache: new ReadThroughCache(cacheClient, logger), logger });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    return {
        url,
        stats,
        logs: logs.lines,
        markDraining,
        stop: async () => {
            await app.close();
            cacheClient.disconnect();
            client.destroy();
        },
    };
}

