import * as assert from "assert";
import { resourcePathAndMethod } from "../../../../scripts/validate/mappings/apigateway/method-settings";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.apigateway.MethodSettings", () => {
    it("adds the settings to the MethodSettings of the stage it depends on, path and verb apart", () => {
        const stage = planned("aws:apigateway/stage:Stage", "dev-stage", { restApi: "a1b2c3d4e5", stageName: "v1" });
        const settings = (methodPath: string) => planned("aws:apigateway/methodSettings:MethodSettings", `settings-${methodPath}`, {
            restApi: "a1b2c3d4e5", stageName: "v1", methodPath, settings: { cachingEnabled: true, cacheTtlInSeconds: 60, throttlingRateLimit: 1000, metricsEnabled: true },
        }, { dependsOn: [stage.urn] });
        const t = translate(stage, settings("api~1v1~1data/GET"), settings("*/*"));
        assert.deepStrictEqual(cfnOf(t, "dev-stage")[0][1].Properties.MethodSettings, [
            { ResourcePath: "/~1api~1v1~1data", HttpMethod: "GET", CachingEnabled: true, CacheTtlInSeconds: 60, MetricsEnabled: true, ThrottlingRateLimit: 1000 },
            { ResourcePath: "/*", HttpMethod: "*", CachingEnabled: true, CacheTtlInSeconds: 60, MetricsEnabled: true, ThrottlingRateLimit: 1000 },
        ]);
    });

    it("escapes the resource path the way CloudFormation wants it", () => {
        assert.deepStrictEqual(resourcePathAndMethod("orders~1{id}/PUT"), { ResourcePath: "/~1orders~1{id}", HttpMethod: "PUT" });
    });
});
