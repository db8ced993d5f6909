/**
 * Request paths, edge to handler (REQUIREMENTS V2): every public route of the planned API followed
 * through the CloudFront behaviour, the API Gateway stage, resource, method (authorizer, throttling,
 * cache) and integration (the exact path it sends), the VPC link, the ALB listener and its rules by
 * priority, the target group, the ECS service and the service's own route table, read from its
 * application. A route that ends anywhere but in a handler is a failure naming the hop.
 *
 * `traceRequestPaths` is a pure function of the plan and the route tables; `routesSection` reads the
 * route tables from the applications and registers the result with `npm run plan`.
 */
import FindMyWay from "find-my-way";
import * as path from "path";
import { PlannedResource } from "../lib/mock-runtime";
import { EnvironmentPlan } from "../lib/plan-env";
import { PlanSection } from "../lib/plan-sections";
import { PlanIndex } from "./plan-index";
import { readRouteTables } from "./route-tables";
import { RouteHop, RouteReport, RouteTrace, ServiceRoute, ServiceRouteTable } from "./types";

const T = {
    distribution: "aws:cloudfront/distribution:Distribution",
    cachePolicy: "aws:cloudfront/cachePolicy:CachePolicy",
    restApi: "aws:apigateway/restApi:RestApi",
    resource: "aws:apigateway/resource:Resource",
    method: "aws:apigateway/method:Method",
    integration: "aws:apigateway/integration:Integration",
    stage: "aws:apigateway/stage:Stage",
    settings: "aws:apigateway/methodSettings:MethodSettings",
    authorizer: "aws:apigateway/authorizer:Authorizer",
    vpcLinkV1: "aws:apigateway/vpcLink:VpcLink",
    vpcLinkV2: "aws:apigatewayv2/vpcLink:VpcLink",
    loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    rule: "aws:lb/listenerRule:ListenerRule",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    service: "aws:ecs/service:Service",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
} as const;

/** AWS managed cache policies the edge uses, by their documented ids. */
const MANAGED_CACHE_POLICIES: Record<string, string> = { "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": "CachingDisabled" };
/** The methods a proxy (ANY) route is traced with, when the service serves them; HEAD follows GET. */
const TRACED_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
/** Stand-in value of a path parameter in a traced request (`/api/v1/entities/{id}`). */
const SAMPLE_SEGMENT = "sample";

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? (v.filter((x) => typeof x === "object" && x !== null) as Obj[]) : []);

/** CloudFront and ALB path patterns: case-sensitive, `*` any run of characters, `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
    const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\/]/g, "\\$&"))).join("");
    return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** API Gateway's method-settings key of a resource path and method (`~1api~1v1~1data/GET`). */
export function settingsKey(resourcePath: string, httpMethod: string): string {
    return `${resourcePath.replace(/\//g, "~1")}/${httpMethod === "ANY" ? "*" : httpMethod}`;
}

interface ApiResource {
    readonly id: string;
    readonly path: string;
    readonly pathPart: string;
    readonly children: ApiResource[];
}

/** The resource tree of a REST API, from its planned resources. */
function resourceTree(index: PlanIndex, api: PlannedResource): { root: ApiResource; all: ApiResource[] } {
    const root: ApiResource = { id: String(api.state.rootResourceId), path: "/", pathPart: "", children: [] };
    const all: ApiResource[] = [root];
    const planned = index.of(T.resource).filter((r) => r.inputs.restApi === api.id);
    const attach = (parent: ApiResource) => {
        for (const r of planned.filter((x) => x.inputs.parentId === parent.id)) {
            const pathPart = String(r.inputs.pathPart);
            const child: ApiResource = { id: r.id!, path: `${parent.path === "/" ? "" : parent.path}/${pathPart}`, pathPart, children: [] };
            parent.children.push(child);
            all.push(child);
            attach(child);
        }
    };
    attach(root);
    return { root, all };
}

