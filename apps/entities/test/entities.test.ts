import * as assert from "assert";
import Redis from "ioredis";
import { RunningDynamo, RunningRedis, startDynamo, startRedis } from "../../../tests/helpers/servers";
import { CACHE_TTL, cacheKeys } from "../src/model";
import { ENTITIES_TABLE, startEntities, TABLE } from "./harness";

async function call(method: string, url: string, body?: unknown) {
    const res = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text) };
}

describe("entities service (apps/entities) against dynalite and redis-server", () => {
    let dynamo: RunningDynamo;
    let redis: RunningRedis;
    let svc: Awaited<ReturnType<typeof startEntities>>;
    let admin: Redis;
    let api: string;

    before(async () => {
        [dynamo, redis] = await Promise.all([startDynamo([{ spec: ENTITIES_TABLE, tableName: TABLE }]), startRedis()]);
        svc = await startEntities(dynamo, redis);
        admin = new Redis({ host: redis.host, port: redis.port, password: redis.password });
        api = `${svc.url}/api/v1/entities`;
    });
    after(async () => {
        admin?.disconnect();
        await svc?.stop();
        await Promise.all([dynamo?.stop(), redis?.stop()]);
    });

    const create = async (body: Record<string, unknown>) => {
        const res = await call("POST", api, body);
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        return res.body as { id: string; name: string };
    };

    describe("cache", () => {
        it("serves a second read from the cache without a DynamoDB request", async () => {
            const { id } = await create({ name: "alpha", attributes: { colour: "red" } });
            const miss = await call("GET", `${api}/${id}`);
            assert.strictEqual(miss.headers.get("x-cache"), "miss");
            const before = svc.stats.dynamoCalls;
            const hit = await call("GET", `${api}/${id}`);
            assert.strictEqual(hit.status, 200);
            assert.strictEqual(hit.headers.get("x-cache"), "hit");
            assert.deepStrictEqual(hit.body, miss.body);
            assert.strictEqual(svc.stats.dynamoCalls, before, "a cache hit must not reach DynamoDB");
        });

        it("caches hot items for 5 minutes and static data for an hour", async () => {
            const hot = await create({ name: "hot-item" });
            const stat = await create({ name: "country-codes", static: true, attributes: { codes: ["FR", "DE"] } });
            await call("GET", `${api}/${hot.id}`);
            await call("GET", `${api}/${stat.id}`);
            const [hotTtl, staticTtl] = await Promise.all([admin.ttl(cacheKeys.byId(hot.id)), admin.ttl(cacheKeys.byId(stat.id))]);
            assert.ok(hotTtl > CACHE_TTL.hot - 5 && hotTtl <= CACHE_TTL.hot, `hot TTL ${hotTtl}`);
            assert.ok(staticTtl > CACHE_TTL.static - 5 && staticTtl <= CACHE_TTL.static, `static TTL ${staticTtl}`);
        });

        it("writes an update through to the cache, so the next read is a hit with the new value", async () => {
            const { id } = await create({ name: "beta", attributes: { v: 1 } });
            await call("GET", `${api}/${id}`);
            assert.strictEqual((await call("GET", `${api}/${id}`)).headers.get("x-cache"), "hit");
            const updated = await call("PATCH", `${api}/${id}`, { attributes: { v: 2 } });
            assert.strictEqual(updated.status, 200);
            const before = svc.stats.dynamoCalls;
            const after = await call("GET", `${api}/${id}`);
            assert.strictEqual(after.headers.get("x-cache"), "hit");
            assert.deepStrictEqual(after.body.attributes, { v: 2 });
            assert.strictEqual(svc.stats.dynamoCalls, before);
        });

        it("lists by name from the table (lists are not cached), so a rename shows at once in both lists", async () => {
            const { id } = await create({ name: "old-name" });
            await create({ name: "new-name" });
            assert.strictEqual((await call("GET", `${api}?name=old-name`)).body.items.length, 1);
            assert.strictEqual((await call("GET", `${api}?name=new-name`)).body.items.length, 1);
            await call("PATCH", `${api}/${id}`, { name: "new-name" });
            assert.deepStrictEqual((await call("GET", `${api}?name=old-name`)).body.items, []);
            assert.strictEqual((await call("GET", `${api}?name=new-name`)).body.items.length, 2);
        });

        it("keeps a tombstone on delete, so a deleted entity is a 404 even from the cache", async () => {
            const { id } = await create({ name: "gamma" });
            await call("GET", `${api}/${id}`);
            assert.strictEqual((await call("DELETE", `${api}/${id}`)).status, 204);
            const gone = await call("GET", `${api}/${id}`);
            assert.strictEqual(gone.status, 404);
            assert.strictEqual(gone.headers.get("x-cache"), "hit");
        });

        it("keeps serving reads and creates from DynamoDB when the cache refuses the connection (wrong AUTH token); updates answer 503", async () => {
            const degraded = await startEntities(dynamo, { ...redis, password: "wrong-password" });
            try {
                const res = await call("POST", `${degraded.url}/api/v1/entities`, { name: "no-cache" });
                assert.strictEqual(res.status, 201);
                const read = await call("GET", `${degraded.url}/api/v1/entities/${res.body.id}`);
                assert.strictEqual(read.status, 200);
                assert.strictEqual(read.headers.get("x-cache"), "miss");
                const patch = await call("PATCH", `${degraded.url}/api/v1/entities/${res.body.id}`, { name: "changed" });
                assert.strictEqual(patch.status, 503);
                assert.ok(Number(patch.headers.get("retry-after")) >= 1);
                assert.strictEqual((await call("GET", `${degraded.url}/api/v1/entities/${res.body.id}`)).body.name, "no-cache", "nothing was changed");
                assert.ok(degraded.logs.some((l) => l.level === "warn" && String(l.message).includes("cache unavailable")), "the cache failure is logged");
            } finally {
                await degraded.stop();
            }
        });
    });

    describe("API", () => {
        it("creates, reads, lists by name through the NameIndex, updates and deletes an entity", async () => {
            const created = await call("POST", api, { name: "delta", attributes: { size: 3 } });
            assert.strictEqual(created.status, 201);
            assert.match(created.headers.get("location") ?? "", new RegExp(`/api/v1/entities/${created.body.id}$`));
            const list = await call("GET", `${api}?name=delta`);
            assert.deepStrictEqual(list.body.items, [{ id: created.body.id, name: "delta", attributes: { size: 3 } }]);
            const patched = await call("PATCH", `${api}/${created.body.id}`, { static: true });
            assert.strictEqual(patched.body.static, true);
            assert.strictEqual(patched.body.name, "delta");
            assert.strictEqual((await call("DELETE", `${api}/${created.body.id}`)).status, 204);
            assert.strictEqual((await call("DELETE", `${api}/${created.body.id}`)).status, 404);
        });

        it("serves the same API under the edge's /api/v1/data route", async () => {
            const { id } = await create({ name: "via-data" });
            const res = await call("GET", `${svc.url}/api/v1/data/entities/${id}`);
            assert.strictEqual(res.status, 200);
            assert.strictEqual(res.body.name, "via-data");
        });

        it("answers 404 with a code for an unknown id, and for an unknown route", async () => {
            const res = await call("GET", `${api}/00000000-0000-4000-8000-000000000000`);
            assert.strictEqual(res.status, 404);
            assert.strictEqual(res.body.error.code, "entity_not_found");
            assert.strictEqual((await call("GET", `${svc.url}/nope`)).body.error.code, "not_found");
        });

        const invalid: [string, string, string, unknown, string][] = [
            ["a create without a name", "POST", "", { attributes: {} }, "body.name"],
            ["an empty name", "POST", "", { name: "" }, "body.name"],
            ["attributes that are not an object", "POST", "", { name: "x", attributes: [1] }, "body.attributes"],
            ["an unknown field", "POST", "", { name: "x", colour: "red" }, "body.colour"],
            ["an id that is not a UUID", "GET", "/not-a-uuid", undefined, "params.id"],
            ["an empty patch", "PATCH", "/00000000-0000-4000-8000-000000000000", {}, "body"],
            ["a list without a name", "GET", "", undefined, "querystring.name"],
        ];
        for (const [what, method, suffix, body, field] of invalid) {
            it(`rejects ${what} with 400 naming ${field}`, async () => {
                const res = await call(method, `${api}${suffix}`, body);
                assert.strictEqual(res.status, 400, JSON.stringify(res.body));
                assert.strictEqual(res.body.error.code, "validation_failed");
                assert.ok(res.body.error.details.some((d: { field: string }) => d.field.startsWith(field)), JSON.stringify(res.body.error));
            });
        }

        it("rejects malformed JSON with a 400, not a 500", async () => {
            const res = await call("POST", api, "{not json");
            assert.strictEqual(res.status, 400);
            assert.ok(res.body.error.message);
        });
    });

    describe("operations", () => {
        it("answers /health with 200, and 503 once draining so that the load balancer stops routing", async () => {
            const other = await startEntities(dynamo, redis);
            try {
                assert.strictEqual((await call("GET", `${other.url}/health`)).status, 200);
                other.markDraining();
                assert.strictEqual((await call("GET", `${other.url}/health`)).status, 503);
            } finally {
                await other.stop();
            }
        });

        it("writes JSON log lines with the service name and the request id", async () => {
            await call("GET", `${svc.url}/health`);
            const line = svc.logs.find((l) => (l.req as { url?: string } | undefined)?.url === "/health");
            assert.ok(line, "a request log line");
            assert.strictEqual(line.service, "entities");
            assert.ok(line.reqId, "request id");
            assert.strictEqual(typeof line.time, "string");
        });
    });
});
