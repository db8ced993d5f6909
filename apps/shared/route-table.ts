import { FastifyInstance } from "fastify";
import { createLogger, Logger } from "./logger";

/** One route an application serves, as Fastify registered it (`url` in Fastify's syntax: `:id`, `*`). */
export interface AppRoute {
    readonly method: string;
    readonly url: string;
}

/**
 * A dependency that must not be touched: building an app for its route table must not connect to
 * any store, so every property access fails loudly, naming the dependency.
 */
export function unused<T>(name: string): T {
    return new Proxy({}, { get: (_target, property) => { throw new Error(`${name}.${String(property)} used while only listing routes`); } }) as T;
}

/**
 * The routes of an app as it builds them, listed through Fastify's onRoute hook. The hook sees every
 * route registered after it, which is every route of the app's plugins (they load on ready()); routes
 * the shared HTTP layer declares on the root before (the `/health` check) are not listed. The app is
 * closed again; nothing listens.
 */
export async function listRoutes(build: (logger: Logger) => FastifyInstance): Promise<AppRoute[]> {
    const app = build(createLogger("route-table", "silent"));
    const routes: AppRoute[] = [];
    app.addHook("onRoute", (route) => {
        for (const method of [route.method].flat()) {
            routes.push({ method, url: route.url });
        }
    });
    try {
        await app.ready();
    } finally {
        await app.close();
    }
    return routes;
}
