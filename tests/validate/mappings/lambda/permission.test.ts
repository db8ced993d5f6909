import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.lambda.Permission", () => {
    it("becomes an AWS::Lambda::Permission whose source ARN names the API and authorizer it depends on", () => {
        const api = planned("aws:apigateway/restApi:RestApi", "api", {}, { id: "a1b2c3d4e5" });
        const auth = planned("aws:apigateway/authorizer:Authorizer", "jwt", {}, { id: "auth0auth0" });
        const permission = planned("aws:lambda/permission:Permission", "invoke", {
            function: "dev-authorizer", action: "lambda:InvokeFunction", principal: "apigateway.amazonaws.com", statementId: "api",
            sourceArn: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/authorizers/auth0auth0",
        }, { dependsOn: [api.urn, auth.urn] });
        assert.deepStrictEqual(translated(permission, api, auth), {
            Type: "AWS::Lambda::Permission",
            Properties: {
                FunctionName: "dev-authorizer", Action: "lambda:InvokeFunction", Principal: "apigateway.amazonaws.com",
                SourceArn: { "Fn::Sub": "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/authorizers/${Jwt}" },
            },
        });
    });
});
