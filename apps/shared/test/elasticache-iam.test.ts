import * as assert from "assert";
import { createHash, createHmac } from "node:crypto";
import Redis from "ioredis";
import { CACHE_APP_ACCESS_STRING, CACHE_DEFAULT_ACCESS_STRING } from "../../../components/data/cache";
import { startRedis, RunningRedis } from "../../../tests/helpers/servers";
import { elastiCacheIamCredentials, elastiCacheIamFromEnv, elastiCacheIamToken, ElastiCacheIamTarget, refreshCredentials, TOKEN_LIFETIME_SECONDS } from "../elasticache-iam";

/** AWS's documented example key pair: fixed credentials and a fixed clock make the token reproducible. */
const TARGET: ElastiCacheIamTarget = {
    replicationGroupId: "prod-entities-cache",
    userId: "prod-entities-app",
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session/token+example=" },
};
const AT = new Date("2026-11-27T15:00:00Z");

/**
 * SigV4 verification written from the specification, independent of the SDK: rebuild the canonical
 * request from the token's own query string, derive the signing key, and compare signatures. This is
 * what ElastiCache does with a token (plus its IAM policy check, which only AWS can show).
 */
function verifySigV4(token: string, secretAccessKey: string): { valid: boolean; params: Record<string, string> } {
    const [host, query] = token.split("/?");
    const pairs = query.split("&").map((p) => p.split("=") as [string, string]);
    const params = Object.fromEntries(pairs.map(([k, v]) => [decodeURIComponent(k), decodeURIComponent(v)]));
    const unsigned = pairs.filter(([k]) => k !== "X-Amz-Signature").sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&");
    const canonicalRequest = ["GET", "/", unsigned, `host:${host}\n`, "host", createHash("sha256").update("").digest("hex")].join("\n");
    const [, date, region, service] = params["X-Amz-Credential"].split("/");
    const scope = `${date}/${region}/${service}/aws4_request`;
    const stringToSign = ["AWS4-HMAC-SHA256", params["X-Amz-Date"], scope, createHash("sha256").update(canonicalRequest).digest("hex")].join("\n");
    const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
    const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
    return { valid: createHmac("sha256", signingKey).update(stringToSign).digest("hex") === params["X-Amz-Signature"], params };
}

