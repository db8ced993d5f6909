import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.wafv2.WebAclLoggingConfiguration", () => {
    it("becomes an AWS::WAFv2::LoggingConfiguration with its redacted fields", () => {
        const logging = planned("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "waf-logging", {
            resourceArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/regional/0a1b2c3d",
            logDestinationConfigs: ["arn:aws:logs:us-east-1:123456789012:log-group:aws-waf-logs-regional"],
            redactedFields: [{ singleHeader: { name: "authorization" } }, { uriPath: {} }],
        });
        assert.deepStrictEqual(translated(logging).Properties.RedactedFields, [{ SingleHeader: { Name: "authorization" } }, { UriPath: {} }]);
    });
});
