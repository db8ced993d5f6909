import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.apigateway.Integration", () => {
    it("is written inside the AWS::ApiGateway::Method it depends on, through the VPC link", () => {
        const link = planned("aws:apigatewayv2/vpcLink:VpcLink", "dev-link", {}, { id: "link0link0link0" });
        const method = planned("aws:apigateway/method:Method", "get", { restApi: "a1b2c3d4e5", resourceId: "res0res0", httpMethod: "GET", authorization: "NONE" });
        const integration = planned("aws:apigateway/integration:Integration", "get-integration", {
            restApi: "a1b2c3d4e5", resourceId: "res0res0", httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET",
            connectionType: "VPC_LINK", connectionId: link.id, uri: "http://internal-alb.example:80/api", timeoutMilliseconds: 29000,
        }, { dependsOn: [method.urn, link.urn] });
        const t = translate(link, method, integration);
        assert.deepStrictEqual(cfnOf(t, "get")[0][1].Properties.Integration, {
            Type: "HTTP_PROXY", IntegrationHttpMethod: "GET", Uri: "http://internal-alb.example:80/api", ConnectionType: "VPC_LINK", ConnectionId: { Ref: "DevLink" }, TimeoutInMillis: 29000,
        });
        assert.deepStrictEqual([t.translated, t.droppedInputs], [3, []]);
    });
});
