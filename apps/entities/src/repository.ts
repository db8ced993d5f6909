import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { randomUUID } from "crypto";
import { withSpan } from "../../shared/telemetry";
import { Entity, EntityInput, EntityPatch, EntitySummary, idOfPk, keyOf } from "./model";

/** The Entities table: CRUD by id and the NameIndex lookup. */
export class EntityRepository {
    constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

    get(id: string): Promise<Entity | undefined> {
        return this.span("GetItem", async () => {
            const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keyOf(id), ConsistentRead: true }));
            return out.Item ? fromItem(out.Item) : undefined;
        });
    }

    create(input: EntityInput, now = new Date()): Promise<Entity> {
        const id = randomUUID();
        const entity: Entity = { id, name: input.name, attributes: input.attributes ?? {}, static: input.static ?? false, createdAt: now.toISOString(), updatedAt: now.toISOString() };
        return this.span("PutItem", async () => {
            await this.db.send(new PutCommand({ TableName: this.table, Item: toItem(entity), ConditionExpression: "attribute_not_exists(pk)" }));
            return entity;
        });
    }

    /** Applies the patch; returns the entity before and after, or undefined when it does not exist. */
    update(id: string, patch: EntityPatch, now = new Date()): Promise<{ before: Entity; after: Entity } | undefined> {
        const fields = Object.entries({ name: patch.name, attributes: patch.attributes, static: patch.static, updatedAt: now.toISOString() }).filter(([, v]) => v !== undefined);
        return this.span("UpdateItem", async () => {
            try {
                const out = await this.db.send(new UpdateCommand({
                    TableName: this.table,
                    Key: keyOf(id),
                    UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(", ")}`,
                    ExpressionAttributeNames: Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])),
                    ExpressionAttributeValues: Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])),
                    ConditionExpression: "attribute_exists(pk)",
                    ReturnValues: "ALL_OLD",
                }));
                const before = fromItem(out.Attributes ?? {});
                return { before, after: { ...before, ...Object.fromEntries(fields) } as Entity };
            } catch (err) {
                if (err instanceof ConditionalCheckFailedException) {
                    return undefined;
                }
                throw err;
            }
        });
    }

    /** Deletes the entity; returns what was deleted, or undefined when it did not exist. */
    delete(id: string): Promise<Entity | undefined> {
        return this.span("DeleteItem", async () => {
            const out = await this.db.send(new DeleteCommand({ TableName: this.table, Key: keyOf(id), ReturnValues: "ALL_OLD" }));
            return out.Attributes ? fromItem(out.Attributes) : undefined;
        });
    }

    /** Every entity with this exact name, through the NameIndex (eventually consistent, as GSIs are). */
    listByName(name: string, limit = 100): Promise<EntitySummary[]> {
        return this.span("Query NameIndex", async () => {
            const out = await this.db.send(new QueryCommand({
                TableName: this.table,
                IndexName: "NameIndex",
                KeyConditionExpression: "#name = :name",
                ExpressionAttributeNames: { "#name": "name" },
                ExpressionAttributeValues: { ":name": name },
                Limit: limit,
            }));
            return (out.Items ?? []).map((item) => ({ id: idOfPk(String(item.pk)), name: String(item.name), attributes: (item.attributes as Record<string, unknown>) ?? {} }));
        });
    }

    private span<T>(operation: string, fn: () => Promise<T>): Promise<T> {
        return withSpan(`DynamoDB ${operation}`, { "db.system": "dynamodb", "aws.dynamodb.table_names": [this.table] }, fn);
    }
}

function toItem(e: Entity): Record<string, unknown> {
    return { ...keyOf(e.id), name: e.name, attributes: e.attributes, static: e.static, createdAt: e.createdAt, updatedAt: e.updatedAt };
}

function fromItem(item: Record<string, unknown>): Entity {
    return {
        id: idOfPk(String(item.pk)),
        name: String(item.name),
        attributes: (item.attributes as Record<string, unknown>) ?? {},
        static: item.static === true,
        createdAt: String(item.createdAt),
        updatedAt: String(item.updatedAt),
    };
}
