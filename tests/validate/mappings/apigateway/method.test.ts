import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Method", () => {
    it("becomes an AWS::ApiGateway::Method with Pulumi's authorization as its AuthorizationType", () => {
        const method = planned("aws:apigateway/method:Method", "get", {
            restApi: "a1b2c3d4e5", resourceId: "res0res0", httpMethod: "GET", authorization: "CUSTOM", authorizerId: "auth0auth0", requestParameters: { "method.request.querystring.id": false },
        });
        assert.deepStrictEqual(translated(method), {
            Type: "AWS::ApiGateway::Method",
            Properties: {
                RestApiId: "a1b2c3d4e5", ResourceId: "res0res0", HttpMethod: "GET", AuthorizationType: "CUSTOM", AuthorizerId: "auth0auth0",
                RequestParameters: { "method.request.querystring.id": false },
            },
        });
    });
});
