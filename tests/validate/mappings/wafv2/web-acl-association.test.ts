import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.wafv2.WebAclAssociation", () => {
    it("becomes an AWS::WAFv2::WebACLAssociation on the web ACL's ARN", () => {
        const acl = planned("aws:wafv2/webAcl:WebAcl", "regional", {}, { state: { arn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/regional/0a1b2c3d" } });
        const association = planned("aws:wafv2/webAclAssociation:WebAclAssociation", "stage-waf", {
            resourceArn: "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/v1", webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/regional/0a1b2c3d",
        }, { dependsOn: [acl.urn] });
        assert.deepStrictEqual(translated(association, acl), {
            Type: "AWS::WAFv2::WebACLAssociation",
            Properties: { ResourceArn: { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/a1b2c3d4e5/stages/v1" }, WebACLArn: { "Fn::GetAtt": ["Regional", "Arn"] } },
        });
    });
});
