import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "crypto";
import { dependencyUnavailable } from "../../shared/http";
import { withSpan } from "../../shared/telemetry";
import { Entity, EntityInput, EntityPatch, EntitySummary, idempotencyKeyOf, idOfPk, keyOf, Versioned } from "./model";

/** A page of a list and where the next one starts (undefined on the last page). */
export interface Page<T, P> {
    readonly items: T[];
    readonly next?: P;
}

/** Position in the NameIndex: its LastEvaluatedKey. */
export type NamePosition = { pk: string; sk: string; name: string };

/** What an idempotency record says about a key: not seen yet (this request owns it now), or the earlier request's hash, entity id and answer. */
export type IdempotencyClaim = { readonly fresh: true } | { readonly fresh: false; readonly requestHash: string; readonly entityId: string; readonly response?: Entity };

const THROTTLED = new Set(["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "TimeoutError"]);

/** Whether an SDK error means DynamoDB cannot answer now (network, timeout, throttling, 5xx) rather than a bad request. */
export function dynamoUnavailable(err: unknown): boolean {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode;
    return THROTTLED.has(e.name ?? "") || status === undefined || status >= 500;
}

/** The Entities table: CRUD by id, the NameIndex lookup and POST's idempotency records. */
export class EntityRepository {
    constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

    /** The entity and its version, read consistently. */
    get(id: string): Promise<Versioned<Entity> | undefined> {
        return this.span("GetItem", async () => {
            const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keyOf(id), ConsistentRead: true }));
            return out.Item ? versioned(out.Item) : undefined;
        });
    }

    /** Creates the entity under `id` (random unless an idempotent retry names it); undefined when that id exists already. */
    create(input: EntityInput, id: string = randomUUID(), now = new Date()): Promise<Entity | undefined> {
        const entity: Entity = { id, name: input.name, attributes: input.attributes ?? {}, static: input.static ?? false, createdAt: now.toISOString(), updatedAt: now.toISOString() };
        return this.span("PutItem", async () => {
            try {
                await this.db.send(new PutCommand({ TableName: this.table, Item: { ...toItem(entity), version: 1 }, ConditionExpression: "attribute_not_exists(pk)" }));
                return entity;
            } catch (err) {
                if (err instanceof ConditionalCheckFailedException) {
                    return undefined;
                }
                throw err;
            }
        });
    }

    /** Applies the patch and raises the version; the entity after it, or undefined when it does not exist. */
    update(id: string, patch: EntityPatch, now = new Date()): Promise<Versioned<Entity> | undefined> {
        const fields = Object.entries({ name: patch.name, attributes: patch.attributes, static: patch.static, updatedAt: now.toISOString() }).filter(([, v]) => v !== undefined);
        return this.span("UpdateItem", async () => {
            try {
                const out = await this.db.send(new UpdateCommand({
                    TableName: this.table,
                    Key: keyOf(id),
                    UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(", ")} ADD #version :one`,
                    ExpressionAttributeNames: { ...Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])), "#version": "version" },
                    ExpressionAttributeValues: { ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])), ":one": 1 },
                    ConditionExpression: "attribute_exists(pk)",
                    ReturnValues: "ALL_NEW",
                }));
                return versioned(out.Attributes ?? {});
            } catch (err) {
                if (err instanceof ConditionalCheckFailedException) {
                    return undefined;
                }
                throw err;
            }
        });
    }

    /** Deletes the entity; what was deleted with its last version, or undefined when it did not exist. */
    delete(id: string): Promise<Versioned<Entity> | undefined> {
        return this.span("DeleteItem", async () => {
            const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: keyOf(id), ReturnValues: "ALL_OLD" }));
            return out.Attributes ? versioned(out.Attributes) : undefined;
        });
    }

    /** One page of the entities with this exact name, through the NameIndex (eventually consistent, as GSIs are). */
    listByName(name: string, limit: number, after?: NamePosition): Promise<Page<EntitySummary, NamePosition>> {
        return this.span("Query NameIndex", async () => {
            const out = await this.db.send(new QueryCommand({
                TableName: this.table,
                IndexName: "NameIndex",
                KeyConditionExpression: "#name = :name",
                ExpressionAttributeNames: { "#name": "name" },
                ExpressionAttributeValues: { ":name": name },
                Limit: limit,
                ExclusiveStartKey: after,
            }));
            const items = (out.Items ?? []).map((item) => ({ id: idOfPk(String(item.pk)), name: String(item.name), attributes: (item.attributes as Record<string, unknown>) ?? {} }));
            return { items, next: out.LastEvaluatedKey as NamePosition | undefined };
        });
    }

    /**
     * Claims an idempotency key for a new entity id, or returns the earlier claim. An expired record
     * (DynamoDB's TTL deletes late) counts as absent.
     */
    claimIdempotencyKey(key: string, requestHash: string, entityId: string, ttlSeconds: number, now = Date.now()): Promise<IdempotencyClaim> {
        const nowS = Math.floor(now / 1000);
        return this.span("PutItem idempotency", async () => {
            try {
                await this.db.send(new PutCommand({
                    TableName: this.table,
                    Item: { ...idempotencyKeyOf(key), requestHash, entityId, expiresAt: nowS + ttlSeconds },
                    ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
                    ExpressionAttributeValues: { ":now": nowS },
                }));
                return { fresh: true };
            } catch (err) {
                if (!(err instanceof ConditionalCheckFailedException)) {
                    throw err;
                }
            }
            const out = await this.db.send(new GetCommand({ TableName: this.table, Key: idempotencyKeyOf(key), ConsistentRead: true }));
            const item = out.Item ?? {};
            return { fresh: false, requestHash: String(item.requestHash), entityId: String(item.entityId), response: item.response as Entity | undefined };
        });
    }

    /** Records the answer given to the key's request, replayed to its retries. */
    completeIdempotencyKey(key: string, response: Entity): Promise<void> {
        return this.span("UpdateItem idempotency", async () => {
            await this.db.send(new UpdateCommand({ TableName: this.table, Key: idempotencyKeyOf(key), UpdateExpression: "SET #r = :r", ExpressionAttributeNames: { "#r": "response" }, ExpressionAttributeValues: { ":r": response } }));
        });
    }

    /** Runs a DynamoDB call in a span; a DynamoDB that cannot answer becomes a 503 with Retry-After. */
    private span<T>(operation: string, fn: () => Promise<T>): Promise<T> {
        return withSpan(`DynamoDB ${operation}`, { "db.system": "dynamodb", "aws.dynamodb.table_names": [this.table] }, async () => {
            try {
                return await fn();
            } catch (err) {
                throw dynamoUnavailable(err) ? dependencyUnavailable("DynamoDB", err) : err;
            }
        });
    }
}

function toItem(e: Entity): Record<string, unknown> {
    return { ...keyOf(e.id), name: e.name, attributes: e.attributes, static: e.static, createdAt: e.createdAt, updatedAt: e.updatedAt };
}

function versioned(item: Record<string, unknown>): Versioned<Entity> {
    return {
        // Items written before versions existed count as version 0.
        version: typeof item.version === "number" ? item.version : 0,
        value: {
            id: idOfPk(String(item.pk)),
            name: String(item.name),
            attributes: (item.attributes as Record<string, unknown>) ?? {},
            static: item.static === true,
            createdAt: String(item.createdAt),
            updatedAt: String(item.updatedAt),
        },
    };
}
