import * as assert from "assert";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { EnvironmentPlan } from "../../scripts/lib/plan-env";
import { backendPath, formatRouteReport, traceRequestPaths, wildcardMatch } from "../../scripts/analysis/request-paths";
import { RouteTrace, ServiceRouteTable } from "../../scripts/analysis/types";

/**
 * Small hand-built environments: one distribution in front of one REST API stage, a VPC link V2 to
 * an ALB, one listener with rules, a target group and an ECS service per service. Each test changes
 * one thing and reads where the request ends.
 */
type Obj = Record<string, unknown>;

const ALB = "arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/app/alb/1";
const ALB_DNS = "internal-alb-1.us-east-1.elb.amazonaws.com";
const LISTENER = "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/alb/1/80";
const tgArn = (svc: string) => `arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/${svc}-tg/1`;

function res(type: string, name: string, inputs: Obj, extra: { id?: string; state?: Obj } = {}): PlannedResource {
    return { urn: `urn:pulumi:t::p::${type}::${name}`, type, name, custom: true, id: extra.id ?? name, inputs, state: { ...inputs, ...extra.state }, protect: false, retainOnDelete: false, dependsOn: [] };
}

interface Route {
    readonly path: string;
    readonly methods: string[];
    readonly auth?: boolean;
    /** Put the stage in front of the URI's path (a defect: the ALB then sees `/v1/...`). */
    readonly stageInUri?: boolean;
}

interface Options {
    readonly routes: Route[];
    readonly rules?: { priority: number; patterns: string[]; service: string }[];
    readonly listener?: { port: number; protocol: "HTTP" | "HTTPS" };
    readonly uriHost?: string;
    readonly settingsKeys?: string[];
    readonly behaviours?: Obj[];
}