/**
 * The resource API Gateway selects for a path: at each level a literal child first, then a
 * `{param}` child, then a greedy `{param+}` child that takes the rest (one segment or more).
 */
function matchResource(root: ApiResource, requestPath: string): { resource: ApiResource; params: Record<string, string> } | undefined {
    const segments = requestPath.split("/").filter(Boolean);
    const walk = (node: ApiResource, i: number, params: Record<string, string>): { resource: ApiResource; params: Record<string, string> } | undefined => {
        if (i === segments.length) {
            return { resource: node, params };
        }
        const literal = node.children.find((c) => c.pathPart === segments[i]);
        const single = node.children.find((c) => /^\{[^+}]+\}$/.test(c.pathPart));
        const greedy = node.children.find((c) => /^\{[^}]+\+\}$/.test(c.pathPart));
        return (literal && walk(literal, i + 1, params))
            ?? (single && walk(single, i + 1, { ...params, [single.pathPart.slice(1, -1)]: segments[i] }))
            ?? (greedy ? { resource: greedy, params: { ...params, [greedy.pathPart.slice(1, -2)]: segments.slice(i).join("/") } } : undefined);
    };
    return walk(root, 0, {});
}

/** The parts of an integration URI (`http://host:80/api/{proxy}`), the port filled in from the scheme. */
function uriOf(integration: Obj): { scheme: string; host: string; port: number; path: string } | undefined {
    const m = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/[^?]*)?/.exec(str(integration.uri) ?? "");
    return m === null ? undefined : { scheme: m[1], host: m[2], port: Number(m[3] ?? (m[1] === "https" ? 443 : 80)), path: m[4] ?? "/" };
}

/**
 * The path an HTTP proxy integration sends: its URI's path with each `{param}` filled from the
 * method's path parameters (requestParameters). Private integrations (VPC link) do the same: the
 * stage is not added to a REST integration's URI path (docs/request-paths.md gives the evidence),
 * and mapping templates, which a proxy integration never runs, cannot change it.
 */
export function backendPath(integration: Obj, params: Record<string, string>): { path: string; via: string } | { error: string } {
    const parsed = uriOf(integration);
    if (parsed === undefined) {
        return { error: `integration URI ${JSON.stringify(integration.uri)} is not an http(s) URL` };
    }
    const mapped = (integration.requestParameters ?? {}) as Record<string, string>;
    let unmapped: string | undefined;
    const uriPath = parsed.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) => {
        const source = /^method\.request\.path\.(.+)$/.exec(mapped[`integration.request.path.${name}`] ?? "");
        if (source === null || params[source[1]] === undefined) {
            unmapped = name;
            return `{${name}}`;
        }
        return params[source[1]];
    });
    if (unmapped !== undefined) {
        return { error: `integration URI parameter {${unmapped}} is not mapped from a path parameter of the method (requestParameters integration.request.path.${unmapped})` };
    }
    return { path: uriPath, via: "the integration URI" };
}

function routerOf(routes: readonly ServiceRoute[]) {
    const router = FindMyWay();
    const seen = new Set<string>();
    for (const r of routes) {
        const key = `${r.method} ${r.url}`;
        if (!seen.has(key)) {
            seen.add(key);
            router.on(r.method as never, r.url, () => undefined, r.url);
        }
    }
    return router;
}

interface Ctx {
    readonly index: PlanIndex;
    readonly tables: Map<string, ServiceRouteTable & { router: ReturnType<typeof routerOf> }>;
}

class Failure extends Error {}

