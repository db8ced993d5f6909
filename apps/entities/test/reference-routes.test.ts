import * as assert from "assert";
import { randomUUID } from "crypto";
import { FastifyInstance } from "fastify";
import { createLogger } from "../../shared/logger";
import { VersionedCache } from "../src/cache";
import { Entity, EntityInput, EntityPatch } from "../src/model";
import { EntityRepository } from "../src/repository";
import { buildEntitiesApp } from "../src/server";

/** An in-memory repository with the calls the entity routes make; each call is recorded. */
function memoryRepository(calls: string[]) {
    const items = new Map<string, Entity>();
    return {
        async get(id: string) {
            calls.push(`get ${id}`);
            const value = items.get(id);
            return value && { version: 1, value };
        },
        async create(input: EntityInput, id: string = randomUUID()) {
            calls.push("create");
            const now = new Date().toISOString();
            const entity = { id, name: input.name, attributes: input.attributes ?? {}, static: input.static ?? false, createdAt: now, updatedAt: now } as Entity;
            items.set(entity.id, entity);
            return entity;
        },
        async update(id: string, patch: EntityPatch) {
            calls.push(`update ${id}`);
            const before = items.get(id);
            if (before === undefined) {
                return undefined;
            }
            const after = { ...before, ...patch } as Entity;
            items.set(id, after);
            return { version: 2, value: after };
        },
        async delete(id: string) {
            calls.push(`delete ${id}`);
            const deleted = items.get(id);
            items.delete(id);
            return deleted && { version: 2, value: deleted };
        },
        async listByName(name: string) {
            calls.push(`list ${name}`);
            return { items: [...items.values()].filter((e) => e.name === name).map(({ id, name: n }) => ({ id, name: n })) };
        },
    };
}

/** A cache that never holds anything, so every read reaches the repository. */
const passThroughCache = {
    get: async <T>(_key: string, load: () => Promise<{ value: T } | undefined>) => ({ value: (await load())?.value, outcome: "miss" as const }),
    write: async <T>(_key: string, _ttl: number, write: () => Promise<T>) => write(),
};

describe("entities reference routes (/api/v1/data, /api/v1/secure)", () => {
    let app: FastifyInstance;
    const calls: string[] = [];
    const json = (body: unknown) => ({ headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });

    before(async () => {
        ({ app } = buildEntitiesApp({
            repository: memoryRepository(calls) as unknown as EntityRepository,
            cache: passThroughCache as unknown as VersionedCache,
            logger: createLogger("entities", "silent"),
        }));
        await app.ready();
    });
    after(async () => app?.close());

    it("creates, reads, updates and deletes through /api/v1/secure, answering as the entity API does", async () => {
        const created = await app.inject({ method: "POST", url: "/api/v1/secure", ...json({ name: "Ada" }) });
        assert.strictEqual(created.statusCode, 201, created.body);
        const id = created.json().id as string;
        assert.strictEqual(created.headers.location, `/api/v1/entities/${id}`, "the Location names the entity's own resource");
        const read = await app.inject({ method: "GET", url: `/api/v1/secure?id=${id}` });
        assert.deepStrictEqual([read.statusCode, read.json().name], [200, "Ada"]);
        const updated = await app.inject({ method: "PUT", url: `/api/v1/secure?id=${id}`, ...json({ name: "Ada L." }) });
        assert.deepStrictEqual([updated.statusCode, updated.json().name], [200, "Ada L."]);
        const deleted = await app.inject({ method: "DELETE", url: `/api/v1/secure?id=${id}` });
        assert.strictEqual(deleted.statusCode, 204);
        assert.deepStrictEqual(calls.slice(-4), ["create", `get ${id}`, `update ${id}`, `delete ${id}`]);
        const gone = await app.inject({ method: "GET", url: `/api/v1/secure?id=${id}` });
        assert.deepStrictEqual([gone.statusCode, gone.json().error.code], [404, "entity_not_found"]);
    });

    it("reads one entity by id or lists by name through the public /api/v1/data", async () => {
        const id = (await app.inject({ method: "POST", url: "/api/v1/entities", ...json({ name: "Grace" }) })).json().id as string;
        const one = await app.inject({ method: "GET", url: `/api/v1/data?id=${id}` });
        assert.deepStrictEqual([one.statusCode, one.json().name, one.headers["x-cache"]], [200, "Grace", "miss"]);
        const list = await app.inject({ method: "GET", url: "/api/v1/data?name=Grace" });
        assert.deepStrictEqual([list.statusCode, list.json().items.map((e: { id: string }) => e.id)], [200, [id]]);
    });

    it("keeps the entity API's validation: a bad id or a missing one is a 400 or 404 with a code, never a 500", async () => {
        const noId = await app.inject({ method: "DELETE", url: "/api/v1/secure" });
        assert.deepStrictEqual([noId.statusCode, noId.json().error.code], [400, "validation_failed"]);
        const badId = await app.inject({ method: "GET", url: "/api/v1/data?id=not-a-uuid" });
        assert.deepStrictEqual([badId.statusCode, badId.json().error.code], [400, "validation_failed"]);
        const badBody = await app.inject({ method: "POST", url: "/api/v1/secure", ...json({ nom: "x" }) });
        assert.strictEqual(badBody.statusCode, 400);
        const noQuery = await app.inject({ method: "GET", url: "/api/v1/data" });
        assert.strictEqual(noQuery.statusCode, 400, "listing needs a name");
    });
});
