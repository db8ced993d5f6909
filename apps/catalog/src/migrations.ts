import { Pool } from "pg";

/** Ordered, append-only: a released migration is never edited; a change is a new entry. */
export const MIGRATIONS: readonly { readonly id: string; readonly sql: string }[] = [
    {
        id: "001_books",
        sql: `
            CREATE TABLE books (
                id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                title            text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
                isbn             text UNIQUE CHECK (isbn ~ '^[0-9]{9}[0-9X]$|^[0-9]{13}$'),
                author_entity_id uuid NOT NULL,
                published_year   integer CHECK (published_year BETWEEN 1400 AND 2100),
                created_at       timestamptz NOT NULL DEFAULT now(),
                updated_at       timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX books_author_entity_id ON books (author_entity_id);`,
    },
    {
        id: "002_idempotency_keys",
        sql: `
            CREATE TABLE idempotency_keys (
                key          text PRIMARY KEY,
                request_hash text NOT NULL,
                response     jsonb,
                expires_at   timestamptz NOT NULL
            );
            CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
            CREATE INDEX books_created_at_id ON books (created_at, id);`,
    },
];

/**
 * Applies the migrations not applied yet, each in its own transaction, and records them in
 * `schema_migrations`. An advisory lock serialises tasks that start together (a deployment starts
 * several), so each migration runs once. Returns the ids applied by this call.
 */
export async function migrate(pool: Pool, migrations = MIGRATIONS): Promise<string[]> {
    const client = await pool.connect();
    const LOCK = 7_240_001;
    try {
        await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
        await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        const done = new Set((await client.query<{ id: string }>("SELECT id FROM schema_migrations")).rows.map((r) => r.id));
        const applied: string[] = [];
        for (const m of migrations.filter((x) => !done.has(x.id))) {
            await client.query("BEGIN");
            try {
                await client.query(m.sql);
                await client.query("INSERT INTO schema_migrations (id) VALUES ($1)", [m.id]);
                await client.query("COMMIT");
                applied.push(m.id);
            } catch (err) {
                await client.query("ROLLBACK");
                throw new Error(`migration ${m.id} failed: ${(err as Error).message}`);
            }
        }
        return applied;
    } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [LOCK]).catch(() => undefined);
        client.release();
    }
}
