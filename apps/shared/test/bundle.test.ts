import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { Pool } from "pg";
import { ENTITIES_TABLE } from "../../entities/test/harness";
import { freePort, LOCAL_AWS_ENV, RunningDynamo, RunningPostgres, RunningRedis, startDynamo, startPostgres, startRedis } from "../../../tests/helpers/servers";
import { faultProxy } from "../../../tests/helpers/faults";
import { bundleService } from "../bundle";
import { budget } from "../../../tests/helpers/budget";

/**
 * The images run the esbuild bundle, not ts-node: this builds both bundles exactly as the
 * Dockerfiles do and runs them as processes against the local servers (no Docker engine here).
 */
describe("service bundles (what the images run)", function () {
    this.timeout(budget(6000)); // two esbuild bundles and three servers started together, then four processes
    const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "bundles-"));
    let pg: RunningPostgres;
    let redis: RunningRedis;
    let dynamo: RunningDynamo;
    const children: ChildProcess[] = [];

    before(async () => {
        [pg, redis, dynamo] = await Promise.all([startPostgres(), startRedis(), startDynamo([{ spec: ENTITIES_TABLE, tableName: "bundle-Entities" }]), bundleService("entities", path.join(outRoot, "entities")), bundleService("catalog", path.join(outRoot, "catalog"))]);
        const admin = new Pool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: "postgres" });
        await admin.query("CREATE DATABASE app");
        await admin.end();
    });
    after(async () => {
        children.filter((c) => c.exitCode === null).forEach((c) => c.kill("SIGKILL"));
        await Promise.all([pg?.stop(), redis?.stop(), dynamo?.stop()]);
        fs.rmSync(outRoot, { recursive: true, force: true });
    });

    async function run(service: string, env: Record<string, string>) {
        const port = await freePort();
        const lines: string[] = [];
        // Only the bundle directory, as in the runtime image: nothing from node_modules may be needed.
        const child = spawn(process.execPath, [path.join(outRoot, service, "main.js")], { cwd: path.join(outRoot, service), env: { PATH: process.env.PATH ?? "", ...LOCAL_AWS_ENV, HOST: "127.0.0.1", PORT: String(port), ...env }, stdio: ["ignore", "pipe", "pipe"] });
        children.push(child);
        child.stdout!.on("data", (d) => lines.push(...String(d).split("\n").filter(Boolean)));
        child.stderr!.on("data", (d) => lines.push(...String(d).split("\n").filter(Boolean)));
        const url = `http://127.0.0.1:${port}`;
        const deadline = Date.now() + 20_000;
        for (;;) {
            const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
            if (ok) {
                break;
            }
            if (child.exitCode !== null || Date.now() > deadline) {
                throw new Error(`${service} bundle did not become healthy:\n${lines.join("\n")}`);
            }
            await new Promise((r) => setTimeout(r, 100));
        }
        const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
        return { url, lines, stop: async () => { child.kill("SIGTERM"); return exited; } };
    }

    it("runs both bundles: catalog calls entities over HTTP, then each exits 0 on SIGTERM", async () => {
        const entities = await run("entities", { ENTITIES_TABLE: "bundle-Entities", DYNAMODB_ENDPOINT: dynamo.endpoint, CACHE_HOST: redis.host, CACHE_PORT: String(redis.port), CACHE_TLS: "off", CACHE_AUTH_TOKEN: redis.password });
        const catalog = await run("catalog", { DB_HOST: pg.host, DB_PORT: String(pg.port), DB_NAME: "app", DB_USERNAME: pg.user, DB_PASSWORD: pg.password, DB_TLS: "off", ENTITIES_URL: entities.url });
        const author = await (await fetch(`${entities.url}/api/v1/entities`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Octavia Butler" }) })).json() as { id: string };
        const book = await fetch(`${catalog.url}/api/v1/books`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Kindred", authorEntityId: author.id }) });
        assert.strictEqual(book.status, 201, await book.text());
        assert.strictEqual(await catalog.stop(), 0, catalog.lines.join("\n"));
        assert.strictEqual(await entities.stop(), 0, entities.lines.join("\n"));
        // stderr also carries Node's own warnings (the AWS SDK warns on Node 20); the logs are the JSON lines.
        const logs = [...entities.lines, ...catalog.lines].filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { service: string; message: string });
        assert.ok(logs.some((l) => l.service === "catalog" && l.message === "migrations done"));
        assert.ok(logs.some((l) => l.service === "entities" && l.message === "shutting down"));
    });

    /** GET or POST over a keep-alive agent (the ALB's way), resolving with the status and the `connection` header. */
    function request(agent: http.Agent, url: string, method = "GET", body?: unknown): Promise<{ status: number; connection?: string }> {
        return new Promise((resolve, reject) => {
            const req = http.request(url, { agent, method, headers: body === undefined ? {} : { "content-type": "application/json" } }, (res) => {
                res.resume();
                res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
            });
            req.on("error", reject);
            req.end(body === undefined ? undefined : JSON.stringify(body));
        });
    }

    it("stops within 2 s of SIGTERM with exit 0 while a keep-alive request is in flight and its stores are frozen (entities)", async () => {
        const [cache, table] = await Promise.all([faultProxy(redis), faultProxy(dynamo)]);
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
            const entities = await run("entities", { ENTITIES_TABLE: "bundle-Entities", DYNAMODB_ENDPOINT: `http://${table.host}:${table.port}`, DYNAMODB_TIMEOUT_MS: "800", DYNAMODB_MAX_ATTEMPTS: "1", CACHE_HOST: cache.host, CACHE_PORT: String(cache.port), CACHE_TLS: "off", CACHE_AUTH_TOKEN: redis.password, CACHE_TIMEOUT_MS: "100" });
            assert.strictEqual((await request(agent, `${entities.url}/health`)).connection, "keep-alive");
            cache.freeze();
            table.freeze();
            const inFlight = request(agent, `${entities.url}/api/v1/entities/00000000-0000-4000-8000-000000000000`);
            await new Promise((r) => setTimeout(r, 50));
            const signalled = Date.now();
            const exit = entities.stop();
            const answer = await inFlight;
            assert.strictEqual(answer.status, 503, "the in-flight request is answered (DynamoDB frozen: 503)");
            assert.strictEqual(answer.connection, "close", "its keep-alive connection is closed with it");
            assert.strictEqual(await exit, 0, entities.lines.join("\n"));
            assert.ok(Date.now() - signalled < 2000, `exited ${Date.now() - signalled} ms after SIGTERM`);
        } finally {
            agent.destroy();
            cache.thaw();
            table.thaw();
            await Promise.all([cache.stop(), table.stop()]);
        }
    });

    it("stops within 2 s of SIGTERM with exit 0 while a keep-alive POST waits for entities (catalog)", async () => {
        const slow = http.createServer((req, res) => setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: req.url!.split("/").pop(), name: "slow", attributes: {} })), 500));
        await new Promise<void>((r) => slow.listen(0, "127.0.0.1", () => r()));
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
            const catalog = await run("catalog", { DB_HOST: pg.host, DB_PORT: String(pg.port), DB_NAME: "app", DB_USERNAME: pg.user, DB_PASSWORD: pg.password, DB_TLS: "off", ENTITIES_URL: `http://127.0.0.1:${(slow.address() as AddressInfo).port}` });
            assert.strictEqual((await request(agent, `${catalog.url}/health`)).connection, "keep-alive");
            const inFlight = request(agent, `${catalog.url}/api/v1/books`, "POST", { title: "In flight", authorEntityId: "00000000-0000-4000-8000-000000000000" });
            await new Promise((r) => setTimeout(r, 100));
            const signalled = Date.now();
            const exit = catalog.stop();
            const answer = await inFlight;
            assert.strictEqual(answer.status, 201, "the in-flight request completes");
            assert.strictEqual(answer.connection, "close");
            assert.strictEqual(await exit, 0, catalog.lines.join("\n"));
            assert.ok(Date.now() - signalled < 2000, `exited ${Date.now() - signalled} ms after SIGTERM`);
        } finally {
            agent.destroy();
            slow.closeAllConnections();
            await new Promise((r) => slow.close(r));
        }
    });

    it("refuses to start with a message naming every missing variable", async () => {
        const child = spawn(process.execPath, [path.join(outRoot, "catalog", "main.js")], { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
        let err = "";
        child.stderr!.on("data", (d) => (err += String(d)));
        const code = await new Promise((resolve) => child.once("exit", resolve));
        assert.strictEqual(code, 1);
        for (const key of ["DB_HOST", "ENTITIES_URL", "DB_USERNAME"]) {
            assert.match(err, new RegExp(key));
        }
    });
});
