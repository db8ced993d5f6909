import { FastifyInstance } from "fastify";
import { createHttpApp, HttpError } from "../../shared/http";
import { Logger } from "../../shared/logger";
import { BookInput, BookPatch, BookRepository, DuplicateIsbnError } from "./books";
import { EntitiesClient } from "./entities-client";

export interface CatalogDeps {
    readonly books: BookRepository;
    readonly entities: EntitiesClient;
    readonly logger: Logger;
}

export const API_PREFIXES = ["/api/v1/books", "/api/v1/catalog/books"] as const;

const uuid = { type: "string", format: "uuid" } as const;
const fields = {
    title: { type: "string", minLength: 1, maxLength: 300, pattern: "\\S" },
    isbn: { type: "string", pattern: "^([0-9]{9}[0-9X]|[0-9]{13})$" },
    authorEntityId: uuid,
    publishedYear: { type: "integer", minimum: 1400, maximum: 2100 },
} as const;
const createBody = { type: "object", required: ["title", "authorEntityId"], additionalProperties: false, properties: fields } as const;
const patchBody = { type: "object", additionalProperties: false, minProperties: 1, properties: fields } as const;
const idParams = { type: "object", required: ["id"], properties: { id: uuid } } as const;
const listQuery = {
    type: "object",
    additionalProperties: false,
    properties: { authorEntityId: uuid, limit: { type: "integer", minimum: 1, maximum: 100, default: 20 }, offset: { type: "integer", minimum: 0, maximum: 10000, default: 0 } },
} as const;
const getQuery = { type: "object", additionalProperties: false, properties: { expand: { type: "string", enum: ["author"] } } } as const;

/** The catalogue API: books in PostgreSQL whose authors are entities of the entities service. */
export function buildCatalogApp(deps: CatalogDeps): { app: FastifyInstance; markDraining(): void } {
    const http = createHttpApp({ logger: deps.logger });
    const { books, entities } = deps;
    const notFound = (id: string) => new HttpError(404, "book_not_found", `no book with id ${id}`);
    const requireAuthor = async (authorEntityId: string, requestId: string) => {
        if ((await entities.get(authorEntityId, requestId)) === undefined) {
            throw new HttpError(422, "author_not_found", `authorEntityId ${authorEntityId} is not an entity of the entities service`);
        }
    };
    const duplicate = (err: unknown) => {
        throw err instanceof DuplicateIsbnError ? new HttpError(409, "duplicate_isbn", err.message) : err;
    };

    const routes = async (app: FastifyInstance) => {
        app.post<{ Body: BookInput }>("/", { schema: { body: createBody } }, async (request, reply) => {
            await requireAuthor(request.body.authorEntityId, request.id);
            const book = await books.create(request.body).catch(duplicate);
            return reply.status(201).header("location", `${request.url.replace(/\/$/, "")}/${book.id}`).send(book);
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
        app.get<{ Querystring: { authorEntityId?: string; limit: number; offset: number } }>("/", { schema: { querystring: listQuery } }, async (request) => ({ items: await books.list(request.query) }));
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
