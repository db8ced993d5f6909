import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.lb.ListenerRule", () => {
    it("becomes an AWS::ElasticLoadBalancingV2::ListenerRule with one condition per kind, named in Field", () => {
        const rule = planned("aws:lb/listenerRule:ListenerRule", "dev-orders", {
            listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/dev-alb/0123456789abcdef/0123456789abcdef",
            priority: 10,
            actions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/0123456789abcdef" }],
            conditions: [{ pathPattern: { values: ["/api/v1/orders*"] } }, { httpHeader: { httpHeaderName: "x-canary", values: ["1"] } }],
            transforms: [{ type: "url-rewrite", urlRewriteConfig: { rewrite: { regex: "^/api/v1/(.*)$", replace: "/$1" } } }],
        });
        const properties = translated(rule).Properties;
        assert.strictEqual(properties.Priority, 10);
        assert.deepStrictEqual(properties.Conditions, [
            { Field: "path-pattern", PathPatternConfig: { Values: ["/api/v1/orders*"] } },
            { Field: "http-header", HttpHeaderConfig: { HttpHeaderName: "x-canary", Values: ["1"] } },
        ]);
        assert.deepStrictEqual(properties.Transforms, [{ Type: "url-rewrite", UrlRewriteConfig: { Rewrites: [{ Regex: "^/api/v1/(.*)$", Replace: "/$1" }] } }]);
    });
});
