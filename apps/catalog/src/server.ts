import { FastifyInstance } from "fastify";
import { decodeCursor, encodeCursor, PAGE_QUERY } from "../../shared/cursor";
import { collectionPath, createHttpApp, HttpError, UUID_SCHEMA } from "../../shared/http";
import { DEFAULT_IDEMPOTENCY_TTL_SECONDS, idempotencyOf, keyReused, REPLAYED_HEADER } from "../../shared/idempotency";
import { Logger } from "../../shared/logger";
import { Book, BookInput, BookPatch, BookPosition, BookRepository, DuplicateIsbnError } from "./books";
import { EntitiesClient } from "./entities-client";

export interface CatalogDeps {
    readonly books: BookRepository;
    readonly entities: EntitiesClient;
    readonly logger: Logger;
    /** How long an Idempotency-Key is remembered, seconds. @default 86400 */
    readonly idempotencyTtlSeconds?: number;
}

export const API_PREFIXES = ["/api/v1/books", "/api/v1/catalog/books"] as const;

const fields = {
    title: { type: "string", minLength: 1, maxLength: 300, pattern: "\\S" },
    isbn: { type: "string", pattern: "^([0-9]{9}[0-9X]|[0-9]{13})$" },
    authorEntityId: UUID_SCHEMA,
    publishedYear: { type: "integer", minimum: 1400, maximum: 2100 },
} as const;
const createBody = { type: "object", required: ["title", "authorEntityId"], additionalProperties: false, properties: fields } as const;
/** A patch may clear the optional fields with null. */
const patchBody = {
    type: "object",
    additionalProperties: false,
    minProperties: 1,
    properties: { ...fields, isbn: { anyOf: [fields.isbn, { type: "null" }] }, publishedYear: { anyOf: [fields.publishedYear, { type: "null" }] } },
} as const;
const idParams = { type: "object", required: ["id"], properties: { id: UUID_SCHEMA } } as const;
const listQuery = { type: "object", additionalProperties: false, properties: { authorEntityId: UUID_SCHEMA, ...PAGE_QUERY } } as const;
const getQuery = { type: "object", additionalProperties: false, properties: { expand: { type: "string", enum: ["author"] } } } as const;

const isBookPosition = (v: unknown): v is BookPosition => {
    const p = v as Record<string, unknown> | null;
    return p !== null && typeof p === "object" && typeof p.t === "string" && /^-?[0-9]{1,19}$/.test(p.t) && typeof p.i === "string" && new RegExp(UUID_SCHEMA.pattern).test(p.i);
};

/** The catalogue API: books in PostgreSQL whose authors are entities of the entities service. */
export function buildCatalogApp(deps: CatalogDeps): { app: FastifyInstance; markDraining(): void } {
    const http = createHttpApp({ logger: deps.logger });
    const { books, entities } = deps;
    const idempotencyTtl = deps.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
    const notFound = (id: string) => new HttpError(404, "book_not_found", `no book with id ${id}`);
    /** The author must exist now: read from entities' table, never from its cache, which may lag a deletion. */
    const requireAuthor = async (authorEntityId: string, requestId: string) => {
        if ((await entities.get(authorEntityId, requestId, true)) === undefined) {
            throw new HttpError(422, "author_not_found", `authorEntityId ${authorEntityId} is not an entity of the entities service`);
        }
    };
    const duplicate = (err: unknown): never => {
        throw err instanceof DuplicateIsbnError ? new HttpError(409, "duplicate_isbn", err.message) : err;
    };

    const routes = async (app: FastifyInstance) => {
        app.post<{ Body: BookInput }>("/", { schema: { body: createBody } }, async (request, reply) => {
            const idempotency = idempotencyOf(request);
            await requireAuthor(request.body.authorEntityId, request.id);
            let book: Book;
            if (idempotency === undefined) {
                book = await books.create(request.body).catch(duplicate);
            } else {
                const outcome = await books.createIdempotent(request.body, idempotency.key, idempotency.requestHash, idempotencyTtl).catch(duplicate);
                if ("reused" in outcome) {
                    throw keyReused(idempotency.key);
                }
                if (outcome.replayed) {
                    reply.header(REPLAYED_HEADER, "true");
                }
                book = outcome.book;
            }
            return reply.status(201).header("location", `${collectionPath(request)}/${book.id}`).send(book);
        });
        app.get<{ Params: { id: string }; Querystring: { expand?: "author" } }>("/:id", { schema: { params: idParams, querystring: getQuery } }, async (request) => {
            const book = await books.get(request.params.id);
            if (book === undefined) {
                throw notFound(request.params.id);
            }
            if (request.query.expand !== "author") {
                return book;
            }
            // The author may have been deleted since: the book is still served, with `author: null`.
            return { ...book, author: (await entities.get(book.authorEntityId, request.id)) ?? null };
        });
        app.get<{ Querystring: { authorEntityId?: string; limit: number; next?: string } }>("/", { schema: { querystring: listQuery } }, async (request) => {
            const { authorEntityId, limit, next } = request.query;
            const page = await books.list({ authorEntityId, limit, after: next === undefined ? undefined : decodeCursor(next, isBookPosition) });
            return page.next === undefined ? { items: page.items } : { items: page.items, next: encodeCursor(page.next) };
        });
        app.patch<{ Params: { id: string }; Body: BookPatch }>("/:id", { schema: { params: idParams, body: patchBody } }, async (request) => {
            if (request.body.authorEntityId !== undefined) {
                await requireAuthor(request.body.authorEntityId, request.id);
            }
            const book = await books.update(request.params.id, request.body).catch(duplicate);
            if (book === undefined) {
                throw notFound(request.params.id);
            }
            return book;
        });
        app.delete<{ Params: { id: string } }>("/:id", { schema: { params: idParams } }, async (request, reply) => {
            if (!(await books.delete(request.params.id))) {
                throw notFound(request.params.id);
            }
            return reply.status(204).send();
        });
    };
    for (const prefix of API_PREFIXES) {
        http.app.register(routes, { prefix });
    }
    return http;
}
