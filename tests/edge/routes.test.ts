import * as assert from "assert";
import {
    deploymentFingerprint,
    integrationPath,
    methodSettingsPath,
    needsCacheCluster,
    pathParameters,
    planResources,
    REFERENCE_ROUTES,
    RouteSpec,
    routeTableProblems,
    serviceProxyRoutes,
    validateRoutes,
} from "../../components/edge/routes";

const DATA = REFERENCE_ROUTES[0];
const with_ = (patch: Partial<RouteSpec>): RouteSpec[] => [{ ...DATA, ...patch }];

describe("edge route table", () => {
    it("accepts the reference routes with their numbers (data 1000 RPS / 60 s / optional, secure 500 RPS / 0 s / required)", () => {
        validateRoutes(REFERENCE_ROUTES);
        assert.deepStrictEqual(REFERENCE_ROUTES.map((r) => [r.path, r.throttleRps, r.cacheTtlSeconds, r.auth]), [
            ["/api/v1/data", 1000, 60, "optional"],
            ["/api/v1/secure", 500, 0, "required"],
        ]);
    });

    it("refuses a duplicate path, naming both routes", () => {
        assert.throws(() => validateRoutes([...REFERENCE_ROUTES, { ...DATA }]), /route 2 \("\/api\/v1\/data"\): duplicate path; route 0 already declares it/);
        assert.throws(() => validateRoutes([...REFERENCE_ROUTES, { ...DATA, path: "/API/v1/Data" }]), /duplicate path/);
    });

    it("refuses a throttle below 1 or above the account limit of 10000", () => {
        for (const bad of [0, 0.5, -1, 10001, NaN]) {
            assert.throws(() => validateRoutes(with_({ throttleRps: bad })), /route 0 \("\/api\/v1\/data"\): throttleRps = .* is outside 1\.\.10000/, String(bad));
        }
        validateRoutes(with_({ throttleRps: 1 }));
        validateRoutes(with_({ throttleRps: 10000 }));
    });

    it("refuses a cache TTL above 3600 s or negative", () => {
        assert.throws(() => validateRoutes(with_({ cacheTtlSeconds: 3601 })), /cacheTtlSeconds = 3601 is outside 0\.\.3600/);
        assert.throws(() => validateRoutes(with_({ cacheTtlSeconds: -1 })), /cacheTtlSeconds = -1/);
        validateRoutes(with_({ cacheTtlSeconds: 3600 }));
    });

    it("refuses a burst above 5000 and malformed paths", () => {
        assert.throws(() => validateRoutes(with_({ burst: 5001 })), /burst = 5001 is outside 1\.\.5000/);
        for (const path of ["api/v1", "/", "/api/", "/api//x", "/a/{proxy+}/b", "/a b"]) {
            assert.throws(() => validateRoutes(with_({ path })), /path/, path);
        }
    });

    it("refuses caching on authenticated routes and on writes, so no authenticated answer is ever cached", () => {
        assert.throws(() => validateRoutes(with_({ auth: "required" })), /with auth "required": authenticated answers are never cached/);
        assert.throws(() => validateRoutes(with_({ methods: ["GET", "POST"] })), /only GET and HEAD may be cached/);
    });

    it("refuses unknown auth modes and methods, and different parameters under one parent", () => {
        assert.throws(() => validateRoutes(with_({ auth: "maybe" as never })), /auth = "maybe" is not one of "required", "optional", "none"/);
        assert.throws(() => validateRoutes(with_({ methods: [] })), /methods = \[\]/);
        assert.throws(() => validateRoutes(with_({ methods: ["ANY", "GET"] })), /ANY alone/);
        const clash = [{ ...DATA, path: "/items/{id}", cacheKeyQueryStrings: [] }, { ...DATA, path: "/items/{key}/x", cacheKeyQueryStrings: [] }];
        assert.throws(() => validateRoutes(clash), /one parameter segment per parent/);
    });

    it("reports every problem of a table at once", () => {
        const problems = routeTableProblems([{ ...DATA, throttleRps: 0, cacheTtlSeconds: 9999 }, { ...DATA }]);
        assert.strictEqual(problems.length, 3, problems.join("\n"));
    });

    it("builds one greedy proxy route per service prefix, authenticated and uncached", () => {
        const routes = serviceProxyRoutes(["orders", "api/v1/catalog"]);
        // The root too: {proxy+} matches one segment or more, so POST /orders would otherwise get a 403.
        assert.deepStrictEqual(routes.map((r) => [r.path, r.auth, r.cacheTtlSeconds, r.methods]), [
            ["/orders", "required", 0, ["ANY"]],
            ["/orders/{proxy+}", "required", 0, ["ANY"]],
            ["/api/v1/catalog", "required", 0, ["ANY"]],
            ["/api/v1/catalog/{proxy+}", "required", 0, ["ANY"]],
        ]);
        validateRoutes([...REFERENCE_ROUTES, ...routes]);
        assert.throws(() => serviceProxyRoutes(["/orders"]), /service prefix "\/orders"/);
    });

    it("escapes method-settings paths as API Gateway expects", () => {
        // As `aws apigateway get-stage` lists them: the leading slash is escaped too.
        assert.strictEqual(methodSettingsPath("/api/v1/data", "GET"), "~1api~1v1~1data/GET");
        assert.strictEqual(methodSettingsPath("/orders/{proxy+}", "ANY"), "~1orders~1{proxy+}/*");
    });


    it("plans shared parents once, before their children", () => {
        const plan = planResources([...REFERENCE_ROUTES, ...serviceProxyRoutes(["api/v1/catalog"])]);
        assert.deepStrictEqual(plan.map((r) => r.path), ["/api", "/api/v1", "/api/v1/data", "/api/v1/secure", "/api/v1/catalog", "/api/v1/catalog/{proxy+}"]);
        const index = new Map(plan.map((r, i) => [r.path, i]));
        assert.ok(plan.every((r) => r.parentPath === undefined || index.get(r.parentPath)! < index.get(r.path)!));
        assert.strictEqual(plan[5].key, "api-v1-catalog-p.proxy+");
        assert.deepStrictEqual(pathParameters("/orders/{id}/{proxy+}"), ["id", "proxy"]);
        assert.strictEqual(integrationPath("/orders/{proxy+}"), "/orders/{proxy}");
    });

    it("changes the deployment fingerprint when a route changes, not when the table is reordered", () => {
        const base = deploymentFingerprint(REFERENCE_ROUTES, { mode: "vpc-link-v2" });
        assert.strictEqual(deploymentFingerprint([...REFERENCE_ROUTES].reverse(), { mode: "vpc-link-v2" }), base);
        assert.notStrictEqual(deploymentFingerprint([{ ...DATA, cacheTtlSeconds: 30 }, REFERENCE_ROUTES[1]], { mode: "vpc-link-v2" }), base);
        assert.notStrictEqual(deploymentFingerprint(REFERENCE_ROUTES, { mode: "nlb" }), base);
    });

    it("needs a cache cluster only when some route caches", () => {
        assert.strictEqual(needsCacheCluster(REFERENCE_ROUTES), true);
        assert.strictEqual(needsCacheCluster([REFERENCE_ROUTES[1]]), false);
    });
});
