import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.route53.Record", () => {
    it("becomes an AWS::Route53::RecordSet: a plain record with its TTL as a string, an alias record with its target", () => {
        const cname = planned("aws:route53/record:Record", "prod-cert-validation", {
            zoneId: "Z0EXAMPLE0PLACEHOLDER", name: "_x1.app.prod.example.com.", type: "CNAME", records: ["_y2.acm-validations.aws."], ttl: 300, allowOverwrite: true,
        });
        const alias = planned("aws:route53/record:Record", "prod-alias-a", {
            zoneId: "Z0EXAMPLE0PLACEHOLDER", name: "app.prod.example.com", type: "A",
            aliases: [{ name: "d111111abcdef8.cloudfront.net", zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }],
        });
        const t = translate(cname, alias);
        assert.deepStrictEqual(cfnOf(t, "prod-cert-validation")[0][1], {
            Type: "AWS::Route53::RecordSet",
            Properties: { HostedZoneId: "Z0EXAMPLE0PLACEHOLDER", Name: "_x1.app.prod.example.com.", Type: "CNAME", TTL: "300", ResourceRecords: ["_y2.acm-validations.aws."] },
        });
        assert.deepStrictEqual(cfnOf(t, "prod-alias-a")[0][1].Properties, {
            HostedZoneId: "Z0EXAMPLE0PLACEHOLDER", Name: "app.prod.example.com", Type: "A",
            AliasTarget: { DNSName: "d111111abcdef8.cloudfront.net", HostedZoneId: "Z2FDTNDATAQYW2", EvaluateTargetHealth: false },
        });
    });
});
