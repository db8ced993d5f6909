import { Pool, PoolClient, QueryResult } from "pg";
import { BreakerOpenError, CircuitBreaker } from "../../shared/breaker";
import { dependencyUnavailable } from "../../shared/http";
import { withSpan } from "../../shared/telemetry";
import { postgresUnavailable } from "./db";

export interface Book {
    readonly id: string;
    readonly title: string;
    readonly isbn: string | null;
    readonly authorEntityId: string;
    readonly publishedYear: number | null;
    readonly createdAt: string;
    readonly updatedAt: string;
}

export interface BookInput {
    readonly title: string;
    readonly isbn?: string;
    readonly authorEntityId: string;
    readonly publishedYear?: number;
}

/** A change: absent fields are kept; `isbn` and `publishedYear` set to null are cleared. */
export type BookPatch = Partial<Omit<BookInput, "isbn" | "publishedYear">> & { readonly isbn?: string | null; readonly publishedYear?: number | null };

/** Position in the list (created_at, id): created_at in microseconds since the epoch, exact, as text. */
export type BookPosition = { t: string; i: string };

/** Thrown when an ISBN is already in the catalogue (PostgreSQL's unique_violation). */
export class DuplicateIsbnError extends Error {}

/** An idempotent create's outcome: the book, and whether it is the answer an earlier request got; `reused` when the key came with another body. */
export type IdempotentCreate = { readonly book: Book; readonly replayed: boolean } | { readonly reused: true };

const COLUMNS = { title: "title", isbn: "isbn", authorEntityId: "author_entity_id", publishedYear: "published_year" } as const;
const SELECT = "id, title, isbn, author_entity_id, published_year, created_at, updated_at";
const POSITION = "(extract(epoch FROM created_at) * 1000000)::bigint::text AS position";

/** The books table; every query is parameterised and runs through the database's breaker (503 with Retry-After while PostgreSQL cannot answer). */
export class BookRepository {
    constructor(private readonly pool: Pool, private readonly breaker: CircuitBreaker) {}

    create(input: BookInput): Promise<Book> {
        return this.run("INSERT", (db) => insertBook(db, input));
    }

    /**
     * Creates the book once per idempotency key: the key, its body's hash and the answer are stored
     * in the same transaction as the book, so a retry finds either nothing or the whole answer. A
     * retry that arrives while the first request runs waits for it on the key's row lock.
     */
    createIdempotent(input: BookInput, key: string, requestHash: string, ttlSeconds: number): Promise<IdempotentCreate> {
        return this.run("INSERT idempotent", async (db) => {
            const client = db as PoolClient;
            await client.query("BEGIN");
            try {
                const claimed = await client.query(
                    `INSERT INTO idempotency_keys (key, request_hash, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')
                     ON CONFLICT (key) DO UPDATE SET request_hash = EXCLUDED.request_hash, expires_at = EXCLUDED.expires_at, response = NULL
                     WHERE idempotency_keys.expires_at < now() RETURNING key`, [key, requestHash, ttlSeconds]);
                if (claimed.rowCount === 0) {
                    await client.query("ROLLBACK");
                    const earlier = (await client.query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1", [key])).rows[0] as { request_hash: string; response: Book };
                    return earlier.request_hash === requestHash ? { book: earlier.response, replayed: true } : { reused: true };
                }
                const book = await insertBook(client, input);
                await client.query("UPDATE idempotency_keys SET response = $2 WHERE key = $1", [key, JSON.stringify(book)]);
                await client.query("COMMIT");
                return { book, replayed: false };
            } catch (err) {
                await client.query("ROLLBACK").catch(() => undefined);
                throw err;
            }
        }, true);
    }

    get(id: string): Promise<Book | undefined> {
        return this.rows("SELECT", `SELECT ${SELECT} FROM books WHERE id = $1`, [id]).then((rows) => rows[0]);
    }

    /** One page in creation order, after `after` when given; `next` is where the following page starts. */
    async list(options: { authorEntityId?: string; limit: number; after?: BookPosition }): Promise<{ items: Book[]; next?: BookPosition }> {
        const result = await this.run("SELECT", (db) => db.query(
            `SELECT ${SELECT}, ${POSITION} FROM books
             WHERE ($1::uuid IS NULL OR author_entity_id = $1)
               AND ($2::bigint IS NULL OR (created_at, id) > (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid))
             ORDER BY created_at, id LIMIT $4`,
            [options.authorEntityId ?? null, options.after?.t ?? null, options.after?.i ?? null, options.limit + 1]));
        const page = result.rows.slice(0, options.limit);
        const last = page[page.length - 1] as { id: string; position: string } | undefined;
        return { items: page.map(fromRow), next: result.rows.length > options.limit && last ? { t: last.position, i: last.id } : undefined };
    }

    update(id: string, patch: BookPatch): Promise<Book | undefined> {
        const fields = (Object.keys(COLUMNS) as (keyof BookPatch)[]).filter((k) => patch[k] !== undefined);
        const sets = fields.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).concat("updated_at = now()");
        return this.rows("UPDATE", `UPDATE books SET ${sets.join(", ")} WHERE id = $1 RETURNING ${SELECT}`, [id, ...fields.map((k) => patch[k])]).then((rows) => rows[0]);
    }