/** Follows one request from CloudFront to the handler; a hop that answers instead throws a Failure. */
function follow(ctx: Ctx, edge: Edge, method: string, viewerPath: string, hops: RouteHop[]): string {
    const { index } = ctx;
    const fail = (hop: string, what: string): never => {
        throw new Failure(`${hop}: ${what}`);
    };
    const d = edge.distribution.inputs;
    const behaviours = [...objs(d.orderedCacheBehaviors), { ...(d.defaultCacheBehavior as Obj), pathPattern: "*" }];
    const behaviour = behaviours.find((b) => wildcardMatch(String(b.pathPattern), viewerPath))!;
    const policyId = str(behaviour.cachePolicyId) ?? "";
    const policy = index.ref(T.cachePolicy, policyId);
    const cache = MANAGED_CACHE_POLICIES[policyId] ?? (policy ? `${policy.inputs.name}, TTL ${policy.inputs.defaultTtl} s` : policyId);
    hops.push({ kind: "cloudfront", name: `cf ${behaviour.pathPattern}`, detail: `${edge.distribution.name}: origin ${behaviour.targetOriginId}${behaviour.targetOriginId === edge.originId ? ` (stage /${edge.stageName})` : ""}, cache ${cache}` });
    if (behaviour.targetOriginId !== edge.originId) {
        fail("cloudfront", `behaviour ${behaviour.pathPattern} sends ${viewerPath} to origin ${behaviour.targetOriginId}, not the API (static content answers, 403/404)`);
    }
    if (!(behaviour.allowedMethods as string[]).includes(method)) {
        fail("cloudfront", `behaviour ${behaviour.pathPattern} allows ${(behaviour.allowedMethods as string[]).join(", ")} only: ${method} gets 403`);
    }
    // The web ACLs the request passes: the distribution's (CLOUDFRONT scope), then the stage's (REGIONAL).
    const stageSuffix = `/restapis/${edge.api.id}/stages/${edge.stageName}`;
    const stageAcls = index.of(T.webAclAssociation).filter((a) => String(a.inputs.resourceArn ?? "").endsWith(stageSuffix)).map((a) => index.ref(T.webAcl, a.inputs.webAclArn));
    for (const acl of [index.ref(T.webAcl, d.webAclId), ...stageAcls]) {
        if (acl !== undefined) {
            const rules = objs(acl.inputs.rules).map((r) => String(r.name));
            hops.push({ kind: "waf", name: `waf ${acl.inputs.name} (${acl.inputs.scope})`, detail: `default ${Object.keys((acl.inputs.defaultAction ?? {}) as Obj).join("") || "?"}; rules ${rules.join(", ")}` });
        }
    }

    const match = matchResource(edge.tree.root, viewerPath);
    if (match === undefined) {
        hops.push({ kind: "api-method", name: `api ${method} ${viewerPath}` });
        fail("api-gateway", `no resource of the API matches ${viewerPath}: 403 Missing Authentication Token`);
    }
    const { resource, params } = match!;
    const methods = index.of(T.method).filter((m) => m.inputs.restApi === edge.api.id && m.inputs.resourceId === resource.id);
    const apiMethod = methods.find((m) => m.inputs.httpMethod === method) ?? methods.find((m) => m.inputs.httpMethod === "ANY");
    if (apiMethod === undefined) {
        hops.push({ kind: "api-method", name: `api ${method} ${resource.path}` });
        fail("api-gateway", `resource ${resource.path} has no ${method} or ANY method${methods.length > 0 ? ` (only ${methods.map((m) => m.inputs.httpMethod).join(", ")})` : ""}: 403 Missing Authentication Token`);
    }
    const httpMethod = String(apiMethod!.inputs.httpMethod);
    const authorizer = index.ref(T.authorizer, apiMethod!.inputs.authorizerId);
    const auth = apiMethod!.inputs.authorization === "CUSTOM" ? `${authorizer?.inputs.type ?? "?"} authorizer ${authorizer?.inputs.name ?? apiMethod!.inputs.authorizerId}` : `no authorizer (${apiMethod!.inputs.authorization})`;
    const settings = edge.settings.get(settingsKey(resource.path, httpMethod)) ?? edge.settings.get("*/*");
    const s = (settings?.inputs.settings ?? {}) as Obj;
    const limits = settings === undefined ? "stage defaults (no method settings)" : `${s.throttlingRateLimit ?? "stage"} rps, burst ${s.throttlingBurstLimit ?? "stage"}, cache ${s.cachingEnabled ? `${s.cacheTtlInSeconds} s` : "off"}`;
    hops.push({ kind: "api-method", name: `api ${httpMethod} ${resource.path} [${auth}; ${limits}]`, detail: `stage ${edge.stageName} of ${edge.api.name}; method settings ${settings?.inputs.methodPath ?? "none"}` });

    const integration = index.of(T.integration).find((i) => i.inputs.restApi === edge.api.id && i.inputs.resourceId === resource.id && i.inputs.httpMethod === httpMethod);
    if (integration === undefined) {
        fail("integration", `${httpMethod} ${resource.path} has no integration: 500`);
    }
    const i = integration!.inputs;
    const sent = backendPath(i, params);
    if ("error" in sent) {
        fail("integration", sent.error);
    }
    const { path: backend, via } = sent as { path: string; via: string };
    const backendMethod = i.integrationHttpMethod === "ANY" || i.integrationHttpMethod === undefined ? method : String(i.integrationHttpMethod);
    const { scheme, host, port } = uriOf(i)!;
    hops.push({ kind: "integration", name: `sends ${backendMethod} ${backend}`, detail: `${i.type} over ${i.connectionType ?? "INTERNET"} to ${scheme}://${host}:${port}; path from ${via}` });

    const alb = albOf(index, i, port, fail);
    hops.push({ kind: "vpc-link", name: alb.via });
    const project = albToService(index, { alb, scheme, host, port }, backendMethod, backend, hops, fail);

    const table = ctx.tables.get(project);
    if (table === undefined || table.error !== undefined) {
        fail("handler", `the route table of ${project} could not be read${table?.error ? `: ${table.error}` : ` (apps/${project}/src/route-table.ts)`}`);
    }
    const found = table!.router.find(backendMethod as never, backend);
    if (found === null) {
        fail("handler", `${project} has no route for ${backendMethod} ${backend}: its 404`);
    }
    hops.push({ kind: "handler", name: `${backendMethod} ${String(found!.store)}` });
    return project;
}

