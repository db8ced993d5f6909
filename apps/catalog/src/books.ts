import { Pool, QueryResult } from "pg";
import { withSpan } from "../../shared/telemetry";

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

export type BookPatch = Partial<BookInput>;

/** Thrown when an ISBN is already in the catalogue (PostgreSQL's unique_violation). */
export class DuplicateIsbnError extends Error {}

const COLUMNS = { title: "title", isbn: "isbn", authorEntityId: "author_entity_id", publishedYear: "published_year" } as const;
const SELECT = "id, title, isbn, author_entity_id, published_year, created_at, updated_at";

/** The books table; every query is parameterised. */
export class BookRepository {
    constructor(private readonly pool: Pool) {}

    create(input: BookInput): Promise<Book> {
        return this.query("INSERT", `INSERT INTO books (title, isbn, author_entity_id, published_year) VALUES ($1, $2, $3, $4) RETURNING ${SELECT}`, [input.title, input.isbn ?? null, input.authorEntityId, input.publishedYear ?? null]).then((rows) => rows[0]);
    }

    get(id: string): Promise<Book | undefined> {
        return this.query("SELECT", `SELECT ${SELECT} FROM books WHERE id = $1`, [id]).then((rows) => rows[0]);
    }

    list(options: { authorEntityId?: string; limit: number; offset: number }): Promise<Book[]> {
        return this.query("SELECT", `SELECT ${SELECT} FROM books WHERE ($1::uuid IS NULL OR author_entity_id = $1) ORDER BY created_at, id LIMIT $2 OFFSET $3`, [options.authorEntityId ?? null, options.limit, options.offset]);
    }

    update(id: string, patch: BookPatch): Promise<Book | undefined> {
        const fields = (Object.keys(COLUMNS) as (keyof BookPatch)[]).filter((k) => patch[k] !== undefined);
        const sets = fields.map((k, i) => `${COLUMNS[k]} = $${i + 2}`).concat("updated_at = now()");
        return this.query("UPDATE", `UPDATE books SET ${sets.join(", ")} WHERE id = $1 RETURNING ${SELECT}`, [id, ...fields.map((k) => patch[k])]).then((rows) => rows[0]);
    }

    delete(id: string): Promise<boolean> {
        return this.run("DELETE", "DELETE FROM books WHERE id = $1", [id]).then((rows) => rows.rowCount === 1);
    }

    private async query(operation: string, sql: string, values: unknown[]): Promise<Book[]> {
        return (await this.run(operation, sql, values)).rows.map(fromRow);
    }

    private run(operation: string, sql: string, values: unknown[]): Promise<QueryResult> {
        return withSpan(`PostgreSQL ${operation} books`, { "db.system": "postgresql", "db.operation": operation, "db.sql.table": "books" }, async () => {
            try {
                return await this.pool.query(sql, values);
            } catch (err) {
                if ((err as { code?: string }).code === "23505") {
                    throw new DuplicateIsbnError("a book with this ISBN is already in the catalogue");
                }
                throw err;
            }
        });
    }
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
