import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { Pool } from "pg";
import { createLogger } from "../../shared/logger";
import { MeshClient, UpstreamError } from "../../shared/mesh-client";
import { RunningDynamo, RunningPostgres, RunningRedis, startDynamo, startPostgres, startRedis } from "../../../tests/helpers/servers";
import { ENTITIES_TABLE, logSink, startEntities, TABLE } from "../../entities/test/harness";
import { BookRepository } from "../src/books";
import { createPool, databaseBreaker } from "../src/db";
import { EntitiesClient } from "../src/entities-client";
import { migrate, MIGRATIONS } from "../src/migrations";
import { buildCatalogApp } from "../src/server";
import Redis from "ioredis";
import { FaultProxy, faultProxy } from "../../../tests/helpers/faults";
import { cacheKeys } from "../../entities/src/model";

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const started = Date.now();
    const res = await fetch(url, { method, headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text === "" ? undefined : JSON.parse(text), ms: Date.now() - started };
}

/** A real HTTP server on loopback whose answers the test scripts: `(n) => [status, body] | "hang"`. */
async function scriptedServer(answer: (n: number) => [number, unknown] | "hang") {
    let requests = 0;
    const server = http.createServer((_req, res) => {
        const a = answer(++requests);
        if (a === "hang") {
            return; // never answers: the client's timeout must fire
        }
        res.writeHead(a[0], { "content-type": "application/json" }).end(JSON.stringify(a[1]));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests: () => requests,
        stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
    };
}

describe("catalog service (apps/catalog) against PostgreSQL and a real entities service", () => {
    let pg: RunningPostgres;
    let redis: RunningRedis;
    let dynamo: RunningDynamo;
    let pool: Pool;
    let entities: Awaited<ReturnType<typeof startEntities>>;
    let catalogUrl: string;
    let stopCatalog: () => Promise<void>;
    let authorId: string;

    /** The catalog app over the test database, calling entities at `entitiesUrl`. */
    async function startCatalog(entitiesUrl: string, retries = 2, timeoutMs = 2000, db = pool) {
        const logs = logSink();
        const logger = createLogger("catalog", "warn", logs.stream);
        const mesh = new MeshClient({ service: "entities", baseUrl: entitiesUrl, retries, timeoutMs, backoffMs: 10 });
        const { app } = buildCatalogApp({ books: new BookRepository(db, databaseBreaker(logger, 500)), entities: new EntitiesClient(mesh), logger });
        await app.listen({ port: 0, host: "127.0.0.1" });
        return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, logs: logs.lines, stop: () => app.close() };
    }

    before(async () => {
        [pg, redis, dynamo] = await Promise.all([startPostgres(), startRedis(), startDynamo([{ spec: ENTITIES_TABLE, tableName: TABLE }])]);
        const admin = new Pool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: "postgres" });
        await admin.query("CREATE DATABASE catalog");
        await admin.end();
        // Through the service's own pool settings: password auth (SCRAM), TLS off as on loopback.
        pool = createPool({ host: pg.host, port: pg.port, database: "catalog", user: pg.user, password: async () => pg.password, tls: "off", maxConnections: 5 });
        assert.deepStrictEqual(await migrate(pool), MIGRATIONS.map((m) => m.id));
        entities = await startEntities(dynamo, redis);
        const author = await call("POST", `${entities.url}/api/v1/entities`, { name: "Ursula K. Le Guin", attributes: { kind: "author" } });
        authorId = author.body.id;
        const catalog = await startCatalog(entities.url);
        catalogUrl = `${catalog.url}/api/v1/books`;
        stopCatalog = catalog.stop;
    });
    after(async () => {
        await stopCatalog?.();
        await entities?.stop();
        await pool?.end();
        await Promise.all([pg?.stop(), redis?.stop(), dynamo?.stop()]);
    });

    describe("migrations", () => {
        it("applies nothing the second time, including when tasks start together", async () => {
            const runs = await Promise.all([migrate(pool), migrate(pool)]);
            assert.deepStrictEqual(runs, [[], []]);
            const rows = (await pool.query("SELECT id FROM schema_migrations ORDER BY id")).rows.map((r) => r.id);
            assert.deepStrictEqual(rows, MIGRATIONS.map((m) => m.id));
        });

        it("rolls back a failing migration and names it", async () => {
            await assert.rejects(migrate(pool, [...MIGRATIONS, { id: "999_broken", sql: "CREATE TABLE ok_part (x int); SELECT no_such_function()" }]), /migration 999_broken failed/);
            const exists = await pool.query("SELECT to_regclass('ok_part') AS t");
            assert.strictEqual(exists.rows[0].t, null, "the failed migration's statements are rolled back");
        });
    });

    describe("calls to entities over real HTTP", () => {
        it("creates a book after checking its author with the entities service", async () => {
            const res = await call("POST", catalogUrl, { title: "The Dispossessed", authorEntityId: authorId, isbn: "9780060512750", publishedYear: 1974 });
            assert.strictEqual(res.status, 201, JSON.stringify(res.body));
            const expanded = await call("GET", `${catalogUrl}/${res.body.id}?expand=author`);
            assert.strictEqual(expanded.status, 200);
            assert.strictEqual(expanded.body.author.name, "Ursula K. Le Guin");
            assert.deepStrictEqual(expanded.body.author.attributes, { kind: "author" });
        });

        it("refuses a book whose author is not an entity with 422", async () => {
            const res = await call("POST", catalogUrl, { title: "Ghost", authorEntityId: "00000000-0000-4000-8000-000000000000" });
            assert.strictEqual(res.status, 422);
            assert.strictEqual(res.body.error.code, "author_not_found");
        });

        it("retries a 503 from the callee and succeeds within the bound", async () => {
            const flaky = await scriptedServer((n) => (n < 3 ? [503, {}] : [200, { id: authorId, name: "x", attributes: {} }]));
            try {
                const client = new MeshClient({ service: "entities", baseUrl: flaky.url, retries: 2, backoffMs: 5 });
                const res = await client.get(`/api/v1/entities/${authorId}`);
                assert.strictEqual(res.status, 200);
                assert.strictEqual(flaky.requests(), 3);
            } finally {
                await flaky.stop();
            }
        });

        it("gives up after the bounded retries, and the catalog answers 503 naming the dependency", async () => {
            const down = await scriptedServer(() => [503, {}]);
            const catalog = await startCatalog(down.url, 2);
            try {
                const res = await call("POST", `${catalog.url}/api/v1/books`, { title: "T", authorEntityId: authorId });
                assert.strictEqual(res.status, 503);
                assert.strictEqual(res.body.error.code, "dependency_unavailable");
                assert.match(res.body.error.message, /entities unavailable after 3 attempt/);
                assert.ok(Number(res.headers.get("retry-after")) >= 1);
                assert.strictEqual(down.requests(), 3, "1 attempt + 2 retries");
                assert.ok(catalog.logs.some((l) => l.level === "warn" && l.message === "dependency unavailable"), "the 503 is logged");
            } finally {
                await catalog.stop();
                await down.stop();
            }
        });

        it("never retries a 4xx", async () => {
            const bad = await scriptedServer(() => [400, { error: { code: "validation_failed" } }]);
            try {
                const res = await new MeshClient({ service: "entities", baseUrl: bad.url, retries: 2, backoffMs: 5 }).get("/x");
                assert.strictEqual(res.status, 400);
                assert.strictEqual(bad.requests(), 1);
            } finally {
                await bad.stop();
            }
        });

        it("times out an attempt that does not answer", async () => {
            const hung = await scriptedServer(() => "hang");
            try {
                const started = Date.now();
                await assert.rejects(new MeshClient({ service: "entities", baseUrl: hung.url, retries: 1, timeoutMs: 150, backoffMs: 5 }).get("/x"), (err: unknown) => err instanceof UpstreamError && /timed out after 150 ms/.test(err.message));
                assert.strictEqual(hung.requests(), 2);
                assert.ok(Date.now() - started < 2000);
            } finally {
                await hung.stop();
            }
        });
    });

    describe("API", () => {
        it("lists, updates and deletes books, filtered by author", async () => {
            const created = await call("POST", catalogUrl, { title: "A Wizard of Earthsea", authorEntityId: authorId });
            const list = await call("GET", `${catalogUrl}?authorEntityId=${authorId}&limit=100`);
            assert.ok(list.body.items.some((b: { id: string }) => b.id === created.body.id));
            const patched = await call("PATCH", `${catalogUrl}/${created.body.id}`, { publishedYear: 1968 });
            assert.strictEqual(patched.body.publishedYear, 1968);
            assert.strictEqual((await call("DELETE", `${catalogUrl}/${created.body.id}`)).status, 204);
            assert.strictEqual((await call("GET", `${catalogUrl}/${created.body.id}`)).status, 404);
        });

        it("answers 409 for an ISBN already in the catalogue", async () => {
            await call("POST", catalogUrl, { title: "First", authorEntityId: authorId, isbn: "0441478123" });
            const res = await call("POST", catalogUrl, { title: "Second", authorEntityId: authorId, isbn: "0441478123" });
            assert.strictEqual(res.status, 409);
            assert.strictEqual(res.body.error.code, "duplicate_isbn");
        });

        const invalid: [string, string, string, unknown, string][] = [
            ["a book without a title", "POST", "", { authorEntityId: "00000000-0000-4000-8000-000000000000" }, "body.title"],
            ["an author id that is not a UUID", "POST", "", { title: "x", authorEntityId: "42" }, "body.authorEntityId"],
            ["a malformed ISBN", "POST", "", { title: "x", authorEntityId: "00000000-0000-4000-8000-000000000000", isbn: "12-34" }, "body.isbn"],
            ["a year out of range", "POST", "", { title: "x", authorEntityId: "00000000-0000-4000-8000-000000000000", publishedYear: 99999 }, "body.publishedYear"],
            ["a limit above 100", "GET", "?limit=500", undefined, "querystring.limit"],
            ["an unknown expansion", "GET", "/00000000-0000-4000-8000-000000000000?expand=everything", undefined, "querystring.expand"],
        ];
        for (const [what, method, suffix, body, field] of invalid) {
            it(`rejects ${what} with 400 naming ${field}`, async () => {
                const res = await call(method, `${catalogUrl}${suffix}`, body);
                assert.strictEqual(res.status, 400, JSON.stringify(res.body));
                assert.ok(res.body.error.details.some((d: { field: string }) => d.field.startsWith(field)), JSON.stringify(res.body.error));
            });
        }
    });

    describe("PostgreSQL frozen or down", () => {
        const STATEMENT_MS = 300;
        let proxy: FaultProxy;
        let faulty: Pool;
        let catalog: Awaited<ReturnType<typeof startCatalog>>;
        let bookId: string;

        before(async () => {
            proxy = await faultProxy(pg);
            faulty = createPool({ host: proxy.host, port: proxy.port, database: "catalog", user: pg.user, password: async () => pg.password, tls: "off", maxConnections: 5, connectTimeoutMs: 300, statementTimeoutMs: STATEMENT_MS });
            faulty.on("error", () => undefined);
            catalog = await startCatalog(entities.url, 2, 2000, faulty);
            bookId = (await call("POST", `${catalog.url}/api/v1/books`, { title: "Frozen", authorEntityId: authorId })).body.id;
        });
        after(async () => {
            proxy?.thaw();
            proxy?.accept();
            await catalog?.stop();
            await faulty?.end();
            await proxy?.stop();
        });
        const recovered = async () => {
            for (let i = 0; i < 100; i++) {
                if ((await call("GET", `${catalog.url}/api/v1/books/${bookId}`)).status === 200) {
                    return;
                }
                await new Promise((r) => setTimeout(r, 50));
            }
            assert.fail("the catalog did not recover");
        };

        it("answers 503 with Retry-After within the statement timeout, then at once while the breaker is open", async () => {
            proxy.freeze();
            try {
                const first = await call("GET", `${catalog.url}/api/v1/books/${bookId}`);
                assert.strictEqual(first.status, 503, JSON.stringify(first.body));
                assert.strictEqual(first.body.error.code, "dependency_unavailable");
                assert.ok(Number(first.headers.get("retry-after")) >= 1);
                // The client's query timeout equals the statement timeout: a frozen server cannot enforce its own (margin for a busy machine).
                assert.ok(first.ms < STATEMENT_MS + 500, `answered in ${first.ms} ms`);
                const second = await call("GET", `${catalog.url}/api/v1/books/${bookId}`);
                assert.strictEqual(second.status, 503);
                assert.ok(second.ms < STATEMENT_MS, `the open breaker answered in ${second.ms} ms`);
            } finally {
                proxy.thaw();
            }
            await recovered();
        });

        it("answers 503, not 500, while PostgreSQL refuses connections, and backs off instead of a connection per request", async () => {
            proxy.refuse();
            const before = proxy.accepted;
            const started = Date.now();
            try {
                let requests = 0;
                while (Date.now() - started < 1000) {
                    const res = await call("GET", `${catalog.url}/api/v1/books/${bookId}`);
                    assert.strictEqual(res.status, 503, JSON.stringify(res.body));
                    requests++;
                }
                const attempts = proxy.accepted - before;
                assert.ok(requests > 20, `${requests} requests`);
                assert.ok(attempts <= 10, `${attempts} connection attempts in a second for ${requests} requests`);
            } finally {
                proxy.accept();
            }
            await recovered();
        });
    });

    describe("strict input, pagination, PATCH and retries", () => {
        const books = async () => Number((await pool.query("SELECT count(*) AS n FROM books")).rows[0].n);
        const bad: [string, string][] = [
            ["a number as title", `{"title":12345,"authorEntityId":"00000000-0000-4000-8000-000000000000"}`],
            ["a string as year", `{"title":"t","authorEntityId":"00000000-0000-4000-8000-000000000000","publishedYear":"1999"}`],
            ["a NUL character in the title", `{"title":"nul\\u0000","authorEntityId":"00000000-0000-4000-8000-000000000000"}`],
            ["a urn:uuid author id", `{"title":"t","authorEntityId":"urn:uuid:00000000-0000-4000-8000-000000000000"}`],
            ["an upper-case author id", `{"title":"t","authorEntityId":"6F1C2D3E-1111-4222-8333-444455556666"}`],
        ];
        for (const [what, raw] of bad) {
            it(`rejects ${what} with 400 and stores nothing`, async () => {
                const before = await books();
                const res = await call("POST", catalogUrl, raw);
                assert.strictEqual(res.status, 400, JSON.stringify(res.body));
                assert.strictEqual(await books(), before);
            });
        }

        it("clears isbn and publishedYear with null in a PATCH", async () => {
            const created = await call("POST", catalogUrl, { title: "Clearable", authorEntityId: authorId, isbn: "9780000000002", publishedYear: 2001 });
            const patched = await call("PATCH", `${catalogUrl}/${created.body.id}`, { isbn: null, publishedYear: null });
            assert.strictEqual(patched.status, 200, JSON.stringify(patched.body));
            assert.strictEqual(patched.body.isbn, null);
            assert.strictEqual(patched.body.publishedYear, null);
            assert.strictEqual((await call("PATCH", `${catalogUrl}/${created.body.id}`, { title: null })).status, 400, "the title is required, so it cannot be cleared");
        });

        it("pages an author's books with limit and next, in creation order, each once", async () => {
            const author = await call("POST", `${entities.url}/api/v1/entities`, { name: "Paged Author" });
            const ids: string[] = [];
            for (let i = 0; i < 5; i++) {
                ids.push((await call("POST", catalogUrl, { title: `Book ${i}`, authorEntityId: author.body.id })).body.id);
            }
            const seen: string[] = [];
            let next: string | undefined;
            do {
                const page = await call("GET", `${catalogUrl}?authorEntityId=${author.body.id}&limit=2${next ? `&next=${next}` : ""}`);
                assert.strictEqual(page.status, 200, JSON.stringify(page.body));
                seen.push(...page.body.items.map((b: { id: string }) => b.id));
                next = page.body.next;
            } while (next !== undefined && seen.length < 10);
            assert.deepStrictEqual(seen, ids);
            assert.strictEqual((await call("GET", `${catalogUrl}?next=garbage`)).status, 400);
        });

        it("creates once per Idempotency-Key: a retry gets the first answer, another body with the key a 422", async () => {
            const key = `book-${Date.now()}`;
            const before = await books();
            const [first, retry] = await Promise.all([0, 1].map(() => call("POST", catalogUrl, { title: "Once", authorEntityId: authorId }, { "idempotency-key": key })));
            assert.strictEqual(first.status, 201);
            assert.strictEqual(retry.status, 201);
            assert.strictEqual(retry.body.id, first.body.id, "concurrent requests with one key create one book");
            assert.strictEqual(await books(), before + 1);
            const later = await call("POST", catalogUrl, { title: "Once", authorEntityId: authorId }, { "idempotency-key": key });
            assert.strictEqual(later.headers.get("idempotent-replayed"), "true");
            assert.strictEqual(later.body.id, first.body.id);
            assert.strictEqual((await call("POST", catalogUrl, { title: "Other", authorEntityId: authorId }, { "idempotency-key": key })).status, 422);
        });

        it("checks the author with a read around entities' cache: a deleted author is refused even while a stale copy is cached", async () => {
            const author = await call("POST", `${entities.url}/api/v1/entities`, { name: "Gone Author" });
            await call("GET", `${entities.url}/api/v1/entities/${author.body.id}`);
            assert.strictEqual((await call("DELETE", `${entities.url}/api/v1/entities/${author.body.id}`)).status, 204);
            // Put the old author back into the cache, as the stale fill did before versioned entries.
            const admin = new Redis({ host: redis.host, port: redis.port, password: redis.password });
            try {
                await admin.hset(cacheKeys.byId(author.body.id), "v", 99, "d", JSON.stringify(author.body), "p", 0);
            } finally {
                admin.disconnect();
            }
            assert.strictEqual((await call("GET", `${entities.url}/api/v1/entities/${author.body.id}`)).status, 200, "the cached copy is stale by construction");
            const res = await call("POST", catalogUrl, { title: "Orphan", authorEntityId: author.body.id });
            assert.strictEqual(res.status, 422, JSON.stringify(res.body));
        });

        it("points Location at the new book, whatever the request's query string", async () => {
            const res = await call("POST", `${catalogUrl}?src=x`, { title: "Located", authorEntityId: authorId });
            assert.strictEqual(new URL(res.headers.get("location")!, catalogUrl).pathname, `/api/v1/books/${res.body.id}`);
        });
    });
});
