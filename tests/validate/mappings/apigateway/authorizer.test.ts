import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Authorizer", () => {
    it("becomes an AWS::ApiGateway::Authorizer whose URI embeds its function's ARN as a Fn::Sub", () => {
        const fn = planned("aws:lambda/function:Function", "dev-authorizer", {}, { id: "dev-authorizer", state: { arn: "arn:aws:lambda:us-east-1:123456789012:function:dev-authorizer" } });
        const authorizer = planned("aws:apigateway/authorizer:Authorizer", "dev-jwt", {
            restApi: "a1b2c3d4e5", name: "jwt", type: "TOKEN", identitySource: "method.request.header.Authorization", authorizerResultTtlInSeconds: 300,
            authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:dev-authorizer/invocations",
        }, { dependsOn: [fn.urn] });
        assert.deepStrictEqual(translated(authorizer, fn), {
            Type: "AWS::ApiGateway::Authorizer",
            Properties: {
                RestApiId: "a1b2c3d4e5", Name: "jwt", Type: "TOKEN", IdentitySource: "method.request.header.Authorization", AuthorizerResultTtlInSeconds: 300,
                AuthorizerUri: { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${DevAuthorizer.Arn}/invocations" },
            },
        });
    });
});