/** Builds the plan: edge stack (CloudFront, API, link) and platform (ALB, listener) and one stack per service. */
function environment(o: Options): EnvironmentPlan {
    const listener = o.listener ?? { port: 80, protocol: "HTTP" };
    const scheme = listener.protocol === "HTTPS" ? "https" : "http";
    const edge: PlannedResource[] = [
        res("aws:apigateway/restApi:RestApi", "api", { name: "api" }, { id: "a1", state: { rootResourceId: "root" } }),
        res("aws:apigateway/stage:Stage", "stage", { restApi: "a1", stageName: "v1" }),
        res("aws:apigatewayv2/vpcLink:VpcLink", "link", { name: "link" }, { id: "vl1" }),
        res("aws:apigateway/authorizer:Authorizer", "authorizer", { restApi: "a1", name: "jwt", type: "TOKEN" }, { id: "auth1" }),
        res("aws:cloudfront/distribution:Distribution", "cdn", {
            origins: [{ originId: "api", domainName: "a1.execute-api.us-east-1.amazonaws.com", originPath: "/v1" }, { originId: "web", domainName: "web.s3.amazonaws.com" }],
            orderedCacheBehaviors: o.behaviours ?? [{ pathPattern: "/api/*", targetOriginId: "api", allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"], cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" }],
            defaultCacheBehavior: { targetOriginId: "web", allowedMethods: ["GET", "HEAD"], cachePolicyId: "static" },
        }),
    ];
    const resourceIds = new Map<string, string>([["/", "root"]]);
    const resourceOf = (path: string): string => {
        if (!resourceIds.has(path)) {
            const parent = resourceOf(path.slice(0, path.lastIndexOf("/")) || "/");
            const id = `r${resourceIds.size}`;
            resourceIds.set(path, id);
            edge.push(res("aws:apigateway/resource:Resource", `res${path}`, { restApi: "a1", parentId: parent, pathPart: path.slice(path.lastIndexOf("/") + 1) }, { id }));
        }
        return resourceIds.get(path)!;
    };
    for (const route of o.routes) {
        const resourceId = resourceOf(route.path);
        const params = [...route.path.matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((m) => m[1]);
        const uriPath = route.path.replace(/\{([A-Za-z0-9_]+)\+\}/g, "{$1}");
        for (const m of route.methods) {
            edge.push(res("aws:apigateway/method:Method", `${route.path}-${m}`, { restApi: "a1", resourceId, httpMethod: m, authorization: route.auth ? "CUSTOM" : "NONE", ...(route.auth ? { authorizerId: "auth1" } : {}) }));
            edge.push(res("aws:apigateway/integration:Integration", `${route.path}-${m}-integration`, {
                restApi: "a1", resourceId, httpMethod: m, type: "HTTP_PROXY", integrationHttpMethod: m, connectionType: "VPC_LINK", connectionId: "vl1", integrationTarget: ALB,
                uri: `${scheme}://${o.uriHost ?? ALB_DNS}:${listener.port}${route.stageInUri ? "/v1" : ""}${uriPath}`,
                requestParameters: Object.fromEntries(params.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`])),
            }));
            const key = `${route.path.replace(/\//g, "~1")}/${m === "ANY" ? "*" : m}`;
            if (o.settingsKeys === undefined) {
                edge.push(res("aws:apigateway/methodSettings:MethodSettings", `settings-${key}`, { restApi: "a1", stageName: "v1", methodPath: key, settings: { throttlingRateLimit: 500, throttlingBurstLimit: 1000, cachingEnabled: false } }));
            }
        }
    }
    for (const key of o.settingsKeys ?? []) {
        edge.push(res("aws:apigateway/methodSettings:MethodSettings", `settings-${key}`, { restApi: "a1", stageName: "v1", methodPath: key, settings: {} }));
    }
    const platform: PlannedResource[] = [
        res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application", internal: true }, { state: { arn: ALB, dnsName: ALB_DNS } }),
        res("aws:lb/listener:Listener", "alb-listener", { loadBalancerArn: ALB, ...listener, defaultActions: [{ type: "fixed-response", fixedResponse: { statusCode: "404" } }] }, { state: { arn: LISTENER } }),
    ];
    const rules = o.rules ?? [{ priority: 100, patterns: ["/api/items*"], service: "items" }];
    const services = rules.map((r) => ({
        project: r.service, stack: "t", region: "us-east-1", kind: "service" as const, outputs: {},
        resources: [
            res("aws:lb/listenerRule:ListenerRule", `${r.service}-rule`, { listenerArn: LISTENER, priority: r.priority, conditions: [{ pathPattern: { values: r.patterns } }], actions: [{ type: "forward", forward: { targetGroups: [{ arn: tgArn(r.service), weight: 100 }] } }] }),
            res("aws:lb/targetGroup:TargetGroup", `${r.service}-tg`, { port: 8080, protocol: "HTTP", healthCheck: { path: "/health" } }, { state: { arn: tgArn(r.service) } }),
            res("aws:ecs/service:Service", `${r.service}-service`, { name: r.service, loadBalancers: [{ targetGroupArn: tgArn(r.service), containerName: "app", containerPort: 8080 }] }),
        ],
    }));
    return {
        env: "t",
        region: "us-east-1",
        stacks: [
            { project: "platform", stack: "t", region: "us-east-1", kind: "platform", outputs: {}, resources: platform },
            { project: "edge", stack: "t", region: "us-east-1", kind: "edge", outputs: {}, resources: edge },
            ...services,
        ],
    };
}

const ITEMS: ServiceRouteTable = {
    service: "items",
    routes: [
        { method: "GET", url: "/api/items" },
        { method: "POST", url: "/api/items" },
        { method: "GET", url: "/api/items/:id" },
        { method: "DELETE", url: "/api/items/:id" },
        { method: "GET", url: "/api/report" },
    ],
};
const PROXY: Route[] = [{ path: "/api/items", methods: ["ANY"], auth: true }, { path: "/api/items/{proxy+}", methods: ["ANY"], auth: true }];

const byRoute = (routes: readonly RouteTrace[]) => Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r]));

describe("request paths (hand-built graphs)", () => {
    it("follows every method a proxy route's service serves, root and child, to its handler, hop by hop", () => {
        const report = traceRequestPaths(environment({ routes: PROXY }), [ITEMS]);
        assert.deepStrictEqual(report.problems, []);
        const routes = byRoute(report.routes);
        assert.deepStrictEqual(Object.keys(routes).sort(), ["DELETE /api/items/{id}", "GET /api/items", "GET /api/items/{id}", "POST /api/items"]);
        assert.ok(report.routes.every((r) => r.failure === undefined && r.service === "items"), formatRouteReport(report).join("\n"));
        const get = routes["GET /api/items/{id}"];
        assert.deepStrictEqual(get.hops.map((h) => h.kind), ["cloudfront", "api-method", "integration", "vpc-link", "alb-rule", "target-group", "service", "handler"]);
        assert.deepStrictEqual(get.hops.map((h) => h.name), [
            "cf /api/*",
            "api ANY /api/items/{proxy+} [TOKEN authorizer jwt; 500 rps, burst 1000, cache off]",
            "sends GET /api/items/sample",
            "VPC link V2 link -> ALB",
            "alb HTTP:80 rule 100",
            "items-tg HTTP:8080",
            "service items",
            "GET /api/items/:id",
        ]);
    });

    it("fails a collection root without a method at API Gateway's 403, naming the resource", () => {
        const report = traceRequestPaths(environment({ routes: [PROXY[1]] }), [ITEMS]);
        const routes = byRoute(report.routes);
        for (const key of ["GET /api/items", "POST /api/items"]) {
            assert.match(routes[key].failure ?? "", /^api-gateway: resource \/api\/items has no (GET|POST) or ANY method.*403/, key);
        }
        assert.strictEqual(routes["GET /api/items/{id}"].failure, undefined, "the children still work");
    });

    it("fails a root that has some methods but not the one the service serves, listing the ones it has", () => {
        const report = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"] }, PROXY[1]] }), [ITEMS]);
        const routes = byRoute(report.routes);
        assert.strictEqual(routes["GET /api/items"].failure, undefined);
        assert.strictEqual(routes["POST /api/items"].failure, "api-gateway: resource /api/items has no POST or ANY method (only GET): 403 Missing Authentication Token");
    });

    it("fails an integration whose URI puts the stage in front of the path: the ALB answers with its default action", () => {
        const report = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"], stageInUri: true }] }), [ITEMS]);
        const [route] = report.routes;
        assert.strictEqual(route.hops.find((h) => h.kind === "integration")!.name, "sends GET /v1/api/items");
        assert.match(route.failure ?? "", /^alb: no rule matches \/v1\/api\/items .*default action answers: fixed-response 404/);
        assert.deepStrictEqual(backendPath({ uri: "http://h:80/api/{proxy}", connectionType: "VPC_LINK", requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" } }, { proxy: "a/b" }), { path: "/api/a/b", via: "the integration URI" });
        assert.deepStrictEqual(backendPath({ uri: "http://h/api/{proxy}", connectionType: "INTERNET", requestParameters: {} }, { proxy: "a" }), { error: "integration URI parameter {proxy} is not mapped from a path parameter of the method (requestParameters integration.request.path.proxy)" });
    });

    it("fails a route whose listener rule no longer matches its path, at the ALB's default action", () => {
        const report = traceRequestPaths(environment({ routes: PROXY, rules: [{ priority: 100, patterns: ["/api/things*"], service: "items" }] }), [ITEMS]);
        assert.ok(report.routes.length > 0 && report.routes.every((r) => /^alb: no rule matches \/api\/items\S* \(1 rule\(s\) by priority: 100\); the listener's default action answers: fixed-response 404$/.test(r.failure ?? "")), formatRouteReport(report).join("\n"));
    });

    it("takes the rule of lowest priority number when several match", () => {
        const report = traceRequestPaths(environment({
            routes: [{ path: "/api/items", methods: ["GET"] }],
            rules: [{ priority: 200, patterns: ["/api/items*"], service: "items" }, { priority: 50, patterns: ["/api/*"], service: "other" }],
        }), [ITEMS, { service: "other", routes: [] }]);
        const [route] = report.routes;
        assert.strictEqual(route.hops.find((h) => h.kind === "alb-rule")!.name, "alb HTTP:80 rule 50");
        assert.strictEqual(route.failure, "handler: other has no route for GET /api/items: its 404");
    });

    it("fails a path the service's own route table does not serve, and one whose table cannot be read", () => {
        const report = traceRequestPaths(environment({ routes: [{ path: "/api/items/all", methods: ["GET"] }, { path: "/api/items", methods: ["GET"] }] }), [{ ...ITEMS, routes: ITEMS.routes.slice(1, 2) }]);
        assert.deepStrictEqual(report.routes.map((r) => r.failure).sort(), ["handler: items has no route for GET /api/items/all: its 404", "handler: items has no route for GET /api/items: its 404"]);
        const unreadable = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"] }] }), [{ service: "items", routes: [], error: "Cannot find module" }]);
        assert.strictEqual(unreadable.routes[0].failure, "handler: the route table of items could not be read: Cannot find module");
    });

    it("stops at CloudFront when no API behaviour takes the path, or the behaviour refuses the method", () => {
        const report = traceRequestPaths(environment({
            routes: [{ path: "/api/items", methods: ["GET", "POST"] }, { path: "/other", methods: ["GET"] }],
            behaviours: [{ pathPattern: "/api/items", targetOriginId: "api", allowedMethods: ["GET", "HEAD"], cachePolicyId: "p" }],
        }), [ITEMS]);
        const routes = byRoute(report.routes);
        assert.strictEqual(routes["GET /api/items"].failure, undefined);
        assert.strictEqual(routes["POST /api/items"].failure, "cloudfront: behaviour /api/items allows GET, HEAD only: POST gets 403");
        assert.match(routes["GET /other"].failure ?? "", /^cloudfront: behaviour \* sends \/other to origin web, not the API/);
    });

    it("follows HTTPS listeners, and refuses TLS to the ALB's own DNS name or plain HTTP to an HTTPS listener", () => {
        const https = { port: 443, protocol: "HTTPS" as const };
        const ok = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"] }], listener: https, uriHost: "alb.internal.example.com" }), [ITEMS]);
        assert.strictEqual(ok.routes[0].failure, undefined);
        assert.strictEqual(ok.routes[0].hops.find((h) => h.kind === "alb-rule")!.name, "alb HTTPS:443 rule 100");
        const ownName = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"] }], listener: https }), [ITEMS]);
        assert.match(ownName.routes[0].failure ?? "", /^alb: HTTPS to the ALB's own DNS name/);
        const plain = environment({ routes: [{ path: "/api/items", methods: ["GET"] }], listener: https, uriHost: "alb.internal.example.com" });
        const integration = plain.stacks[1].resources.find((r) => r.type === "aws:apigateway/integration:Integration")!;
        integration.inputs.uri = "http://alb.internal.example.com:443/api/items";
        assert.strictEqual(traceRequestPaths(plain, [ITEMS]).routes[0].failure, "alb: the integration speaks http to a HTTPS listener on port 443");
    });

    it("reports stage method settings keyed to no method (the leading slash unescaped)", () => {
        const report = traceRequestPaths(environment({ routes: [{ path: "/api/items", methods: ["GET"] }], settingsKeys: ["api~1items/GET", "~1api~1items/GET", "*/*"] }), [ITEMS]);
        assert.strictEqual(report.problems.length, 1);
        assert.match(report.problems[0], /key "api~1items\/GET", which names no method of API api; API Gateway keys them by the resource path with every "\/" escaped as "~1", the leading one too/);
        assert.match(report.routes[0].hops.find((h) => h.kind === "api-method")!.name, /\[no authorizer \(NONE\); stage rps, burst stage, cache off\]$/, "the route's settings are the ones keyed to its method");
    });

    it("matches path patterns as CloudFront and the ALB do: case-sensitive, * any run, ? one character", () => {
        assert.ok(wildcardMatch("/api/*", "/api/v1/x"));
        assert.ok(wildcardMatch("/api/v1/entities*", "/api/v1/entities"));
        assert.ok(!wildcardMatch("/api/v1/entities*", "/API/v1/entities"));
        assert.ok(wildcardMatch("/a?c", "/abc") && !wildcardMatch("/a?c", "/ac"));
        assert.ok(wildcardMatch("*.example.com", "ALB.example.com", true));
        assert.ok(!wildcardMatch("/api/v1.data", "/api/v1xdata"), "a dot is a dot");
    });
});
