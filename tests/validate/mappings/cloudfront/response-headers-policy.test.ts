import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudfront.ResponseHeadersPolicy", () => {
    it("becomes an AWS::CloudFront::ResponseHeadersPolicy with its security headers, XSS in capitals", () => {
        const policy = planned("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "headers", {
            name: "headers",
            securityHeadersConfig: {
                strictTransportSecurity: { accessControlMaxAgeSec: 31536000, includeSubdomains: true, preload: true, override: true },
                contentTypeOptions: { override: true },
                xssProtection: { protection: true, modeBlock: true, override: true },
            },
        });
        assert.deepStrictEqual(translated(policy), {
            Type: "AWS::CloudFront::ResponseHeadersPolicy",
            Properties: {
                ResponseHeadersPolicyConfig: {
                    Name: "headers",
                    SecurityHeadersConfig: {
                        StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: true, Override: true },
                        ContentTypeOptions: { Override: true },
                        XSSProtection: { Protection: true, ModeBlock: true, Override: true },
                    },
                },
            },
        });
    });
});
