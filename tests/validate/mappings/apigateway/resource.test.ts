import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Resource", () => {
    it("becomes an AWS::ApiGateway::Resource under the API's root resource", () => {
        const api = planned("aws:apigateway/restApi:RestApi", "dev-api", {}, { id: "a1b2c3d4e5", state: { rootResourceId: "r00tr00t01" } });
        const resource = planned("aws:apigateway/resource:Resource", "dev-res-api", { restApi: api.id, parentId: "r00tr00t01", pathPart: "api" }, { dependsOn: [api.urn] });
        assert.deepStrictEqual(translated(resource, api), {
            Type: "AWS::ApiGateway::Resource",
            Properties: { RestApiId: { Ref: "DevApi" }, ParentId: { "Fn::GetAtt": ["DevApi", "RootResourceId"] }, PathPart: "api" },
        });
    });
});
