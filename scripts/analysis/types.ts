/**
 * The shapes the network-reachability and request-path analyses produce. Other tools of the plan
 * (diagrams, diffs) read these, never the analyses' internals.
 */

/** One end of a network flow: a security group or tier as the plan names it. */
export interface FlowEndpoint {
    /** What it is: "vpc-link", "alb", "service:<name>", "postgres:<service>", "endpoint:<svc>", "internet", ... */
    readonly id: string;
    /** Human label, e.g. "internal ALB" or "entities tasks". */
    readonly label: string;
    /** Network tier of its subnets: public | private | isolated | outside. */
    readonly tier: string;
    /** Stack (project) that owns it, when it is a planned resource. */
    readonly stack?: string;
}

export interface Flow {
    readonly from: FlowEndpoint;
    readonly to: FlowEndpoint;
    readonly protocol: "tcp" | "udp" | "all";
    readonly port: number;
    /** Why the architecture needs it (required flows) or why it is reported (unintended ones). */
    readonly reason: string;
    /** true: the architecture needs it; false: checked because it must not be open. */
    readonly required: boolean;
    readonly allowed: boolean;
    /** When not allowed: the rule or missing rule that blocks it (NACL entry, SG, route). When unintended and allowed: the rule that opens it. */
    readonly decidedBy?: string;
}

export interface FlowReport {
    readonly flows: readonly Flow[];
}

/** One hop of a public request, edge to handler. */
export interface RouteHop {
    /** cloudfront | waf | api-method | integration | alb-rule | target-group | service | handler */
    readonly kind: string;
    /** What it is at that hop (behaviour path pattern, API resource + method, rule priority + condition, ...). */
    readonly name: string;
    /** Settings that matter at the hop (authorizer, throttle, cache, the exact backend path). */
    readonly detail?: string;
}

export interface RouteTrace {
    readonly method: string;
    /** The public path as a viewer requests it (`{id}` where a service's route takes a parameter). */
    readonly path: string;
    readonly hops: readonly RouteHop[];
    /** Where it ends when it reaches no handler: the hop and what answers instead (403, 404, default action). */
    readonly failure?: string;
    /** The service whose handler answers, when one does. */
    readonly service?: string;
}

export interface RouteReport {
    readonly routes: readonly RouteTrace[];
    /** What is wrong outside any one route: stage settings keyed to no method, an API without an edge. */
    readonly problems: readonly string[];
}

/** One route a service's application registers (Fastify syntax: `/api/v1/entities/:id`). */
export interface ServiceRoute {
    readonly method: string;
    readonly url: string;
}

/** A service's own route table, read from its application (`apps/<service>/src/route-table.ts`). */
export interface ServiceRouteTable {
    /** The service's project name (its folder under apps/). */
    readonly service: string;
    readonly routes: readonly ServiceRoute[];
    /** Why the table could not be read, when it could not. */
    readonly error?: string;
    /** How long loading the app and listing its routes took (the tables of one process share the cost of loading Fastify). */
    readonly readMs?: number;
    /** True when a worker thread read the table while the plan ran (`npm run plan` prefetches them), not the analysis itself. */
    readonly inWorker?: boolean;
}
