import * as assert from "assert";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import * as path from "path";
import { EnvironmentPlan, planEnvironment } from "../../scripts/lib/plan-env";
import { routeTablesOf, routesSection, traceRequestPaths } from "../../scripts/analysis/request-paths";
import { ServiceRouteTable } from "../../scripts/analysis/types";
import { resourcePathAndMethod } from "../../scripts/validate/mappings/apigateway/method-settings";
import { committedPlan } from "../helpers/plans";

/**
 * The committed dev and prod plans route every public request to a handler; each defect class the
 * analysis exists for, planted in a copy of a real plan, fails it with a message naming the hop,
 * while the untouched twin passes.
 */
const ENVS = ["dev", "prod"];

function copy(plan: EnvironmentPlan): EnvironmentPlan {
    return structuredClone(plan);
}

const all = (plan: EnvironmentPlan) => plan.stacks.flatMap((s) => s.resources);
const ofType = (plan: EnvironmentPlan, type: string) => all(plan).filter((r) => r.type === type);

function without(plan: EnvironmentPlan, drop: (r: PlannedResource) => boolean): EnvironmentPlan {
    const changed = copy(plan);
    for (const stack of changed.stacks) {
        stack.resources.splice(0, stack.resources.length, ...stack.resources.filter((r) => !drop(r)));
    }
    return changed;
}

