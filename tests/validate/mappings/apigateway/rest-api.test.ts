import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.RestApi", () => {
    it("becomes an AWS::ApiGateway::RestApi with its endpoint type as a list and the compression size as a number", () => {
        const api = planned("aws:apigateway/restApi:RestApi", "dev-api", { name: "dev-api", description: "public API", endpointConfiguration: { types: "REGIONAL" }, minimumCompressionSize: "1024" });
        assert.deepStrictEqual(translated(api), {
            Type: "AWS::ApiGateway::RestApi",
            Properties: { Name: "dev-api", Description: "public API", EndpointConfiguration: { Types: ["REGIONAL"] }, MinimumCompressionSize: 1024 },
        });
    });
});
