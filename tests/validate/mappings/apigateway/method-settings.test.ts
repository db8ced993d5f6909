import * as assert from "assert";
import { resourcePathAndMethod } from "../../../../scripts/validate/mappings/apigateway/method-settings";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.apigateway.MethodSettings", () => {
    it("adds the settings to the MethodSettings of the stage it depends on, path and verb apart", () => {
        const stage = planned("aws:apigateway/stage:Stage", "dev-stage", { restApi: "a1b2c3d4e5", stageName: "v1" });
        const settings = (methodPath: string) => planned("aws:apigateway/methodSettings:MethodSettings", `settings-${methodPath}`, {
            restApi: "a1b2c3d4e5", stageName: "v1", methodPath, settings: { cachingEnabled: true, cacheTtlInSeconds: 60, throttlingRateLimit: 1000, metricsEnabled: true },
        }, { dependsOn: [stage.urn] });
        const t = translate(stage, settings("~1api~1v1~1data/GET"), settings("*/*"));
        assert.deepStrictEqual(cfnOf(t, "dev-stage")[0][1].Properties.MethodSettings, [
            { ResourcePath: "/~1api~1v1~1data", HttpMethod: "GET", CachingEnabled: true, CacheTtlInSeconds: 60, MetricsEnabled: true, ThrottlingRateLimit: 1000 },
            { ResourcePath: "/*", HttpMethod: "*", CachingEnabled: true, CacheTtlInSeconds: 60, MetricsEnabled: true, ThrottlingRateLimit: 1000 },
        ]);
    });

    it("moves only the leading slash: the key AWS receives and CloudFormation's ResourcePath name the same resource", () => {
        assert.deepStrictEqual(resourcePathAndMethod("~1orders~1{id}/PUT"), { ResourcePath: "/~1orders~1{id}", HttpMethod: "PUT" });
        assert.deepStrictEqual(resourcePathAndMethod("~1api~1v1~1entities~1{proxy+}/*"), { ResourcePath: "/~1api~1v1~1entities~1{proxy+}", HttpMethod: "*" });
        assert.deepStrictEqual(resourcePathAndMethod("~1/GET"), { ResourcePath: "/", HttpMethod: "GET" });
    });

    it("refuses keys API Gateway does not know instead of repairing them", () => {
        // The shape the platform once sent: valid-looking once translated, unknown to API Gateway.
        assert.throws(() => resourcePathAndMethod("api~1v1~1data/GET"), /"api~1v1~1data\/GET" is not a key API Gateway knows/);
        assert.throws(() => resourcePathAndMethod("~1api/v1/data/GET"), /not a key API Gateway knows/);
        assert.throws(() => resourcePathAndMethod("~1api~1v1~1data/ANY"), /not a key API Gateway knows/);
        const stage = planned("aws:apigateway/stage:Stage", "dev-stage", { restApi: "a1b2c3d4e5", stageName: "v1" });
        const bad = planned("aws:apigateway/methodSettings:MethodSettings", "bad", { restApi: "a1b2c3d4e5", stageName: "v1", methodPath: "api~1v1~1data/GET", settings: {} }, { dependsOn: [stage.urn] });
        assert.match(JSON.stringify(translate(stage, bad).untranslated), /the mapping failed: methodPath/);
    });
});
