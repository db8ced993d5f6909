/** The catalog service in the soak script (scripts/soak.ts): its endpoints under load and its fault cases. */
import { Pool } from "pg";
import { SoakContext, SoakProfile, SoakRequest } from "../../scripts/lib/soak-profile";

const API = "/api/v1/books";
/** Shorter than the default 5 s so that the frozen-database case takes seconds; the happy path never comes near it. */
const STATEMENT_TIMEOUT_MS = 1000;
const BACKOFF_MAX_MS = 1000;

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];

async function author(ctx: SoakContext): Promise<string> {
    const res = await ctx.call("entities", { method: "POST", path: "/api/v1/entities", body: { name: "Soak Author" } });
    return res.body.id;
}

async function seedBooks(ctx: SoakContext, authorId: string, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < ctx.seedCount(n); i++) {
        const res = await ctx.call("catalog", { method: "POST", path: API, body: { title: `Soak ${i}`, authorEntityId: authorId } });
        if (res.status !== 201) {
            throw new Error(`seeding books: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        }
        ids.push(res.body.id);
    }
    return ids;
}

const get = (id: string): SoakRequest => ({ method: "GET", path: `${API}/${id}`, ok: [200] });

export const soakProfile: SoakProfile = {
    service: "catalog",
    needs: ["postgres"],
    calls: ["entities"],
    setup: async (ctx) => {
        const pg = ctx.postgres!;
        const admin = new Pool({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: pg.database });
        try {
            await admin.query("CREATE DATABASE soak");
        } finally {
            await admin.end();
        }
    },
    env: (ctx) => ({
        DB_HOST: ctx.proxies.postgres!.host,
        DB_PORT: String(ctx.proxies.postgres!.port),
        DB_NAME: "soak",
        DB_USERNAME: ctx.postgres!.user,
        DB_PASSWORD: ctx.postgres!.password,
        DB_TLS: "off",
        DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        // A probe of the breaker opens a new connection: within the same bound as a statement.
        DB_CONNECT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
        DB_BACKOFF_MAX_MS: String(BACKOFF_MAX_MS),
        ENTITIES_URL: ctx.urls.entities,
    }),
    endpoints: [
        {
            name: "GET /:id",
            common: true,
            prepare: async (ctx) => {
                const ids = await seedBooks(ctx, await author(ctx), 50);
                return () => get(pick(ids));
            },
        },
        {
            name: "GET ?authorEntityId= (page of 20)",
            common: true,
            prepare: async (ctx) => {
                const authorId = await author(ctx);
                await seedBooks(ctx, authorId, 30);
                return () => ({ method: "GET", path: `${API}?authorEntityId=${authorId}&limit=20`, ok: [200] });
            },
        },
        {
            name: "POST (author checked with entities, fresh read)",
            common: true,
            prepare: async (ctx) => {
                const authorId = await author(ctx);
                return () => ({ method: "POST", path: API, body: { title: "Posted", authorEntityId: authorId }, ok: [201] });
            },
        },
        {
            name: "PATCH (title only: no author check)",
            common: true,
            prepare: async (ctx) => {
                const ids = await seedBooks(ctx, await author(ctx), 50);
                return () => ({ method: "PATCH", path: `${API}/${pick(ids)}`, body: { title: `T${Math.random()}` }, ok: [200] });
            },
        },
    ],
    faults: [
        {
            name: "PostgreSQL frozen (SIGSTOP-like): 503 within the statement timeout",
            run: async (ctx) => {
                const ids = await seedBooks(ctx, await author(ctx), 5);
                ctx.proxies.postgres!.freeze();
                try {
                    const r = await ctx.load("catalog", () => ({ ...get(pick(ids)), ok: [503] }), 2000);
                    const bound = STATEMENT_TIMEOUT_MS + 500;
                    return { pass: r.errors === 0 && r.max < bound, outcome: `${r.requests} reads: ${JSON.stringify(r.statuses)}, p50 ${r.p50} ms, max ${r.max} ms (bound: statement timeout ${STATEMENT_TIMEOUT_MS} ms + 500)` };
                } finally {
                    ctx.proxies.postgres!.thaw();
                    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MAX_MS + 500));
                }
            },
        },
        {
            name: "PostgreSQL refusing connections: 503, and reconnects back off",
            run: async (ctx) => {
                const ids = await seedBooks(ctx, await author(ctx), 5);
                const proxy = ctx.proxies.postgres!;
                proxy.refuse();
                const before = proxy.accepted;
                try {
                    const r = await ctx.load("catalog", () => ({ ...get(pick(ids)), ok: [503] }), 2000);
                    const attempts = proxy.accepted - before;
                    return { pass: r.errors === 0 && attempts <= 20, outcome: `${r.requests} reads: ${JSON.stringify(r.statuses)}, max ${r.max} ms; ${attempts} connection attempts in 2 s` };
                } finally {
                    proxy.accept();
                    await new Promise((resolve) => setTimeout(resolve, BACKOFF_MAX_MS + 500));
                }
            },
        },
    ],
};