interface AlbCall {
    readonly alb: { arn: string; name: string; dnsName?: string };
    readonly scheme: string;
    readonly host: string;
    readonly port: number;
}

/** From the ALB listener the integration calls to the ECS service behind the rule that matches; returns the service's project. */
function albToService(index: PlanIndex, call: AlbCall, method: string, backend: string, hops: RouteHop[], fail: (hop: string, what: string) => never): string {
    const { alb, scheme, host, port } = call;
    const listener = index.of(T.listener).find((l) => l.inputs.loadBalancerArn === alb.arn && Number(l.inputs.port) === port);
    if (listener === undefined) {
        fail("alb", `${alb.name} has no listener on port ${port}`);
    }
    const protocol = String(listener!.inputs.protocol);
    if ((scheme === "https") !== (protocol === "HTTPS")) {
        fail("alb", `the integration speaks ${scheme} to a ${protocol} listener on port ${port}`);
    }
    if (protocol === "HTTPS" && host === alb.dnsName) {
        fail("alb", `HTTPS to the ALB's own DNS name ${host}: no certificate can name it, so API Gateway's TLS check fails; use the listener certificate's host name`);
    }
    const ruleHop = albRule(index, listener!, host, method, backend);
    hops.push({ kind: "alb-rule", name: `${alb.name} ${protocol}:${port} ${ruleHop.name}`, detail: ruleHop.detail });
    if (ruleHop.targetGroupArns === undefined) {
        fail("alb", ruleHop.failure!);
    }
    const tgArn = ruleHop.targetGroupArns![0];
    const tg = index.ref(T.targetGroup, tgArn);
    if (tg === undefined) {
        fail("target-group", `${tgArn} is not a target group of the plan`);
    }
    hops.push({ kind: "target-group", name: `${tg!.name} ${tg!.inputs.protocol}:${tg!.inputs.port}`, detail: `health ${(tg!.inputs.healthCheck as Obj | undefined)?.path ?? "/"}` });
    const registers = (x: Obj) => x.targetGroupArn === tgArn || (x.advancedConfiguration as Obj | undefined)?.alternateTargetGroupArn === tgArn;
    const service = index.of(T.service).find((svc) => objs(svc.inputs.loadBalancers).some(registers));
    if (service === undefined) {
        fail("service", `no ECS service registers its tasks in ${tg!.name}: 503`);
    }
    const lb = objs(service!.inputs.loadBalancers).find(registers)!;
    if (Number(lb.containerPort) !== Number(tg!.inputs.port)) {
        fail("service", `${service!.inputs.name} registers container port ${lb.containerPort} in ${tg!.name}, which sends to port ${tg!.inputs.port}`);
    }
    const project = service!.stack;
    hops.push({ kind: "service", name: `service ${service!.inputs.name}`, detail: `project ${project}, container ${lb.containerName}:${lb.containerPort}` });
    return project;
}

