import * as assert from "assert";
import Redis from "ioredis";
import { FaultProxy, faultProxy } from "../../../tests/helpers/faults";
import { RunningDynamo, RunningRedis, startDynamo, startRedis } from "../../../tests/helpers/servers";
import { createLogger } from "../../shared/logger";
import { createCacheClient, VersionedCache } from "../src/cache";
import { cacheBreaker } from "../src/config";
import { cacheKeys } from "../src/model";
import { ENTITIES_TABLE, logSink, startEntities, TABLE } from "./harness";

type Reply = { status: number; headers: Headers; body: any; ms: number };

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const started = Date.now();
    const raw = typeof body === "string" ? body : JSON.stringify(body);
    const res = await fetch(url, { method, headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers }, body: body === undefined ? undefined : raw });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text), ms: Date.now() - started };
}

/** The fault cases of the entities service against dynalite and a real redis-server behind a fault proxy. */
describe("entities service under faults, races and bad input", () => {
    let dynamo: RunningDynamo;
    let redis: RunningRedis;
    let proxy: FaultProxy;
    let svc: Awaited<ReturnType<typeof startEntities>>;
    let admin: Redis;
    let api: string;
    const CACHE_TIMEOUT_MS = 250;

    before(async () => {
        [dynamo, redis] = await Promise.all([startDynamo([{ spec: ENTITIES_TABLE, tableName: TABLE }]), startRedis()]);
        proxy = await faultProxy(redis);
        svc = await startEntities(dynamo, { ...redis, host: proxy.host, port: proxy.port }, { cacheTimeoutMs: CACHE_TIMEOUT_MS, cacheBackoffMaxMs: 300 });
        admin = new Redis({ host: redis.host, port: redis.port, password: redis.password });
        api = `${svc.url}/api/v1/entities`;
    });
    after(async () => {
        proxy?.thaw();
        admin?.disconnect();
        await svc?.stop();
        await proxy?.stop();
        await Promise.all([dynamo?.stop(), redis?.stop()]);
    });

    const create = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
        const res = await call("POST", api, body, headers);
        assert.strictEqual(res.status, 201, JSON.stringify(res.body));
        return res;
    };
    /** Waits until the cache serves hits again (the breaker closes after its backoff). */
    const cacheBack = async (id: string) => {
        for (let i = 0; i < 100; i++) {
            if ((await call("GET", `${api}/${id}`)).headers.get("x-cache") === "hit") {
                return;
            }
            await new Promise((r) => setTimeout(r, 50));
        }
        assert.fail("the cache did not come back");
    };

    describe("a frozen cache", () => {
        it("costs one command timeout: reads answer from DynamoDB, then skip the cache until it answers again", async () => {
            const { body: entity } = await create({ name: "frozen-cache" });
            await call("GET", `${api}/${entity.id}`);
            proxy.freeze();
            try {
                const timeouts = () => svc.logs.filter((l) => l.message === "cache unavailable; using the database" && /timed out/i.test(JSON.stringify(l.err))).length;
                const before = timeouts();
                const first = await Promise.all(Array.from({ length: 10 }, () => call("GET", `${api}/${entity.id}`)));
                for (const r of first) {
                    assert.strictEqual(r.status, 200);
                    assert.strictEqual(r.headers.get("x-cache"), "miss");
                    // The cache timeout plus DynamoDB's latency (dynalite on a shared, busy machine: generous).
                    assert.ok(r.ms < CACHE_TIMEOUT_MS + 1000, `answered in ${r.ms} ms`);
                }
                const afterFirst = timeouts();
                // One per request in flight when the cache froze, and the breaker's probes while DynamoDB answers them.
                assert.ok(afterFirst - before >= 1 && afterFirst - before <= 12, `${afterFirst - before} timeouts for 10 concurrent requests`);
                // The breaker is open now: no request waits for the cache any more.
                const next = [];
                for (let i = 0; i < 10; i++) {
                    next.push(await call("GET", `${api}/${entity.id}`));
                }
                assert.ok(next.every((r) => r.status === 200));
                const waited = next.filter((r) => r.ms >= CACHE_TIMEOUT_MS).length;
                assert.ok(waited <= 1 && timeouts() - afterFirst <= 1, `${waited} of the next 10 requests waited for the frozen cache; at most the breaker's probe may`);
                const patch = await call("PATCH", `${api}/${entity.id}`, { name: "changed" });
                assert.strictEqual(patch.status, 503, "a write cannot mark the cache, so it is refused");
                assert.ok(Number(patch.headers.get("retry-after")) >= 1);
                assert.strictEqual((await call("GET", `${api}/${entity.id}`)).body.name, "frozen-cache", "nothing was changed");
            } finally {
                proxy.thaw();
            }
            await cacheBack(entity.id);
            assert.strictEqual((await call("PATCH", `${api}/${entity.id}`, { name: "changed" })).status, 200);
        });
    });

    describe("failed cache steps of a write", () => {
        it("refuses the write, changing nothing, when the cache connection was just killed", async () => {
            const { body: entity } = await create({ name: "killed-connection" });
            await call("GET", `${api}/${entity.id}`);
            proxy.cutConnections();
            const patch = await call("PATCH", `${api}/${entity.id}`, { name: "after-kill" });
            assert.strictEqual(patch.status, 503);
            assert.strictEqual((await svc.repository.get(entity.id))?.value.name, "killed-connection");
            await cacheBack(entity.id);
            assert.strictEqual((await call("GET", `${api}/${entity.id}`)).body.name, "killed-connection");
        });

        it("serves the new value, never the old one, when the write's last cache step fails", async () => {
            const { body: entity } = await create({ name: "end-fails", attributes: { v: 1 } });
            await call("GET", `${api}/${entity.id}`);
            const client = svc.cacheClient as unknown as { cacheEnd: (...args: unknown[]) => Promise<number> };
            const real = client.cacheEnd;
            client.cacheEnd = async () => { throw new Error("connection reset"); };
            try {
                assert.strictEqual((await call("PATCH", `${api}/${entity.id}`, { attributes: { v: 2 } })).status, 200);
            } finally {
                client.cacheEnd = real;
            }
            for (let i = 0; i < 3; i++) {
                const read = await call("GET", `${api}/${entity.id}`);
                assert.deepStrictEqual(read.body.attributes, { v: 2 });
                assert.strictEqual(read.headers.get("x-cache"), "miss", "the write's mark sends reads to DynamoDB");
            }
        });
    });

    describe("reads racing writes", () => {
        /** Whether the cache holds something other than the store's truth for the key (a tombstone counts as null). */
        const staleIn = async (key: string, truth: unknown) => {
            const cached = await admin.hget(key, "d");
            return cached !== null && cached !== JSON.stringify(truth);
        };
        const jitter = (ms: number) => new Promise((r) => setTimeout(r, Math.random() * ms));

        it("never leaves a value older than the latest write in the cache: 1,000 trials of a read racing a write or a delete", async () => {
            // A cache of its own, straight to redis-server with a timeout the busy test machine always meets: this test is about ordering, not faults.
            const logger = createLogger("race", "error", logSink().stream);
            const client = createCacheClient({ host: redis.host, port: redis.port, password: redis.password, tls: "off", commandTimeoutMs: 5000, connectTimeoutMs: 5000, maxReconnectDelayMs: 200 }, logger);
            const cache = new VersionedCache(client, logger, cacheBreaker(logger, 1000));
            await new Promise((resolve) => client.once("ready", resolve));
            // The store: a versioned map, as the repository's items are. Each trial's reader is slowed between its read and its fill, where the stale fill happened.
            const store = new Map<string, { version: number; value: { v: number } }>();
            let stale = 0;
            let oldReads = 0;
            const trial = async (n: number) => {
                const key = `race:${Date.now()}:${n}`;
                store.set(key, { version: 1, value: { v: 0 } });
                const deleting = n % 4 === 0;
                const read = cache.get(key, async () => {
                    const loaded = store.get(key);
                    await jitter(3);
                    return loaded;
                }, () => 300);
                const write = jitter(2).then(() => cache.write(key, 300, async () => {
                    const current = store.get(key)!;
                    await jitter(1);
                    if (deleting) {
                        store.delete(key);
                        return { version: current.version + 1, value: null };
                    }
                    const next = { version: current.version + 1, value: { v: 1 } };
                    store.set(key, next);
                    return next;
                }));
                const [{ value }] = await Promise.all([read, write]);
                oldReads += value !== null && value !== undefined && (value as { v: number }).v === 0 ? 1 : 0;
                stale += (await staleIn(key, store.get(key)?.value ?? null)) ? 1 : 0;
            };
            try {
                for (let batch = 0; batch < 20; batch++) {
                    await Promise.all(Array.from({ length: 50 }, (_, i) => trial(batch * 50 + i)));
                }
            } finally {
                client.disconnect();
            }
            assert.ok(oldReads > 100, `only ${oldReads} reads loaded the old value: the race did not happen often enough to prove anything`);
            assert.strictEqual(stale, 0, `${stale} of 1,000 trials left a stale value in the cache`);
        });

        it("the same through the service's API, DynamoDB and redis-server, each read held between its load and its fill until the write answered: 25 trials", async () => {
            const { repository } = svc;
            const realGet = repository.get.bind(repository);
            const gates = new Map<string, { loaded: () => void; release: Promise<void> }>();
            repository.get = async (id: string) => {
                const loaded = await realGet(id);
                const gate = gates.get(id);
                if (gate !== undefined) {
                    gates.delete(id);
                    gate.loaded();
                    await gate.release;
                }
                return loaded;
            };
            let stale = 0;
            let raced = 0;
            try {
                await Promise.all(Array.from({ length: 25 }, async (_, n) => {
                    const entity = (await repository.create({ name: `race-${n}`, attributes: { v: 0 } }))!;
                    let release = () => undefined as void;
                    const loaded = new Promise<void>((resolve) => gates.set(entity.id, { loaded: resolve, release: new Promise<void>((r) => (release = r)) }));
                    const read = call("GET", `${api}/${entity.id}`);
                    await loaded;
                    try {
                        const written = await (n % 4 === 0 ? call("DELETE", `${api}/${entity.id}`) : call("PATCH", `${api}/${entity.id}`, { attributes: { v: 1 } }));
                        // A write refused with 503 (the cache slower than its timeout on a busy machine) changed nothing: no race to judge.
                        raced += written.status === 200 || written.status === 204 ? 1 : 0;
                    } finally {
                        release();
                    }
                    assert.deepStrictEqual((await read).body.attributes, { v: 0 }, "the read loaded the old value");
                    stale += (await staleIn(cacheKeys.byId(entity.id), (await realGet(entity.id))?.value ?? null)) ? 1 : 0;
                }));
            } finally {
                repository.get = realGet;
            }
            assert.ok(raced >= 15, `only ${raced} of 25 writes succeeded`);
            assert.strictEqual(stale, 0, `${stale} of ${raced} races left a stale value in the cache`);
        });
    });

    describe("strict input", () => {
        const bad: [string, string][] = [
            ["a number as name", `{"name":123}`],
            ["an array as name", `{"name":["x"]}`],
            ["a string as static", `{"name":"s","static":"true"}`],
            ["null as static", `{"name":"s","static":null}`],
            ["an integer beyond 2^53", `{"name":"big","attributes":{"n":9007199254740993}}`],
            ["a number beyond the double range", `{"name":"huge","attributes":{"n":1e400}}`],
            ["5,000 levels of nesting", `{"name":"deep","attributes":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}`],
            ["a NUL character", `{"name":"nul\\u0000name"}`],
        ];
        for (const [what, raw] of bad) {
            it(`rejects ${what} with 400 and stores nothing`, async () => {
                const before = svc.stats.dynamoWrites;
                const res = await call("POST", api, raw);
                assert.strictEqual(res.status, 400, JSON.stringify(res.body));
                assert.strictEqual(svc.stats.dynamoWrites, before, "no DynamoDB write was made");
            });
        }

        for (const id of ["urn:uuid:6f1c2d3e-1111-4222-8333-444455556666", "6F1C2D3E-1111-4222-8333-444455556666", "{6f1c2d3e-1111-4222-8333-444455556666}"]) {
            it(`rejects the non-canonical id ${id} with 400`, async () => {
                assert.strictEqual((await call("GET", `${api}/${encodeURIComponent(id)}`)).status, 400);
            });
        }

        it("answers a 10 MB body with 413, not a reset connection", async () => {
            const res = await call("POST", api, JSON.stringify({ name: "x", attributes: { blob: "x".repeat(10 * 1024 * 1024) } }));
            assert.strictEqual(res.status, 413);
            assert.strictEqual(res.body.error.code, "FST_ERR_CTP_BODY_TOO_LARGE");
        });

        it("points Location at the new entity, whatever the request's query string", async () => {
            const res = await create({ name: "located" });
            const created = await call("POST", `${api}?src=x`, { name: "located" });
            assert.strictEqual(new URL(created.headers.get("location")!, svc.url).pathname, `/api/v1/entities/${created.body.id}`);
            assert.ok(res.headers.get("location")!.endsWith(`/api/v1/entities/${res.body.id}`));
        });
    });

    describe("lists and retries", () => {
        it("pages a list by name with limit and next until every entity was returned once", async () => {
            const ids = new Set<string>();
            for (let i = 0; i < 5; i++) {
                ids.add((await create({ name: "paged" })).body.id);
            }
            const seen: string[] = [];
            let next: string | undefined;
            let pages = 0;
            do {
                const page = await call("GET", `${api}?name=paged&limit=2${next ? `&next=${next}` : ""}`);
                assert.strictEqual(page.status, 200, JSON.stringify(page.body));
                assert.ok(page.body.items.length <= 2);
                seen.push(...page.body.items.map((e: { id: string }) => e.id));
                next = page.body.next;
                pages++;
            } while (next !== undefined && pages < 10);
            assert.deepStrictEqual(new Set(seen), ids);
            assert.strictEqual(seen.length, 5);
            assert.strictEqual((await call("GET", `${api}?name=paged&next=bm9wZQ`)).status, 400);
        });

        it("creates once per Idempotency-Key: a retry gets the first answer, another body with the key a 422", async () => {
            const key = `retry-${Date.now()}`;
            const first = await create({ name: "idempotent" }, { "idempotency-key": key });
            const retry = await create({ name: "idempotent" }, { "idempotency-key": key });
            assert.strictEqual(retry.body.id, first.body.id);
            assert.strictEqual(retry.headers.get("idempotent-replayed"), "true");
            assert.strictEqual((await call("GET", `${api}?name=idempotent`)).body.items.length, 1);
            assert.strictEqual((await call("POST", api, { name: "other" }, { "idempotency-key": key })).status, 422);
            assert.strictEqual((await call("POST", api, { name: "x" }, { "idempotency-key": "has space" })).status, 400);
        });

        it("reads around the cache for Cache-Control: no-cache", async () => {
            const { body: entity } = await create({ name: "fresh" });
            await call("GET", `${api}/${entity.id}`);
            const fresh = await call("GET", `${api}/${entity.id}`, undefined, { "cache-control": "no-cache" });
            assert.strictEqual(fresh.headers.get("x-cache"), "bypass");
        });
    });
});
