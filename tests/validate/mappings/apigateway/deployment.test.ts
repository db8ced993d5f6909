import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Deployment", () => {
    it("becomes an AWS::ApiGateway::Deployment of its API", () => {
        assert.deepStrictEqual(translated(planned("aws:apigateway/deployment:Deployment", "d", { restApi: "a1b2c3d4e5", description: "v1", triggers: { redeployment: "abc" } })), {
            Type: "AWS::ApiGateway::Deployment",
            Properties: { RestApiId: "a1b2c3d4e5", Description: "v1" },
        });
    });
});
