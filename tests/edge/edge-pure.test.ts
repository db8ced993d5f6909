import * as assert from "assert";
import { accessLogFormat } from "../../components/edge/access-log";
import { edgeRequestFunctionSource } from "../../components/edge/edge-function";
import { authorizerRolePolicy, webBucketPolicy } from "../../components/edge/edge-policies";
import { edgeBehaviours, REFERENCE_ROUTES, serviceProxyRoutes } from "../../components/edge/routes";
import { securityHeadersConfig } from "../../components/edge/security-headers";
import { MANAGED_RULE_GROUPS, wafRateLimitProblem, wafRules } from "../../components/edge/waf-rules";

/** Evaluates the CloudFront Function's source as the runtime would and runs its handler. */
function runEdgeFunction(uri: string, querystring: Record<string, { value: string }> = {}) {
    const handler = new Function(`${edgeRequestFunctionSource()}\nreturn handler;`)() as (e: unknown) => { uri: string; querystring: Record<string, unknown> };
    return handler({ request: { uri, querystring, headers: {}, method: "GET" } });
}

describe("edge WAF rules", () => {
    it("orders origin check, rate limit, then the four managed groups, with unique priorities", () => {
        const rules = wafRules({ metricPrefix: "x", rateLimit: 2000, originSecret: "s3cret" });
        assert.deepStrictEqual(rules.map((r) => r.name), ["require-cloudfront-origin-header", "rate-limit-per-ip", ...MANAGED_RULE_GROUPS]);
        assert.deepStrictEqual(rules.map((r) => r.priority), [0, 1, 2, 3, 4, 5]);
        assert.ok(rules.slice(2).every((r) => JSON.stringify(r.overrideAction) === '{"none":{}}'));
    });

    it("leaves the origin check out when there is no secret (the CLOUDFRONT ACL)", () => {
        assert.ok(!wafRules({ metricPrefix: "x", rateLimit: 100 }).some((r) => String(r.name).includes("origin")));
    });

    it("counts real source IPs at CloudFront and the forwarded viewer address behind it", () => {
        const rate = (rules: ReturnType<typeof wafRules>) => rules.find((r) => r.name === "rate-limit-per-ip")!.statement as unknown as { rateBasedStatement: Record<string, unknown> };
        const edge = rate(wafRules({ metricPrefix: "x", rateLimit: 2000 })).rateBasedStatement;
        assert.deepStrictEqual([edge.aggregateKeyType, edge.forwardedIpConfig], ["IP", undefined]);
        const regional = rate(wafRules({ metricPrefix: "x", rateLimit: 2000, originSecret: "s3cret" })).rateBasedStatement;
        assert.deepStrictEqual([regional.aggregateKeyType, regional.forwardedIpConfig], ["FORWARDED_IP", { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH" }]);
    });

    it("accepts rate limits from 10 to 2e9 only", () => {
        assert.strictEqual(wafRateLimitProblem(2000), undefined);
        assert.ok(wafRateLimitProblem(9));
        assert.ok(wafRateLimitProblem(2.5));
    });
});

describe("edge request function", () => {
    it("collapses slashes, lower-cases and serves directories by index.html", () => {
        assert.strictEqual(runEdgeFunction("//Docs///Guide/").uri, "/docs/guide/index.html");
        assert.strictEqual(runEdgeFunction("/About").uri, "/about/index.html");
        assert.strictEqual(runEdgeFunction("/assets/App.3f2a.JS").uri, "/assets/app.3f2a.js");
        assert.strictEqual(runEdgeFunction("/").uri, "/index.html");
    });

    it("keeps only the cache-busting query string", () => {
        assert.deepStrictEqual(runEdgeFunction("/a.js", { v: { value: "3" }, utm_source: { value: "x" } }).querystring, { v: { value: "3" } });
    });
});

describe("edge headers, policies and logs", () => {
    it("sets HSTS for a year with subdomains and preload, frame DENY, nosniff and a strict referrer", () => {
        const c = securityHeadersConfig() as Record<string, Record<string, unknown>>;
        assert.deepStrictEqual(c.strictTransportSecurity, { accessControlMaxAgeSec: 31536000, includeSubdomains: true, preload: true, override: true });
        assert.strictEqual(c.frameOptions.frameOption, "DENY");
        assert.strictEqual(c.referrerPolicy.referrerPolicy, "strict-origin-when-cross-origin");
        assert.match(String(c.contentSecurityPolicy.contentSecurityPolicy), /default-src 'self'/);
    });

    it("lets CloudFront read the web bucket only for the given distribution", () => {
        const p = webBucketPolicy("arn:aws:s3:::web", "arn:aws:cloudfront::1:distribution/E1");
        const allow = p.Statement.find((s) => s.Effect === "Allow")!;
        assert.deepStrictEqual([allow.Principal, allow.Action, allow.Resource, allow.Condition], [{ Service: "cloudfront.amazonaws.com" }, "s3:GetObject", "arn:aws:s3:::web/*", { StringEquals: { "AWS:SourceArn": "arn:aws:cloudfront::1:distribution/E1" } }]);
    });

    it("limits the authorizer role to its log group's streams and X-Ray", () => {
        const p = authorizerRolePolicy("arn:aws:logs:r:1:log-group:/aws/lambda/f");
        assert.deepStrictEqual(p.Statement.flatMap((s) => s.Action), ["logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords"]);
        assert.strictEqual(p.Statement[0].Resource, "arn:aws:logs:r:1:log-group:/aws/lambda/f:*");
    });

    it("formats access logs as one JSON object of context variables", () => {
        const f = JSON.parse(accessLogFormat());
        assert.strictEqual(f.requestId, "$context.requestId");
        assert.strictEqual(f.authorizerError, "$context.authorizer.error");
    });

    it("sends cached routes first, then one API behaviour per top-level prefix", () => {
        const b = edgeBehaviours([...REFERENCE_ROUTES, ...serviceProxyRoutes(["orders", "api/v1/catalog"])]);
        assert.deepStrictEqual(b.cached.map((c) => c.pattern), ["/api/v1/data"]);
        assert.deepStrictEqual(b.uncached, ["/api/*", "/orders/*"]);
    });
});
