import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.apigateway.Stage", () => {
    it("becomes an AWS::ApiGateway::Stage with its access log setting, cache cluster and X-Ray tracing", () => {
        const stage = planned("aws:apigateway/stage:Stage", "dev-stage", {
            restApi: "a1b2c3d4e5", deployment: "dep0dep0", stageName: "v1", xrayTracingEnabled: true, cacheClusterEnabled: true, cacheClusterSize: "0.5",
            accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access", format: "{\"requestId\":\"$context.requestId\"}" },
        });
        assert.deepStrictEqual(translated(stage), {
            Type: "AWS::ApiGateway::Stage",
            Properties: {
                RestApiId: "a1b2c3d4e5", StageName: "v1", DeploymentId: "dep0dep0",
                AccessLogSetting: { DestinationArn: { "Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/apigateway/access" }, Format: "{\"requestId\":\"$context.requestId\"}" },
                CacheClusterEnabled: true, CacheClusterSize: "0.5", TracingEnabled: true,
            },
        });
    });
});