/** The ALB behind an integration: its target with a VPC link V2, the NLB's ALB-type target group with V1. */
function albOf(index: PlanIndex, integration: Obj, port: number, fail: (hop: string, what: string) => never): { arn: string; name: string; dnsName?: string; via: string } {
    const describe = (arn: string, via: string) => {
        const alb = index.ref(T.loadBalancer, arn);
        if (alb === undefined || alb.inputs.loadBalancerType !== "application") {
            return fail("vpc-link", `${via} leads to ${arn}, which is not an Application Load Balancer of the plan`);
        }
        return { arn, name: alb.name, dnsName: str(alb.state.dnsName), via };
    };
    if (integration.integrationTarget !== undefined) {
        const link = index.ref(T.vpcLinkV2, integration.connectionId);
        return describe(String(integration.integrationTarget), `VPC link V2 ${link?.name ?? integration.connectionId} -> ALB`);
    }
    const link = index.ref(T.vpcLinkV1, integration.connectionId);
    const nlbArn = (link?.inputs.targetArn ?? (link?.inputs.targetArns as string[] | undefined)?.[0]) as string | undefined;
    const nlbListener = index.of(T.listener).find((l) => l.inputs.loadBalancerArn === nlbArn && Number(l.inputs.port) === port);
    const tgArn = objs(nlbListener?.inputs.defaultActions).find((a) => a.type === "forward")?.targetGroupArn;
    const attachment = index.of(T.attachment).find((a) => a.inputs.targetGroupArn === tgArn);
    if (link === undefined || nlbListener === undefined || attachment === undefined) {
        return fail("vpc-link", `connection ${integration.connectionId} does not lead to an ALB (VPC link V1 -> NLB listener on ${port} -> ALB-type target group)`);
    }
    return describe(String(attachment.inputs.targetId), `VPC link V1 ${link.name} -> NLB ${index.ref(T.loadBalancer, nlbArn)?.name ?? nlbArn} -> ALB`);
}

