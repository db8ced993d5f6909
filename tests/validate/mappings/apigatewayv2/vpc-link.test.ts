import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigatewayv2.VpcLink", () => {
    it("becomes an AWS::ApiGatewayV2::VpcLink with its tags as a map", () => {
        const link = planned("aws:apigatewayv2/vpcLink:VpcLink", "dev-link", { name: "dev-link", subnetIds: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"], tags: { tier: "edge" } });
        assert.deepStrictEqual(translated(link), {
            Type: "AWS::ApiGatewayV2::VpcLink",
            Properties: { Name: "dev-link", SubnetIds: ["subnet-0123456789abcdef0"], SecurityGroupIds: ["sg-0123456789abcdef0"], Tags: { tier: "edge" } },
        });
    });
});