describe("ElastiCache IAM token signer", () => {
    it("presigns GET <replication group>/?Action=connect&User=<user> for elasticache, 15 minutes, host only, with a valid SigV4 signature", async () => {
        const token = await elastiCacheIamToken(TARGET, AT);
        assert.ok(token.startsWith("prod-entities-cache/?"), token);
        assert.ok(!token.includes("://"), "no scheme in the token");
        const { valid, params } = verifySigV4(token, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        assert.deepStrictEqual({ ...params, "X-Amz-Signature": "<checked>" }, {
            Action: "connect",
            User: "prod-entities-app",
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Credential": "AKIDEXAMPLE/20261127/us-east-1/elasticache/aws4_request",
            "X-Amz-Date": "20261127T150000Z",
            "X-Amz-Expires": String(TOKEN_LIFETIME_SECONDS),
            "X-Amz-Security-Token": "session/token+example=",
            "X-Amz-SignedHeaders": "host",
            "X-Amz-Signature": "<checked>",
        });
        assert.ok(valid, "signature verifies");
        assert.ok(!verifySigV4(token, "another-secret").valid, "the check can fail");
    });

    it("is deterministic for a clock and credentials, and changes with the clock", async () => {
        assert.strictEqual(await elastiCacheIamToken(TARGET, AT), await elastiCacheIamToken(TARGET, AT));
        assert.notStrictEqual(await elastiCacheIamToken(TARGET, new Date(AT.getTime() + 1000)), await elastiCacheIamToken(TARGET, AT));
    });

    it("gives the user name with the token as credentials", async () => {
        const credentials = await elastiCacheIamCredentials(TARGET)(AT);
        assert.deepStrictEqual(credentials, { username: "prod-entities-app", password: await elastiCacheIamToken(TARGET, AT) });
    });

    it("reads its target from the service's environment: all three variables or none", () => {
        assert.strictEqual(elastiCacheIamFromEnv({}), undefined);
        assert.strictEqual(typeof elastiCacheIamFromEnv({ CACHE_IAM_USER: "u", CACHE_REPLICATION_GROUP_ID: "g", CACHE_REGION: "us-east-1" }), "function");
        assert.throws(() => elastiCacheIamFromEnv({ CACHE_IAM_USER: "u" }), /CACHE_REPLICATION_GROUP_ID, CACHE_REGION not set/);
    });
});

/**
 * Against a real redis-server (7): ElastiCache's side is played by the ACL. The service's user gets
 * the DataTier's access string and, as its password, the token the signer produced for the clock;
 * `default` is switched off as in the DataTier's user group. What only AWS can show: that ElastiCache
 * accepts the signature and checks elasticache:Connect on the group and the user.
 */
describe("ElastiCache IAM credentials against redis-server", function () {
    this.timeout(30_000);
    let server: RunningRedis;
    let admin: Redis;
    const clients: Redis[] = [];
    const user = TARGET.userId;

    before(async () => {
        server = await startRedis();
        admin = new Redis({ host: server.host, port: server.port, password: server.password, lazyConnect: true });
        await admin.connect();
        // An admin user first, since switching `default` off ends what the server's password allowed.
        await admin.call("ACL", "SETUSER", "admin", "on", `>${server.password}`, "~*", "&*", "+@all");
        await admin.auth("admin", server.password);
        await admin.call("ACL", "SETUSER", user, "reset", ...CACHE_APP_ACCESS_STRING.split(" "), `>${await elastiCacheIamToken(TARGET, AT)}`);
        await admin.call("ACL", "SETUSER", "default", "reset", ...CACHE_DEFAULT_ACCESS_STRING.split(" "), "nopass");
    });

    after(async () => {
        for (const c of clients) {
            c.disconnect();
        }
        admin?.disconnect();
        await server?.stop();
    });

    const connect = (options: { username?: string; password?: string }) => {
        const client = new Redis({ host: server.host, port: server.port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 50, ...options });
        client.on("error", () => undefined);
        clients.push(client);
        return client;
    };

    it("lets the service's user in with the signed token and run what the cache client runs (ready check, GET, SET EX, DEL)", async () => {
        const client = connect(await elastiCacheIamCredentials(TARGET)(AT));
        await client.connect();
        assert.strictEqual(await client.set("entity:1", "{}", "EX", 60), "OK");
        assert.strictEqual(await client.get("entity:1"), "{}");
        assert.strictEqual(await client.del("entity:1"), 1);
    });

    it("lets the service's user run the Lua scripts a cache client defines (EVALSHA, then EVAL on NOSCRIPT) with hash and expiry commands inside", async () => {
        const client = connect(await elastiCacheIamCredentials(TARGET)(AT)) as Redis & { mark(key: string, ttl: number): Promise<number> };
        client.defineCommand("mark", { numberOfKeys: 1, lua: "redis.call('HSET', KEYS[1], 'p', 1)\nredis.call('EXPIRE', KEYS[1], ARGV[1])\nreturn redis.call('HGET', KEYS[1], 'p')" });
        await client.connect();
        assert.strictEqual(Number(await client.mark("entity:3", 60)), 1);
        assert.strictEqual(Number(await client.mark("entity:3", 60)), 1, "the second call runs the cached script by its SHA");
    });

    it("refuses the user dangerous commands, and refuses anyone who has not authenticated", async () => {
        const client = connect(await elastiCacheIamCredentials(TARGET)(AT));
        await client.connect();
        await assert.rejects(client.flushall(), /NOPERM/);
        await assert.rejects(client.keys("*"), /NOPERM/);
        const anonymous = connect({ enableReadyCheck: false } as { username?: string });
        await anonymous.connect();
        await assert.rejects(anonymous.get("entity:1"), /NOAUTH/);
    });

    it("refuses a token signed for another clock (another signature)", async () => {
        const client = connect({ enableReadyCheck: false } as { username?: string });
        await client.connect();
        await assert.rejects(client.auth(user, await elastiCacheIamToken(TARGET, new Date(AT.getTime() + 60_000))), /WRONGPASS/);
        assert.strictEqual(await client.auth(user, await elastiCacheIamToken(TARGET, AT)), "OK");
    });

    it("after a refresh, re-authenticates the live connection and reconnects with the new token, never the old one", async () => {
        const client = connect(await elastiCacheIamCredentials(TARGET)(AT));
        await client.connect();
        const later = new Date(AT.getTime() + 5 * 60_000);
        const fresh = await elastiCacheIamToken(TARGET, later);
        // ElastiCache accepts the new token; the old one has expired.
        await admin.call("ACL", "SETUSER", user, `>${fresh}`, `<${await elastiCacheIamToken(TARGET, AT)}`);
        await refreshCredentials(client, elastiCacheIamCredentials(TARGET), later);
        assert.strictEqual(client.options.password, fresh);
        const before = Number(await client.client("ID"));
        // The server drops the connection (as ElastiCache does after 12 hours, or a failover):
        await admin.client("KILL", "ID", String(before));
        await new Promise((resolve) => client.once("ready", resolve));
        assert.notStrictEqual(Number(await client.client("ID")), before, "a new connection");
        assert.strictEqual(await client.set("entity:2", "{}", "EX", 60), "OK");
    });
});