/** The listener rules in priority order; the first whose conditions all hold decides, else the default action. */
function albRule(index: PlanIndex, listener: PlannedResource, host: string, method: string, backend: string): { name: string; detail?: string; targetGroupArns?: string[]; failure?: string } {
    const listenerArn = str(listener.state.arn);
    const rules = index.of(T.rule).filter((r) => r.inputs.listenerArn === listenerArn).sort((a, b) => Number(a.inputs.priority) - Number(b.inputs.priority));
    const holds = (c: Obj): boolean => {
        const values = (v: unknown) => ((v as Obj | undefined)?.values as string[] | undefined) ?? [];
        if (c.pathPattern !== undefined) {
            return values(c.pathPattern).some((p) => wildcardMatch(p, backend));
        }
        if (c.hostHeader !== undefined) {
            return values(c.hostHeader).some((p) => wildcardMatch(p, host, true));
        }
        if (c.httpRequestMethod !== undefined) {
            return values(c.httpRequestMethod).includes(method);
        }
        // Query, header and source-IP conditions depend on the caller, not on the route.
        return false;
    };
    const rule = rules.find((r) => objs(r.inputs.conditions).every(holds));
    const actions = objs(rule ? rule.inputs.actions : listener.inputs.defaultActions).filter((a) => !String(a.type).startsWith("authenticate"));
    const action = actions[0] ?? {};
    const name = rule ? `rule ${rule.inputs.priority}` : "default action";
    const conditions = rule ? objs(rule.inputs.conditions).map((c) => `${Object.keys(c)[0]} ${JSON.stringify((Object.values(c)[0] as Obj | undefined)?.values ?? c)}`).join(" and ") : "";
    const considered = `${rule ? `${conditions}; ` : ""}${rules.length} rule(s) by priority: ${rules.map((r) => r.inputs.priority).join(", ") || "none"}`;
    if (action.type === "forward") {
        const weighted = objs((action.forward as Obj | undefined)?.targetGroups).filter((g) => Number(g.weight ?? 1) > 0).map((g) => String(g.arn));
        const arns = action.targetGroupArn !== undefined ? [String(action.targetGroupArn)] : weighted;
        if (arns.length > 0) {
            return { name, detail: considered, targetGroupArns: arns };
        }
    }
    const answer = action.type === "fixed-response" ? `fixed-response ${(action.fixedResponse as Obj | undefined)?.statusCode}` : String(action.type ?? "no action");
    return { name, detail: considered, failure: `${rule ? name : `no rule matches ${backend} (${considered}); the listener's default action`} answers: ${answer}` };
}

interface Edge {
    readonly distribution: PlannedResource;
    readonly originId: string;
    readonly api: PlannedResource;
    readonly stageName: string;
    readonly tree: { root: ApiResource; all: ApiResource[] };
    readonly settings: Map<string, PlannedResource>;
}

/** Each distribution origin that is a REST API stage (`<api>.execute-api.<region>.amazonaws.com` + `/<stage>`). */
function edgesOf(index: PlanIndex, problems: string[]): Edge[] {
    const edges: Edge[] = [];
    for (const distribution of index.of(T.distribution)) {
        for (const origin of objs(distribution.inputs.origins)) {
            const apiId = /^([^.]+)\.execute-api\./.exec(String(origin.domainName))?.[1];
            const api = apiId === undefined ? undefined : index.ref(T.restApi, apiId);
            if (api === undefined) {
                continue;
            }
            const stageName = String(origin.originPath ?? "").replace(/^\//, "");
            const stage = index.of(T.stage).find((s) => s.inputs.restApi === api.id && s.inputs.stageName === stageName);
            if (stage === undefined) {
                problems.push(`cloudfront ${distribution.name}: origin ${origin.originId} calls stage "${stageName}" of API ${api.name}, which has no such stage (403 for every API route)`);
                continue;
            }
            const settings = new Map(index.of(T.settings).filter((s) => s.inputs.restApi === api.id && s.inputs.stageName === stageName).map((s) => [String(s.inputs.methodPath), s]));
            edges.push({ distribution, originId: String(origin.originId), api, stageName, tree: resourceTree(index, api), settings });
        }
    }
    for (const api of index.of(T.restApi).filter((a) => !edges.some((e) => e.api === a))) {
        problems.push(`API ${api.name} is behind no CloudFront distribution of the plan: its routes are not traced`);
    }
    return edges;
}

/** Settings keyed to no method of the API are silently ignored by API Gateway (or fail the update). */
function settingsProblems(index: PlanIndex, edge: Edge): string[] {
    const keys = new Set(["*/*"]);
    for (const r of edge.tree.all) {
        for (const m of index.of(T.method).filter((x) => x.inputs.restApi === edge.api.id && x.inputs.resourceId === r.id)) {
            keys.add(settingsKey(r.path, String(m.inputs.httpMethod)));
            keys.add(settingsKey(r.path, "ANY"));
        }
    }
    return [...edge.settings.entries()].filter(([key]) => !keys.has(key))
        .map(([key, s]) => `api-gateway: method settings ${s.name} use key ${JSON.stringify(key)}, which names no method of API ${edge.api.name}; API Gateway keys them by the resource path with every "/" escaped as "~1", the leading one too (such as "~1api~1v1~1data/GET")`);
}

/** A concrete path for a service route (`/api/v1/entities/:id` -> `/api/v1/entities/sample`) and how it is shown (`{id}`). */
function sampleOf(url: string): { request: string; shown: string } {
    const segments = url.split("/");
    return {
        request: segments.map((s) => (s.startsWith(":") ? SAMPLE_SEGMENT : s === "*" ? SAMPLE_SEGMENT : s)).join("/"),
        shown: segments.map((s) => (s.startsWith(":") ? `{${s.slice(1).replace(/\(.*$/, "")}}` : s === "*" ? "{proxy}" : s)).join("/"),
    };
}

/** The requests a viewer can make: each method of each literal route; for ANY and greedy routes, what the owning service serves there. */
function requestsOf(ctx: Ctx, edge: Edge): { method: string; request: string; shown: string }[] {
    const { index } = ctx;
    const requests: { method: string; request: string; shown: string }[] = [];
    const methodsOf = (r: ApiResource) => index.of(T.method).filter((m) => m.inputs.restApi === edge.api.id && m.inputs.resourceId === r.id).map((m) => String(m.inputs.httpMethod));
    // Which service answers under a prefix: the one the ALB routes that path to (through the ALB the API's integrations call).
    const serviceUnder = (probe: string): string | undefined => {
        const noThrow = (hop: string, what: string): never => {
            throw new Failure(`${hop}: ${what}`);
        };
        try {
            const integration = index.of(T.integration).find((x) => x.inputs.restApi === edge.api.id && x.inputs.connectionType === "VPC_LINK")!;
            const { scheme, host, port } = uriOf(integration.inputs)!;
            return albToService(index, { alb: albOf(index, integration.inputs, port, noThrow), scheme, host, port }, "GET", probe, [], noThrow);
        } catch {
            return undefined;
        }
    };
    for (const r of edge.tree.all) {
        const greedy = /\{[^}]+\+\}$/.test(r.pathPart);
        const parentOfGreedy = r.children.some((c) => /\{[^}]+\+\}$/.test(c.pathPart));
        const methods = methodsOf(r);
        if (!greedy && !parentOfGreedy) {
            methods.filter((m) => m !== "ANY").forEach((m) => requests.push({ method: m, request: r.path, shown: r.path }));
            if (!methods.includes("ANY")) {
                continue;
            }
        }
        if (methods.length === 0 && !parentOfGreedy) {
            continue;
        }
        // A proxy route, or the collection root above one: the service's own routes there decide the methods.
        const prefix = greedy ? r.path.slice(0, r.path.lastIndexOf("/")) : r.path;
        const probe = greedy ? `${prefix}/${SAMPLE_SEGMENT}` : prefix;
        const service = serviceUnder(probe);
        const routes = (service !== undefined ? ctx.tables.get(service)?.routes : undefined) ?? [];
        const below = routes.filter((x) => TRACED_METHODS.includes(x.method) && (greedy ? x.url.startsWith(`${prefix}/`) && x.url.length > prefix.length + 1 : x.url === prefix || x.url === `${prefix}/`));
        if (below.length === 0) {
            // Nothing found to ask for: trace the route itself, so that the failure names the hop.
            requests.push({ method: methods.includes("ANY") || methods.length === 0 ? "GET" : methods[0], request: probe, shown: greedy ? r.path : prefix });
            continue;
        }
        for (const x of below) {
            const { request, shown } = sampleOf(x.url.replace(/\/$/, ""));
            if (!requests.some((q) => q.method === x.method && q.request === request)) {
                requests.push({ method: x.method, request, shown });
            }
        }
    }
    return requests;
}

