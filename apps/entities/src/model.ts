/** An entity as the API returns it. */
export interface Entity {
    readonly id: string;
    readonly name: string;
    readonly attributes: Record<string, unknown>;
    /** Reference data that rarely changes: cached for an hour instead of five minutes. */
    readonly static: boolean;
    readonly createdAt: string;
    readonly updatedAt: string;
}

/** An entity with the version its item has in the table (raised by every write; what the cache orders writes by). */
export interface Versioned<T> {
    readonly version: number;
    readonly value: T;
}

/** What `GET ?name=` returns: the NameIndex projects only the keys and `attributes`. */
export interface EntitySummary {
    readonly id: string;
    readonly name: string;
    readonly attributes: Record<string, unknown>;
}

export interface EntityInput {
    readonly name: string;
    readonly attributes?: Record<string, unknown>;
    readonly static?: boolean;
}

export type EntityPatch = Partial<EntityInput>;

/** Cache lifetimes (seconds): hot items briefly, static data for an hour; writes update the cache anyway. */
export const CACHE_TTL = { hot: 300, static: 3600 } as const;

export function ttlOf(entity: Pick<Entity, "static"> | null): number {
    return entity?.static ? CACHE_TTL.static : CACHE_TTL.hot;
}

/** Items are `pk = ENTITY#<id>`, `sk = ENTITY`: one item per entity, room for related items under the same pk. */
export const keyOf = (id: string) => ({ pk: `ENTITY#${id}`, sk: "ENTITY" });
export const idOfPk = (pk: string) => pk.slice("ENTITY#".length);
/** Idempotency records of POST share the table (no `name`, so they stay out of the NameIndex) and expire through its TTL. */
export const idempotencyKeyOf = (key: string) => ({ pk: `IDEMPOTENCY#${key}`, sk: "IDEMPOTENCY" });

export const cacheKeys = {
    byId: (id: string) => `entities:v2:id:${id}`,
};
