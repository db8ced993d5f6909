/** The entities service in the soak script (scripts/soak.ts): its endpoints under load and its fault cases. */
import { SoakContext, SoakProfile, SoakRequest } from "../../scripts/lib/soak-profile";
import { declaredTable } from "../../tests/helpers/declared-tables";

const TABLE = "soak-Entities";
const API = "/api/v1/entities";
/** Cache command timeout the service runs with in the soak (its default). */
const CACHE_TIMEOUT_MS = 250;
/** Shorter than the default 5 s, so that the fault cases recover quickly. */
const CACHE_BACKOFF_MAX_MS = 1000;
const DYNAMODB_TIMEOUT_MS = 1000;
const DYNAMODB_MAX_ATTEMPTS = 3;

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

/** Creates `n` entities and returns their ids (read once, so that the cache holds them). */
async function seed(ctx: SoakContext, n: number, name = "soak"): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < ctx.seedCount(n); i++) {
        const res = await ctx.call("entities", { method: "POST", path: API, body: { name, attributes: { i, tags: ["a", "b"] } } });
        if (res.status !== 201) {
            throw new Error(`seeding entities: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        }
        ids.push(res.body.id);
        await ctx.call("entities", { method: "GET", path: `${API}/${res.body.id}` });
    }
    return ids;
}

const get = (id: string, headers?: Record<string, string>): SoakRequest => ({ method: "GET", path: `${API}/${id}`, headers, ok: [200] });

export const soakProfile: SoakProfile = {
    service: "entities",
    needs: ["dynamo", "redis"],
    calls: [],
    // The table as the service declares it (entities:tables), so the soak runs against the deployed shape.
    dynamoTables: [{ spec: declaredTable("entities", "Entities"), tableName: TABLE }],
    env: (ctx) => ({
        ENTITIES_TABLE: TABLE,
        DYNAMODB_ENDPOINT: `http://${ctx.proxies.dynamo!.host}:${ctx.proxies.dynamo!.port}`,
        DYNAMODB_TIMEOUT_MS: String(DYNAMODB_TIMEOUT_MS),
        DYNAMODB_MAX_ATTEMPTS: String(DYNAMODB_MAX_ATTEMPTS),
        CACHE_HOST: ctx.proxies.redis!.host,
        CACHE_PORT: String(ctx.proxies.redis!.port),
        CACHE_TLS: "off",
        CACHE_AUTH_TOKEN: ctx.redis!.password,
        CACHE_TIMEOUT_MS: String(CACHE_TIMEOUT_MS),
        CACHE_BACKOFF_MAX_MS: String(CACHE_BACKOFF_MAX_MS),
    }),
    endpoints: [
        {
            name: "GET /:id (cache hit)",
            common: true,
            prepare: async (ctx) => {
                const ids = await seed(ctx, 50);
                return () => get(pick(ids));
            },
        },
        {
            name: "GET /:id (Cache-Control: no-cache, DynamoDB read)",
            common: true,
            prepare: async (ctx) => {
                const ids = await seed(ctx, 20);
                return () => get(pick(ids), { "cache-control": "no-cache" });
            },
        },
        {
            name: "GET ?name= (NameIndex page)",
            common: true,
            prepare: async (ctx) => {
                await seed(ctx, 10, "listed");
                return () => ({ method: "GET", path: `${API}?name=listed&limit=20`, ok: [200] });
            },
        },
        {
            name: "POST",
            common: true,
            prepare: async () => () => ({ method: "POST", path: API, body: { name: "posted", attributes: { n: Math.random() } }, ok: [201] }),
        },
        {
            name: "PATCH",
            common: true,
            prepare: async (ctx) => {
                const ids = await seed(ctx, 50);
                return () => ({ method: "PATCH", path: `${API}/${pick(ids)}`, body: { attributes: { n: Math.random() } }, ok: [200] });
            },
        },
    ],
    faults: [
        {
            name: "cache frozen (SIGSTOP-like): reads answer from DynamoDB",
            run: async (ctx) => {
                const ids = await seed(ctx, 20);
                ctx.proxies.redis!.freeze();
                try {
                    const r = await ctx.load("entities", () => get(pick(ids)), 1500);
                    const bound = CACHE_TIMEOUT_MS + 750;
                    return { pass: r.errors === 0 && r.p99 < bound, outcome: `${r.requests} reads, ${r.errors} errors, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms (bound: cache timeout ${CACHE_TIMEOUT_MS} ms + DynamoDB, p99 < ${bound} ms)` };
                } finally {
                    ctx.proxies.redis!.thaw();
                }
            },
        },
        {
            name: "cache connections killed during writes: no stale read afterwards",
            run: async (ctx) => {
                const ids = await seed(ctx, 20);
                const killer = setInterval(() => ctx.proxies.redis!.cutConnections(), 200);
                const r = await ctx.load("entities", () => ({ method: "PATCH", path: `${API}/${pick(ids)}`, body: { attributes: { n: Math.random() } }, ok: [200, 503] }), 1500).finally(() => clearInterval(killer));
                // Until the breaker closes, reads skip the cache: compare once it serves again.
                await new Promise((resolve) => setTimeout(resolve, CACHE_BACKOFF_MAX_MS + 500));
                let stale = 0;
                for (const id of ids) {
                    const [cached, fresh] = [await ctx.call("entities", { method: "GET", path: `${API}/${id}` }), await ctx.call("entities", { method: "GET", path: `${API}/${id}`, headers: { "cache-control": "no-cache" } })];
                    stale += JSON.stringify(cached.body) === JSON.stringify(fresh.body) ? 0 : 1;
                }
                return { pass: stale === 0 && (r.statuses["500"] ?? 0) === 0, outcome: `${r.requests} PATCHes: ${JSON.stringify(r.statuses)}; ${stale} of ${ids.length} entities stale in the cache afterwards` };
            },
        },
        {
            name: "DynamoDB frozen: 503 within the SDK's bounds",
            run: async (ctx) => {
                const ids = await seed(ctx, 5);
                ctx.proxies.dynamo!.freeze();
                try {
                    const r = await ctx.load("entities", () => ({ ...get(pick(ids), { "cache-control": "no-cache" }), ok: [503] }), 1500);
                    const bound = DYNAMODB_TIMEOUT_MS * DYNAMODB_MAX_ATTEMPTS + 1000;
                    return { pass: r.errors === 0 && r.max < bound, outcome: `${r.requests} reads: ${JSON.stringify(r.statuses)}, max ${r.max} ms (bound ${bound} ms: ${DYNAMODB_MAX_ATTEMPTS} attempts of ${DYNAMODB_TIMEOUT_MS} ms)` };
                } finally {
                    ctx.proxies.dynamo!.thaw();
                }
            },
        },
    ],
};