/** Traces every public route of every CloudFront-fronted API in the plan against the services' route tables. */
export function traceRequestPaths(plan: EnvironmentPlan, tables: readonly ServiceRouteTable[]): RouteReport {
    const index = new PlanIndex(plan);
    const ctx: Ctx = { index, tables: new Map(tables.map((t) => [t.service, { ...t, router: routerOf(t.routes) }])) };
    const problems: string[] = [];
    const routes: RouteTrace[] = [];
    for (const edge of edgesOf(index, problems)) {
        problems.push(...settingsProblems(index, edge));
        for (const { method, request, shown } of requestsOf(ctx, edge)) {
            const hops: RouteHop[] = [];
            try {
                const service = follow(ctx, edge, method, request, hops);
                routes.push({ method, path: shown, hops, service });
            } catch (e) {
                if (!(e instanceof Failure)) {
                    throw e;
                }
                routes.push({ method, path: shown, hops, failure: e.message });
            }
        }
    }
    return { routes, problems };
}

/** One line per route: where it goes, hop by hop, or where it stops. */
export function formatRouteReport(report: RouteReport): string[] {
    const ok = report.routes.filter((r) => r.failure === undefined).length;
    const lines = [`routes: ${report.routes.length} public, ${ok} reach a handler; ${report.problems.length} other problem(s)`];
    for (const r of report.routes) {
        const hops = r.hops.map((h) => h.name).join(" -> ");
        lines.push(`  ${r.failure === undefined ? "ok  " : "FAIL"} ${r.method.padEnd(6)} ${r.path}: ${hops}${r.failure === undefined ? "" : ` -> STOPS at ${r.failure}`}`);
    }
    report.problems.forEach((p) => lines.push(`  FAIL ${p}`));
    return lines;
}

