import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudfront.OriginAccessControl", () => {
    it("becomes an AWS::CloudFront::OriginAccessControl with its settings in a config block", () => {
        const oac = planned("aws:cloudfront/originAccessControl:OriginAccessControl", "web-oac", { name: "web-oac", originAccessControlOriginType: "s3", signingBehavior: "always", signingProtocol: "sigv4" });
        assert.deepStrictEqual(translated(oac), {
            Type: "AWS::CloudFront::OriginAccessControl",
            Properties: { OriginAccessControlConfig: { Name: "web-oac", OriginAccessControlOriginType: "s3", SigningBehavior: "always", SigningProtocol: "sigv4" } },
        });
    });
});