    delete(id: string): Promise<boolean> {
        return this.run("DELETE", (db) => db.query("DELETE FROM books WHERE id = $1", [id])).then((rows) => rows.rowCount === 1);
    }

    /** Drops idempotency keys past their lifetime; main.ts calls it periodically. */
    purgeExpiredKeys(): Promise<number> {
        return this.run("DELETE idempotency", (db) => db.query("DELETE FROM idempotency_keys WHERE expires_at < now()")).then((r) => r.rowCount ?? 0);
    }

    private async rows(operation: string, sql: string, values: unknown[]): Promise<Book[]> {
        return (await this.run(operation, (db) => db.query(sql, values))).rows.map(fromRow);
    }

    /**
     * Runs `fn` on the pool (or on one client of it, for a transaction) in a span, through the
     * breaker. PostgreSQL unable to answer becomes a 503 with Retry-After; a duplicate ISBN a
     * DuplicateIsbnError; other errors pass unchanged.
     */
    private run<T>(operation: string, fn: (db: Pool | PoolClient) => Promise<T>, transaction = false): Promise<T> {
        return withSpan(`PostgreSQL ${operation} books`, { "db.system": "postgresql", "db.operation": operation, "db.sql.table": "books" }, async () => {
            try {
                return await this.breaker.run(async () => {
                    if (!transaction) {
                        return fn(this.pool);
                    }
                    const client = await this.pool.connect();
                    let failure: unknown;
                    try {
                        return await fn(client);
                    } catch (err) {
                        failure = err;
                        throw err;
                    } finally {
                        // A client that failed for want of the server is dropped, not reused.
                        client.release(failure !== undefined && postgresUnavailable(failure) ? (failure as Error) : undefined);
                    }
                }, postgresUnavailable);
            } catch (err) {
                if ((err as { code?: string }).code === "23505") {
                    throw new DuplicateIsbnError("a book with this ISBN is already in the catalogue");
                }
                throw err instanceof BreakerOpenError || postgresUnavailable(err) ? dependencyUnavailable("PostgreSQL", err) : err;
            }
        });
    }
}

function insertBook(db: Pool | PoolClient, input: BookInput): Promise<Book> {
    return db.query(`INSERT INTO books (title, isbn, author_entity_id, published_year) VALUES ($1, $2, $3, $4) RETURNING ${SELECT}`, [input.title, input.isbn ?? null, input.authorEntityId, input.publishedYear ?? null]).then((r: QueryResult) => fromRow(r.rows[0]));
}

function fromRow(row: Record<string, unknown>): Book {
    return {
        id: String(row.id),
        title: String(row.title),
        isbn: (row.isbn as string | null) ?? null,
        authorEntityId: String(row.author_entity_id),
        publishedYear: (row.published_year as number | null) ?? null,
        createdAt: (row.created_at as Date).toISOString(),
        updatedAt: (row.updated_at as Date).toISOString(),
    };
}