/** The route tables of the plan's service stacks, read from their applications. */
export function routeTablesOf(plan: EnvironmentPlan, root = path.resolve(__dirname, "../..")): Promise<ServiceRouteTable[]> {
    return readRouteTables(root, plan.stacks.filter((s) => s.kind === "service").map((s) => s.project));
}

export const routesSection: PlanSection = {
    name: "routes",
    title: "request paths: every public route, CloudFront to the service's handler",
    async run(plan) {
        const started = Date.now();
        const tables = await routeTablesOf(plan);
        const report = traceRequestPaths(plan, tables);
        const lines = formatRouteReport(report);
        const failures = [
            ...report.routes.filter((r) => r.failure !== undefined).map((r) => `${r.method} ${r.path} reaches no handler: ${r.failure}`),
            ...report.problems,
        ];
        const perStack: Record<string, unknown> = {};
        for (const stack of plan.stacks) {
            const own = stack.kind === "edge" ? report.routes : report.routes.filter((r) => r.service === stack.project);
            if (own.length > 0) {
                perStack[stack.project] = { routes: own };
            }
        }
        // What the section costs the plan, and what reading the route tables (loading Fastify and the
        // apps) cost where it ran: in a worker thread during the plan, when the plan prefetched them.
        const readMs = tables.reduce((sum, t) => sum + (t.readMs ?? 0), 0);
        const where = tables.length > 0 && tables.every((t) => t.inWorker) ? "in a worker thread during the plan" : "in the analysis";
        lines[0] = `${lines[0]} (${Date.now() - started} ms; the route tables took ${readMs} ms to read, ${where})`;
        return { lines, perStack, environment: report, failures };
    },
};
