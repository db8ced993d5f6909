import { FastifyInstance } from "fastify";
import { createHttpApp, HttpError } from "../../shared/http";
import { Logger } from "../../shared/logger";
import { ReadThroughCache } from "./cache";
import { CACHE_TTL, cacheKeys, EntityInput, EntityPatch, ttlOf } from "./model";
import { registerReferenceRoutes } from "./reference-routes";
import { EntityRepository } from "./repository";

export interface EntitiesDeps {
    readonly repository: EntityRepository;
    readonly cache: ReadThroughCache;
    readonly logger: Logger;
}

/** Prefixes the entities API is served under: its own, and the `/api/v1/data` route of the edge. */
export const API_PREFIXES = ["/api/v1/entities", "/api/v1/data/entities"] as const;

const attributes = { type: "object", maxProperties: 50, additionalProperties: true } as const;
const name = { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" } as const;
const idParams = { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } } as const;
const createBody = {
    type: "object",
    required: ["name"],
    additionalProperties: false,
    properties: { name, attributes, static: { type: "boolean" } },
} as const;
const patchBody = { ...createBody, required: [], minProperties: 1 } as const;
const listQuery = { type: "object", required: ["name"], additionalProperties: false, properties: { name } } as const;

/** The entities API, on the dependencies given (real clients in main.ts, local servers in tests). */
export function buildEntitiesApp(deps: EntitiesDeps): { app: FastifyInstance; markDraining(): void } {
    const http = createHttpApp({ logger: deps.logger });
    const { repository, cache } = deps;
    const notFound = (id: string) => new HttpError(404, "entity_not_found", `no entity with id ${id}`);

    const routes = async (app: FastifyInstance) => {
        app.post<{ Body: EntityInput }>("/", { schema: { body: createBody } }, async (request, reply) => {
            const entity = await repository.create(request.body);
            // A new name changes that name's list.
            await cache.invalidate(cacheKeys.byName(entity.name));
            return reply.status(201).header("location", `${request.url.replace(/\/$/, "")}/${entity.id}`).send(entity);
        });

        app.get<{ Params: { id: string } }>("/:id", { schema: { params: idParams } }, async (request, reply) => {
            const { id } = request.params;
            const { value, outcome } = await cache.get(cacheKeys.byId(id), () => repository.get(id), ttlOf);
            reply.header("x-cache", outcome);
            if (value === undefined) {
                throw notFound(id);
            }
            return value;
        });

        app.get<{ Querystring: { name: string } }>("/", { schema: { querystring: listQuery } }, async (request, reply) => {
            const { value, outcome } = await cache.get(cacheKeys.byName(request.query.name), () => repository.listByName(request.query.name), () => CACHE_TTL.hot);
            reply.header("x-cache", outcome);
            return { items: value ?? [] };
        });

        app.patch<{ Params: { id: string }; Body: EntityPatch }>("/:id", { schema: { params: idParams, body: patchBody } }, async (request) => {
            const { id } = request.params;
            const result = await repository.update(id, request.body);
            if (result === undefined) {
                throw notFound(id);
            }
            await cache.invalidate(cacheKeys.byId(id), cacheKeys.byName(result.before.name), cacheKeys.byName(result.after.name));
            return result.after;
        });

        app.delete<{ Params: { id: string } }>("/:id", { schema: { params: idParams } }, async (request, reply) => {
            const { id } = request.params;
            const deleted = await repository.delete(id);
            if (deleted === undefined) {
                throw notFound(id);
            }
            await cache.invalidate(cacheKeys.byId(id), cacheKeys.byName(deleted.name));
            return reply.status(204).send();
        });
    };
    for (const prefix of API_PREFIXES) {
        http.app.register(routes, { prefix });
    }
    registerReferenceRoutes(http.app);
    return http;
}
