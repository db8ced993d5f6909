import { createHash } from "crypto";

/**
 * The API's route table as plain data (E3), its validation, and the derived shapes API Gateway
 * needs: the resource tree, the method-settings paths and the fingerprint that re-creates the
 * deployment when the table changes. No Pulumi here, so all of it is tested without mocks.
 */

/**
 * Authentication at the gateway.
 * - `required`: the Lambda TOKEN authorizer runs; no token or a bad one is refused (401/403).
 * - `optional`: API Gateway REST cannot make an authorizer optional per request (a TOKEN authorizer
 *   answers 401 before the Lambda runs when the header is missing). So an optional route has no
 *   authorizer at the gateway and its response must be the same for every caller: when it caches,
 *   CloudFront neither keys on nor forwards the Authorization header (so no token reaches a shared
 *   cache); when it does not cache, the header passes through and the service may verify it itself.
 *   A route whose answer depends on who calls must be `required`.
 * - `none`: public.
 */
export type RouteAuth = "required" | "optional" | "none";
export const ROUTE_AUTH_MODES: readonly RouteAuth[] = ["required", "optional", "none"];

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "ANY";
export const HTTP_METHODS: readonly HttpMethod[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY"];
/** Only these may be cached: caching a write would answer it from the cache without reaching the service. */
const CACHEABLE_METHODS: readonly HttpMethod[] = ["GET", "HEAD"];

export interface RouteSpec {
    /** Resource path, `/api/v1/data`; `{name}` for a path parameter, `{name+}` (last segment only) for a greedy one. */
    readonly path: string;
    /** Steady-state rate limit of each method of the route, requests per second (1..10000). */
    readonly throttleRps: number;
    /** Burst (token bucket size), 1..5000. @default min(2 x throttleRps, 5000) */
    readonly burst?: number;
    /** Cache TTL at API Gateway and CloudFront, seconds (0..3600); 0 disables caching. */
    readonly cacheTtlSeconds: number;
    readonly auth: RouteAuth;
    readonly methods: readonly HttpMethod[];
    /**
     * Query strings that change the answer of a cached route. API Gateway's cache key holds only the
     * path unless parameters are declared as cache keys, so without them `?id=1` and `?id=2` would
     * share one entry. Only for routes that cache.
     * @default []
     */
    readonly cacheKeyQueryStrings?: readonly string[];
}

/** API Gateway's default account-level throttle per region (raised only through a quota request). */
export const ACCOUNT_THROTTLE_LIMIT_RPS = 10000;
/** API Gateway's default account-level burst per region. */
export const ACCOUNT_BURST_LIMIT = 5000;
/** The longest TTL API Gateway's cache accepts. */
export const MAX_CACHE_TTL_SECONDS = 3600;

/**
 * The routes of the reference design (REQUIREMENTS E3). The data route is the public read model of
 * the entities (D1), keyed by the query strings the data service reads.
 */
export const REFERENCE_ROUTES: readonly RouteSpec[] = [
    { path: "/api/v1/data", throttleRps: 1000, burst: 2000, cacheTtlSeconds: 60, auth: "optional", methods: ["GET"], cacheKeyQueryStrings: ["id", "name", "limit", "cursor"] },
    { path: "/api/v1/secure", throttleRps: 500, burst: 1000, cacheTtlSeconds: 0, auth: "required", methods: ["GET", "POST", "PUT", "DELETE"] },
];

/** Defaults of the per-service proxy routes: authenticated, uncached. */
export const SERVICE_ROUTE_DEFAULTS = { throttleRps: 500, burst: 1000 } as const;

const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;
const LITERAL_SEGMENT = /^[A-Za-z0-9._-]+$/;
const PARAM_SEGMENT = /^\{([A-Za-z0-9_]+)(\+?)\}$/;
const QUERY_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * Two proxy routes per service prefix, sent to the ALB, which routes by path: the collection root
 * `/<prefix>` (create, list) and `/<prefix>/{proxy+}` (everything below it). A greedy `{proxy+}`
 * matches one segment or more, never the resource itself, so without the root `POST /orders` would
 * get API Gateway's 403.
 */
export function serviceProxyRoutes(prefixes: readonly string[]): RouteSpec[] {
    for (const prefix of prefixes) {
        if (!SERVICE_PREFIX.test(prefix)) {
            throw new Error(`service prefix "${prefix}": expected lower-case path segments without leading or trailing slash, such as "orders" or "api/v1/orders"`);
        }
    }
    return prefixes.flatMap((prefix) => [`/${prefix}`, `/${prefix}/{proxy+}`]
        .map((path): RouteSpec => ({ path, ...SERVICE_ROUTE_DEFAULTS, cacheTtlSeconds: 0, auth: "required", methods: ["ANY"] })));
}

export function defaultBurst(throttleRps: number): number {
    return Math.min(Math.ceil(2 * throttleRps), ACCOUNT_BURST_LIMIT);
}

/** `{proxy+}` -> { name: "proxy", greedy: true }; undefined for a literal segment. */
export function pathParameter(segment: string): { name: string; greedy: boolean } | undefined {
    const m = PARAM_SEGMENT.exec(segment);
    return m ? { name: m[1], greedy: m[2] === "+" } : undefined;
}

function pathProblems(path: string): string[] {
    if (typeof path !== "string" || !path.startsWith("/") || path === "/" || path.endsWith("/")) {
        return [`path = ${JSON.stringify(path)} must start with "/", name at least one segment and not end with "/"`];
    }
    const segments = path.slice(1).split("/");
    const problems: string[] = [];
    segments.forEach((segment, i) => {
        const param = pathParameter(segment);
        if (param === undefined && !LITERAL_SEGMENT.test(segment)) {
            problems.push(`path segment ${JSON.stringify(segment)} is neither a literal (letters, digits, . _ -) nor a parameter ({name} or {name+})`);
        } else if (param?.greedy && i !== segments.length - 1) {
            problems.push(`path segment ${segment} is greedy and must be the last segment`);
        }
    });
    return problems;
}

function inRange(value: unknown, min: number, max: number, integer: boolean): boolean {
    return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
}

/**
 * Every problem of a route table, each naming the route and the field. Empty when the table is valid.
 */
export function routeTableProblems(routes: readonly RouteSpec[]): string[] {
    const problems: string[] = [];
    if (routes.length === 0) {
        problems.push("the route table is empty: an API needs at least one route");
    }
    const seen = new Map<string, number>();
    routes.forEach((route, index) => {
        const label = `route ${index} (${JSON.stringify(route.path)})`;
        const fail = (msg: string) => problems.push(`${label}: ${msg}`);
        pathProblems(route.path).forEach(fail);
        const key = typeof route.path === "string" ? route.path.toLowerCase() : String(route.path);
        if (seen.has(key)) {
            fail(`duplicate path; route ${seen.get(key)} already declares it (paths are compared case-insensitively, as the edge treats them)`);
        } else {
            seen.set(key, index);
        }
        if (!inRange(route.throttleRps, 1, ACCOUNT_THROTTLE_LIMIT_RPS, false)) {
            fail(`throttleRps = ${JSON.stringify(route.throttleRps)} is outside 1..${ACCOUNT_THROTTLE_LIMIT_RPS} (below 1 blocks the route; above the account's default regional limit it can never be reached)`);
        }
        if (route.burst !== undefined && !inRange(route.burst, 1, ACCOUNT_BURST_LIMIT, true)) {
            fail(`burst = ${JSON.stringify(route.burst)} is outside 1..${ACCOUNT_BURST_LIMIT} (a whole number up to the account's default burst)`);
        }
        if (!inRange(route.cacheTtlSeconds, 0, MAX_CACHE_TTL_SECONDS, true)) {
            fail(`cacheTtlSeconds = ${JSON.stringify(route.cacheTtlSeconds)} is outside 0..${MAX_CACHE_TTL_SECONDS} (whole seconds; API Gateway caches at most one hour)`);
        }
        if (!ROUTE_AUTH_MODES.includes(route.auth)) {
            fail(`auth = ${JSON.stringify(route.auth)} is not one of ${ROUTE_AUTH_MODES.map((m) => `"${m}"`).join(", ")}`);
        }
        const methods = Array.isArray(route.methods) ? route.methods : [];
        const unknown = methods.filter((m) => !HTTP_METHODS.includes(m));
        if (methods.length === 0 || unknown.length > 0) {
            fail(`methods = ${JSON.stringify(route.methods)}: expected a non-empty list of ${HTTP_METHODS.join(", ")}`);
        } else if (new Set(methods).size !== methods.length || (methods.includes("ANY") && methods.length > 1)) {
            fail(`methods = ${JSON.stringify(route.methods)}: each method once, and ANY alone`);
        }
        const caches = typeof route.cacheTtlSeconds === "number" && route.cacheTtlSeconds > 0;
        if (caches && route.auth === "required") {
            fail(`cacheTtlSeconds = ${route.cacheTtlSeconds} with auth "required": authenticated answers are never cached (E1); use 0`);
        }
        if (caches && methods.some((m) => !CACHEABLE_METHODS.includes(m))) {
            fail(`cacheTtlSeconds = ${route.cacheTtlSeconds} with methods ${JSON.stringify(methods)}: only GET and HEAD may be cached`);
        }
        const queries = route.cacheKeyQueryStrings ?? [];
        if (queries.length > 0 && !caches) {
            fail(`cacheKeyQueryStrings given but cacheTtlSeconds is 0: cache keys mean nothing without a cache`);
        }
        const badQueries = queries.filter((q) => !QUERY_NAME.test(q));
        if (badQueries.length > 0 || new Set(queries).size !== queries.length) {
            fail(`cacheKeyQueryStrings = ${JSON.stringify(queries)}: each a query-string name (letters, digits, _ . -), once`);
        }
    });
    problems.push(...siblingParameterProblems(routes));
    return problems;
}

/** API Gateway refuses two different path parameters under the same parent (`/a/{id}` and `/a/{key}`). */
function siblingParameterProblems(routes: readonly RouteSpec[]): string[] {
    const paramsByParent = new Map<string, Set<string>>();
    for (const route of routes) {
        if (typeof route.path !== "string" || pathProblems(route.path).length > 0) {
            continue;
        }
        const segments = route.path.slice(1).split("/");
        segments.forEach((segment, i) => {
            if (pathParameter(segment)) {
                const parent = "/" + segments.slice(0, i).join("/");
                paramsByParent.set(parent, (paramsByParent.get(parent) ?? new Set()).add(segment));
            }
        });
    }
    return [...paramsByParent.entries()]
        .filter(([, params]) => params.size > 1)
        .map(([parent, params]) => `paths under ${JSON.stringify(parent)} use different parameters ${[...params].join(", ")}: API Gateway allows one parameter segment per parent`);
}

/** Throws one error listing every problem of the table (see `routeTableProblems`). */
export function validateRoutes(routes: readonly RouteSpec[]): void {
    const problems = routeTableProblems(routes);
    if (problems.length > 0) {
        throw new Error(`Invalid API route table:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
}

/** One API Gateway resource: a path segment under its parent (`parentPath` undefined = the root resource). */
export interface ResourceSpec {
    readonly path: string;
    readonly parentPath?: string;
    readonly pathPart: string;
    /** Stable logical-name suffix: the path's segments joined by `-`, parameters spelled `p.name` / `p.name+`. */
    readonly key: string;
}

export function resourceKey(path: string): string {
    return path
        .slice(1)
        .split("/")
        .map((segment) => {
            const param = pathParameter(segment);
            return param ? `p.${param.name}${param.greedy ? "+" : ""}` : segment;
        })
        .join("-");
}

/** Every resource the routes need, parents before children, each once (shared prefixes are shared). */
export function planResources(routes: readonly RouteSpec[]): ResourceSpec[] {
    const byPath = new Map<string, ResourceSpec>();
    for (const route of routes) {
        const segments = route.path.slice(1).split("/");
        segments.forEach((pathPart, i) => {
            const path = "/" + segments.slice(0, i + 1).join("/");
            if (!byPath.has(path)) {
                byPath.set(path, { path, parentPath: i === 0 ? undefined : "/" + segments.slice(0, i).join("/"), pathPart, key: resourceKey(path) });
            }
        });
    }
    return [...byPath.values()];
}

/**
 * Stage method-settings key of a route's method, as API Gateway keys `methodSettings` (what
 * `aws apigateway get-stage` returns, and what the provider passes through unchanged into the
 * UpdateStage patch path `/<key>/<setting>`): the resource path with every `/` escaped as `~1`,
 * the leading one too, then `/METHOD` (`~1api~1v1~1data/GET`). ANY maps to `*`, every method of
 * the resource. CloudFormation spells the same key `ResourcePath: /~1api~1v1~1data`.
 */
export function methodSettingsPath(path: string, method: HttpMethod): string {
    return `${path.replace(/\//g, "~1")}/${method === "ANY" ? "*" : method}`;
}

/** Path parameters of a route (`{id}` -> ["id"], `{proxy+}` -> ["proxy"]). */
export function pathParameters(path: string): string[] {
    return path
        .slice(1)
        .split("/")
        .map(pathParameter)
        .filter((p): p is { name: string; greedy: boolean } => p !== undefined)
        .map((p) => p.name);
}

/** The backend path of a route for the integration URI: greedy `{proxy+}` becomes `{proxy}`. */
export function integrationPath(path: string): string {
    return path.replace(/\{([A-Za-z0-9_]+)\+\}/g, "{$1}");
}

export function cachingRoutes(routes: readonly RouteSpec[]): RouteSpec[] {
    return routes.filter((r) => r.cacheTtlSeconds > 0);
}

/** API Gateway's cache cluster is billed by the hour, so it exists only when a route caches. */
export function needsCacheCluster(routes: readonly RouteSpec[]): boolean {
    return cachingRoutes(routes).length > 0;
}

/** A canonical form of a route (defaults filled, key order fixed) so equal tables hash equally. */
function canonicalRoute(r: RouteSpec) {
    return {
        path: r.path,
        throttleRps: r.throttleRps,
        burst: r.burst ?? defaultBurst(r.throttleRps),
        cacheTtlSeconds: r.cacheTtlSeconds,
        auth: r.auth,
        methods: [...r.methods].sort(),
        cacheKeyQueryStrings: [...(r.cacheKeyQueryStrings ?? [])].sort(),
    };
}

/**
 * Fingerprint of what a deployment snapshots: the routes (in path order, so reordering the table is
 * not a change) and anything else the integrations depend on (`extra`, e.g. the integration mode).
 * Used as the deployment's `triggers.redeployment`, so a changed table re-creates the deployment.
 */
export function deploymentFingerprint(routes: readonly RouteSpec[], extra: Record<string, string> = {}): string {
    const canonical = [...routes].map(canonicalRoute).sort((a, b) => a.path.localeCompare(b.path));
    const sortedExtra = Object.fromEntries(Object.entries(extra).sort(([a], [b]) => a.localeCompare(b)));
    return createHash("sha256").update(JSON.stringify({ routes: canonical, extra: sortedExtra })).digest("hex");
}

/** A CloudFront path pattern for a route: parameters become `*` (`/items/{id}` -> `/items/*`). */
export function cloudFrontPathPattern(path: string): string {
    return path.replace(/\{[A-Za-z0-9_]+\+?\}/g, "*");
}

/**
 * The API's behaviours at the edge: one cached behaviour per caching route (matched first), then
 * one uncached `/<first segment>/*` behaviour per top-level prefix of the table; everything else is
 * static content.
 */
export function edgeBehaviours(routes: readonly RouteSpec[]): { cached: { pattern: string; route: RouteSpec }[]; uncached: string[] } {
    const cached = cachingRoutes(routes).map((route) => ({ pattern: cloudFrontPathPattern(route.path), route }));
    const uncached = [...new Set(routes.map((r) => `/${r.path.slice(1).split("/")[0]}/*`))];
    return { cached, uncached };
}
