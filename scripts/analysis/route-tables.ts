/**
 * The services' own route tables, read from their applications (`apps/<service>/src/route-table.ts`
 * builds the Fastify app without its stores and lists what it registers), for the request-path
 * analysis. Loading Fastify and the apps is most of what that analysis costs, so `npm run plan`
 * starts it in a worker thread before the programs run (`prefetchRouteTables`), and the analysis
 * finds the tables ready when the plan is done; anything that did not prefetch reads them in-process.
 */
import * as path from "path";
import { isMainThread, Worker } from "worker_threads";
import type { ServiceRoute, ServiceRouteTable } from "./types";

/** Reads one service's route table in this thread; an app that cannot be built is an error entry, not a throw. */
export async function readRouteTable(root: string, service: string): Promise<ServiceRouteTable> {
    const started = Date.now();
    const table = await readTable(root, service);
    return { ...table, readMs: Date.now() - started, inWorker: !isMainThread };
}

async function readTable(root: string, service: string): Promise<ServiceRouteTable> {
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(path.join(root, "apps", service, "src", "route-table")) as { routeTable?: () => Promise<ServiceRoute[]> };
        if (typeof module.routeTable !== "function") {
            return { service, routes: [], error: `apps/${service}/src/route-table.ts exports no routeTable()` };
        }
        return { service, routes: await module.routeTable() };
    } catch (e) {
        return { service, routes: [], error: e instanceof Error ? e.message.split("\n")[0] : String(e) };
    }
}

/** Tables being read by a prefetch, by the app's folder. */
const prefetched = new Map<string, Promise<ServiceRouteTable>>();

/**
 * Starts reading the route tables of `services` in a worker thread; `readRouteTables` then waits for
 * them instead of loading the apps itself. Until it has posted, the worker holds the process open (a
 * plan that fails before its analyses exits explicitly, so it does not wait for it).
 */
export function prefetchRouteTables(root: string, services: readonly string[]): void {
    if (services.length === 0) {
        return;
    }
    const worker = new Worker(path.join(__dirname, "route-tables-worker.ts"), { workerData: { root, services }, execArgv: ["-r", path.resolve(__dirname, "../lib/register-ts.js")] });
    const tables = new Promise<ServiceRouteTable[]>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the route-table worker exited (code ${code}) before it reported`)));
    });
    for (const service of services) {
        // A worker that fails leaves the analysis to read that table itself, so the error it reports is the app's own.
        prefetched.set(path.join(root, "apps", service), tables.then((all) => all.find((t) => t.service === service) ?? readRouteTable(root, service), () => readRouteTable(root, service)));
    }
}

/**
 * The route tables of `services`: prefetched ones when a prefetch started them, the rest read here.
 * One after the other, so that each table's `readMs` is its own (building an app is synchronous work:
 * reading them "concurrently" would overlap nothing but the measurements).
 */
export async function readRouteTables(root: string, services: readonly string[]): Promise<ServiceRouteTable[]> {
    const tables: ServiceRouteTable[] = [];
    for (const service of services) {
        tables.push(await (prefetched.get(path.join(root, "apps", service)) ?? readRouteTable(root, service)));
    }
    return tables;
}
