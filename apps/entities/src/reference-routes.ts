import { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from "fastify";
import { HttpError } from "../../shared/http";

/**
 * The edge's two reference routes, served here because both are views of the entities:
 * - `GET /api/v1/data` is the public, cached read model: `?id=<uuid>` reads one entity,
 *   otherwise the query (`?name=...`) lists entities by name.
 * - `/api/v1/secure` is its authenticated counterpart, for writes and uncached reads:
 *   `POST` creates, `GET|PUT|DELETE ?id=<uuid>` read, update (PATCH semantics) or delete one.
 * Each request is dispatched in-process to the entity API's own route, so validation, caching and
 * cache invalidation are that route's, not a second copy of them.
 */
export const DATA_ROUTE = "/api/v1/data";
export const SECURE_ROUTE = "/api/v1/secure";
const ENTITIES = "/api/v1/entities";

/** Headers that belong to this hop and must not be replayed on the inner request or copied back. */
const HOP_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding", "keep-alive"]);

type Query = Record<string, string | string[] | undefined>;

type Headers = Record<string, string | number | string[] | undefined>;

function withoutHopHeaders(headers: Headers): Headers {
    return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name.toLowerCase())));
}

function idOf(request: FastifyRequest): string {
    const id = (request.query as Query).id;
    if (typeof id !== "string" || id === "") {
        throw new HttpError(400, "validation_failed", `invalid request querystring: querystring.id is required for ${request.method} ${SECURE_ROUTE}`);
    }
    return encodeURIComponent(id);
}

/** Answers with what the entity API answers for `method url`, body and headers included. */
async function dispatch(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, method: HTTPMethods, url: string): Promise<FastifyReply> {
    const inner = await app.inject({
        method,
        url,
        headers: withoutHopHeaders(request.headers) as Record<string, string>,
        ...(request.body === undefined ? {} : { payload: request.body as object }),
    });
    return reply.status(inner.statusCode).headers(withoutHopHeaders(inner.headers)).send(inner.rawPayload);
}

/** Registered as a plugin, so that they load with the entity routes (and their route table lists them). */
export function registerReferenceRoutes(app: FastifyInstance): void {
    app.register(async (scope) => referenceRoutes(app, scope));
}

function referenceRoutes(app: FastifyInstance, scope: FastifyInstance): void {
    scope.get(DATA_ROUTE, async (request, reply) => {
        const query = request.query as Query;
        const search = new URL(request.url, "http://local").search;
        return typeof query.id === "string"
            ? dispatch(app, request, reply, "GET", `${ENTITIES}/${encodeURIComponent(query.id)}`)
            : dispatch(app, request, reply, "GET", `${ENTITIES}${search}`);
    });
    scope.get(SECURE_ROUTE, async (request, reply) => dispatch(app, request, reply, "GET", `${ENTITIES}/${idOf(request)}`));
    scope.post(SECURE_ROUTE, async (request, reply) => dispatch(app, request, reply, "POST", ENTITIES));
    scope.put(SECURE_ROUTE, async (request, reply) => dispatch(app, request, reply, "PATCH", `${ENTITIES}/${idOf(request)}`));
    scope.delete(SECURE_ROUTE, async (request, reply) => dispatch(app, request, reply, "DELETE", `${ENTITIES}/${idOf(request)}`));
}