for (const env of ENVS) {
    describe(`request paths of the ${env} plan`, () => {
        let plan: EnvironmentPlan;
        let tables: ServiceRouteTable[];
        // A prefix root and its service, read from the plan rather than named here.
        let prefixRoot: string;

        before(async () => {
            plan = await committedPlan(env);
            tables = await routeTablesOf(plan);
            const greedy = ofType(plan, "aws:apigateway/resource:Resource").find((r) => r.inputs.pathPart === "{proxy+}")!;
            prefixRoot = ofType(plan, "aws:apigateway/resource:Resource").filter((r) => r.id === greedy.inputs.parentId).map((r) => r.id)[0]!;
        });

        it("reads each service's route table from its application, and reaches a handler on every public route", async () => {
            assert.ok(tables.length >= 2 && tables.every((t) => t.error === undefined && t.routes.length > 0), JSON.stringify(tables.map((t) => [t.service, t.error])));
            const result = await routesSection.run(plan, new Map());
            assert.deepStrictEqual(result.failures, []);
            const report = result.environment as ReturnType<typeof traceRequestPaths>;
            // Each reference route's methods, and each prefix's root and child, at least.
            const traced = new Set(report.routes.map((r) => `${r.method} ${r.path}`));
            for (const expected of ["GET /api/v1/data", "GET /api/v1/secure", "POST /api/v1/secure", "PUT /api/v1/secure", "DELETE /api/v1/secure"]) {
                assert.ok(traced.has(expected), expected);
            }
            const roots = report.routes.filter((r) => r.hops.some((h) => /^api ANY \/api\/v1\/[a-z]+ \[/.test(h.name)));
            const children = report.routes.filter((r) => r.hops.some((h) => /\{proxy\+\} \[/.test(h.name)));
            assert.ok(roots.some((r) => r.method === "POST") && children.length > 0, "collection roots (create) and child paths are traced");
            assert.ok(report.routes.every((r) => r.hops.at(-1)!.kind === "handler"));
            assert.strictEqual(result.lines.length, report.routes.length + 1);
            assert.ok(result.perStack?.edge !== undefined);
        });

        it("fails a route whose collection root has no method, at API Gateway, naming the resource; the twin passes", () => {
            const planted = without(plan, (r) => (r.type === "aws:apigateway/method:Method" || r.type === "aws:apigateway/integration:Integration") && r.inputs.resourceId === prefixRoot);
            const failed = traceRequestPaths(planted, tables).routes.filter((r) => r.failure !== undefined);
            assert.ok(failed.some((r) => r.method === "POST"), "creating through the root is refused");
            for (const r of failed) {
                assert.match(r.failure!, /^api-gateway: resource \/api\/v1\/[a-z]+ has no (GET|POST) or ANY method: 403 Missing Authentication Token$/);
            }
            assert.ok(traceRequestPaths(plan, tables).routes.every((r) => r.failure === undefined));
        });

        it("fails every route when the integrations send the stage-prefixed path, at the ALB's default action", () => {
            const planted = copy(plan);
            ofType(planted, "aws:apigateway/integration:Integration").forEach((i) => { i.inputs.uri = String(i.inputs.uri).replace(/(:\d+)\//, "$1/v1/"); });
            const routes = traceRequestPaths(planted, tables).routes;
            assert.ok(routes.length > 0);
            for (const r of routes) {
                assert.match(r.failure ?? "", /^alb: no rule matches \/v1\/api\/v1\/\S+ \(\d+ rule\(s\) by priority: [\d, ]+\); the listener's default action answers: fixed-response 404$/, `${r.method} ${r.path}`);
            }
        });

        it("fails the routes of a service whose listener rule no longer matches its paths, naming the ALB's default action", () => {
            const planted = copy(plan);
            const rule = ofType(planted, "aws:lb/listenerRule:ListenerRule").find((r) => JSON.stringify(r.inputs.conditions).includes("/api/v1/data"))!;
            (rule.inputs.conditions as { pathPattern: { values: string[] } }[])[0].pathPattern.values = ["/api/v2/*"];
            const failed = traceRequestPaths(planted, tables).routes.filter((r) => r.failure !== undefined);
            assert.ok(failed.some((r) => r.path === "/api/v1/data") && failed.some((r) => r.path === "/api/v1/secure"));
            for (const r of failed) {
                assert.match(r.failure!, /^alb: no rule matches \/api\/v1\/\S+ .*default action answers: fixed-response 404$/);
            }
        });

        it("fails stage method settings keyed without the escaped leading slash (the key API Gateway would not know)", () => {
            const planted = copy(plan);
            const settings = ofType(planted, "aws:apigateway/methodSettings:MethodSettings").find((s) => s.inputs.methodPath === "~1api~1v1~1data/GET")!;
            settings.inputs.methodPath = "api~1v1~1data/GET";
            const report = traceRequestPaths(planted, tables);
            assert.match(report.problems.join("\n"), /use key "api~1v1~1data\/GET", which names no method/);
            // Only the stage-wide */* baseline (logging, metrics) would apply: no route throttle, no cache.
            assert.match(report.routes.find((r) => r.path === "/api/v1/data")!.hops.find((h) => h.kind === "api-method")!.name, /stage rps, burst stage, cache off/, "the data route's throttle and cache would not apply");
        });

        it("gives API Gateway and CloudFormation the same method-settings key (translation fidelity)", () => {
            const resources = ofType(plan, "aws:apigateway/resource:Resource");
            const pathOf = (r: PlannedResource): string => {
                const parent = resources.find((p) => p.id === r.inputs.parentId);
                return `${parent ? pathOf(parent) : ""}/${r.inputs.pathPart}`;
            };
            const methods = ofType(plan, "aws:apigateway/method:Method").map((m) => `${pathOf(resources.find((r) => r.id === m.inputs.resourceId)!)} ${m.inputs.httpMethod}`);
            const settings = ofType(plan, "aws:apigateway/methodSettings:MethodSettings");
            assert.ok(settings.length >= methods.length);
            // The stage-wide baseline is "*/*" for API Gateway and ResourcePath "/*" for CloudFormation.
            assert.deepStrictEqual(settings.filter((s) => s.inputs.methodPath === "*/*").map((s) => resourcePathAndMethod(String(s.inputs.methodPath))), [{ ResourcePath: "/*", HttpMethod: "*" }]);
            for (const s of settings.filter((s) => s.inputs.methodPath !== "*/*")) {
                const key = String(s.inputs.methodPath);
                const { ResourcePath, HttpMethod } = resourcePathAndMethod(key);
                // The value the provider sends is API Gateway's documented key (every "/" as "~1", the leading one too) ...
                assert.match(key, /^(~1[^/~]+)+\/(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|\*)$/, key);
                // ... CloudFormation's ResourcePath is that key with one "/" in front, and both name a planned method.
                assert.strictEqual(ResourcePath, `/${key.slice(0, key.lastIndexOf("/"))}`);
                const resourcePath = ResourcePath.slice(1).replace(/~1/g, "/");
                assert.ok(methods.includes(`${resourcePath} ${HttpMethod === "*" ? "ANY" : HttpMethod}`), `${key} names a method of the API`);
            }
        });
    });
}

describe("request paths through the legacy VPC link V1 (edge:apiIntegration nlb)", () => {
    it("follows the link to the NLB, its ALB-type target group and the ALB, and every route still reaches its handler", async () => {
        const plan = await planEnvironment(path.resolve(__dirname, "../.."), "dev", { edge: { "edge:apiIntegration": "nlb" } });
        const report = traceRequestPaths(plan, await routeTablesOf(plan));
        assert.ok(report.routes.length > 0);
        assert.deepStrictEqual(report.routes.filter((r) => r.failure !== undefined).map((r) => r.failure), []);
        assert.ok(report.routes.every((r) => /^VPC link V1 \S+ -> NLB \S+ -> ALB$/.test(r.hops.find((h) => h.kind === "vpc-link")!.name)));
    });
});
