import { randomUUID } from "crypto";
import { FastifyInstance, FastifyRequest } from "fastify";
import { BreakerOpenError } from "../../shared/breaker";
import { decodeCursor, encodeCursor, PAGE_QUERY } from "../../shared/cursor";
import { collectionPath, createHttpApp, dependencyUnavailable, HttpError, UUID_SCHEMA } from "../../shared/http";
import { DEFAULT_IDEMPOTENCY_TTL_SECONDS, idempotencyOf, keyReused, REPLAYED_HEADER } from "../../shared/idempotency";
import { Logger } from "../../shared/logger";
import { VersionedCache } from "./cache";
import { cacheKeys, Entity, EntityInput, EntityPatch, ttlOf } from "./model";
import { registerReferenceRoutes } from "./reference-routes";
import { EntityRepository, NamePosition } from "./repository";

export interface EntitiesDeps {
    readonly repository: EntityRepository;
    readonly cache: VersionedCache;
    readonly logger: Logger;
    /** How long an Idempotency-Key is remembered, seconds. @default 86400 */
    readonly idempotencyTtlSeconds?: number;
}

/** Prefixes the entities API is served under: its own, and the `/api/v1/data` route of the edge. */
export const API_PREFIXES = ["/api/v1/entities", "/api/v1/data/entities"] as const;

const attributes = { type: "object", maxProperties: 50, additionalProperties: true } as const;
const name = { type: "string", minLength: 1, maxLength: 200, pattern: "\\S" } as const;
const idParams = { type: "object", required: ["id"], properties: { id: UUID_SCHEMA } } as const;
const createBody = {
    type: "object",
    required: ["name"],
    additionalProperties: false,
    properties: { name, attributes, static: { type: "boolean" } },
} as const;
const patchBody = { ...createBody, required: [], minProperties: 1 } as const;
const listQuery = { type: "object", required: ["name"], additionalProperties: false, properties: { name, ...PAGE_QUERY } } as const;

const isNamePosition = (v: unknown): v is NamePosition => {
    const p = v as Record<string, unknown> | null;
    return p !== null && typeof p === "object" && Object.keys(p).length === 3 && typeof p.pk === "string" && p.sk === "ENTITY" && typeof p.name === "string";
};

/** `Cache-Control: no-cache` asks for the store's current value (catalog checks authors this way). */
const wantsFresh = (request: FastifyRequest) => /(^|,)\s*no-cache\s*(,|$)/i.test(String(request.headers["cache-control"] ?? ""));

function throwIt(err: Error): never {
    throw err;
}

/** The entities API, on the dependencies given (real clients in main.ts, local servers in tests). */
export function buildEntitiesApp(deps: EntitiesDeps): { app: FastifyInstance; markDraining(): void } {
    const http = createHttpApp({ logger: deps.logger });
    const { repository, cache } = deps;
    const idempotencyTtl = deps.idempotencyTtlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;
    const notFound = (id: string) => new HttpError(404, "entity_not_found", `no entity with id ${id}`);
    /** A write through the cache; a cache that cannot be marked is a 503 with nothing changed. */
    const cachedWrite = async <T extends { version: number; value: Entity | null } | undefined>(id: string, write: () => Promise<T>) => {
        try {
            return await cache.write(cacheKeys.byId(id), ttlOf(null), write);
        } catch (err) {
            throw err instanceof HttpError ? err : dependencyUnavailable(err instanceof BreakerOpenError ? "cache" : "cache (nothing was changed)", err);
        }
    };

    const collision = () => new HttpError(500, "id_collision", "a new id collided with an existing entity; retry");
    /** Creates the entity, once per Idempotency-Key: the entity, and whether it is the answer an earlier request got. */
    const createOnce = async (request: FastifyRequest<{ Body: EntityInput }>): Promise<{ entity: Entity; replayed: boolean }> => {
        const idempotency = idempotencyOf(request);
        const id = randomUUID();
        if (idempotency === undefined) {
            return { entity: (await repository.create(request.body, id)) ?? throwIt(collision()), replayed: false };
        }
        const claim = await repository.claimIdempotencyKey(idempotency.key, idempotency.requestHash, id, idempotencyTtl);
        if (claim.fresh) {
            const entity = (await repository.create(request.body, id)) ?? throwIt(collision());
            await repository.completeIdempotencyKey(idempotency.key, entity);
            return { entity, replayed: false };
        }
        if (claim.requestHash !== idempotency.requestHash) {
            throw keyReused(idempotency.key);
        }
        if (claim.response !== undefined) {
            return { entity: claim.response, replayed: true };
        }
        // The first request stopped (or is still running) before recording its answer: its id exists at most once, so creating under it is safe.
        const entity = (await repository.create(request.body, claim.entityId)) ?? (await repository.get(claim.entityId))?.value;
        if (entity === undefined) {
            throw new HttpError(409, "idempotency_key_in_use", `the entity created with Idempotency-Key ${JSON.stringify(idempotency.key)} no longer exists`);
        }
        await repository.completeIdempotencyKey(idempotency.key, entity);
        return { entity, replayed: true };
    };

    const routes = async (app: FastifyInstance) => {
        app.post<{ Body: EntityInput }>("/", { schema: { body: createBody } }, async (request, reply) => {
            const { entity, replayed } = await createOnce(request);
            if (replayed) {
                reply.header(REPLAYED_HEADER, "true");
            }
            return reply.status(201).header("location", `${collectionPath(request)}/${entity.id}`).send(entity);
        });

        app.get<{ Params: { id: string } }>("/:id", { schema: { params: idParams } }, async (request, reply) => {
            const { id } = request.params;
            const fresh = wantsFresh(request);
            const { value, outcome } = fresh ? { value: (await repository.get(id))?.value, outcome: "bypass" } : await cache.get(cacheKeys.byId(id), () => repository.get(id), ttlOf);
            reply.header("x-cache", outcome);
            if (value === undefined || value === null) {
                throw notFound(id);
            }
            return value;
        });

        app.get<{ Querystring: { name: string; limit: number; next?: string } }>("/", { schema: { querystring: listQuery } }, async (request) => {
            const { name: wanted, limit, next } = request.query;
            const after = next === undefined ? undefined : decodeCursor(next, isNamePosition);
            if (after !== undefined && after.name !== wanted) {
                throw new HttpError(400, "invalid_cursor", "next: this cursor belongs to a list of another name");
            }
            const page = await repository.listByName(wanted, limit, after);
            return page.next === undefined ? { items: page.items } : { items: page.items, next: encodeCursor(page.next) };
        });

        app.patch<{ Params: { id: string }; Body: EntityPatch }>("/:id", { schema: { params: idParams, body: patchBody } }, async (request) => {
            const { id } = request.params;
            const result = await cachedWrite(id, () => repository.update(id, request.body));
            if (result === undefined) {
                throw notFound(id);
            }
            return result.value;
        });

        app.delete<{ Params: { id: string } }>("/:id", { schema: { params: idParams } }, async (request, reply) => {
            const { id } = request.params;
            // The cache keeps a tombstone (value null) one version above the deleted item's.
            const deleted = await cachedWrite(id, async () => {
                const gone = await repository.delete(id);
                return gone === undefined ? undefined : { version: gone.version + 1, value: null };
            });
            if (deleted === undefined) {
                throw notFound(id);
            }
            return reply.status(204).send();
        });
    };
    for (const prefix of API_PREFIXES) {
        http.app.register(routes, { prefix });
    }
    registerReferenceRoutes(http.app);
    return http;
}
