import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const visibility = { cloudwatchMetricsEnabled: true, metricName: "m", sampledRequestsEnabled: true };
const Visibility = { CloudWatchMetricsEnabled: true, MetricName: "m", SampledRequestsEnabled: true };

describe("mapping aws.wafv2.WebAcl", () => {
    it("becomes an AWS::WAFv2::WebACL with its rules PascalCased, CloudWatch capitalised and empty actions kept", () => {
        const acl = planned("aws:wafv2/webAcl:WebAcl", "regional", {
            name: "regional", scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility,
            rules: [
                { name: "rate", priority: 0, action: { block: {} }, statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "IP" } }, visibilityConfig: visibility },
                { name: "common", priority: 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { name: "AWSManagedRulesCommonRuleSet", vendorName: "AWS" } }, visibilityConfig: visibility },
            ],
        });
        assert.deepStrictEqual(translated(acl), {
            Type: "AWS::WAFv2::WebACL",
            Properties: {
                Name: "regional", Scope: "REGIONAL", DefaultAction: { Allow: {} }, VisibilityConfig: Visibility,
                Rules: [
                    { Name: "rate", Priority: 0, Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: "IP" } }, VisibilityConfig: Visibility },
                    { Name: "common", Priority: 1, OverrideAction: { None: {} }, Statement: { ManagedRuleGroupStatement: { Name: "AWSManagedRulesCommonRuleSet", VendorName: "AWS" } }, VisibilityConfig: Visibility },
                ],
            },
        });
    });

    it("spells the forwarded-IP keys as CloudFormation does (ForwardedIPConfig, IPSetReferenceStatement)", () => {
        const acl = planned("aws:wafv2/webAcl:WebAcl", "behind-cdn", {
            name: "behind-cdn", scope: "REGIONAL", defaultAction: { allow: {} }, visibilityConfig: visibility,
            rules: [{
                name: "rate", priority: 0, action: { block: {} }, visibilityConfig: visibility,
                statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: "FORWARDED_IP", forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH" } } },
            }, {
                name: "allow-list", priority: 1, action: { allow: {} }, visibilityConfig: visibility,
                statement: { ipSetReferenceStatement: { arn: "arn:aws:wafv2:us-east-1:123456789012:regional/ipset/x/1", ipSetForwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH", position: "FIRST" } } },
            }],
        });
        const rules = (translated(acl).Properties as { Rules: { Statement: Record<string, Record<string, unknown>> }[] }).Rules;
        assert.deepStrictEqual(rules[0].Statement.RateBasedStatement.ForwardedIPConfig, { HeaderName: "X-Forwarded-For", FallbackBehavior: "MATCH" });
        assert.deepStrictEqual(Object.keys(rules[1].Statement), ["IPSetReferenceStatement"]);
        assert.ok("IPSetForwardedIPConfig" in rules[1].Statement.IPSetReferenceStatement);
    });
});
