import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.xray.SamplingRule", () => {
    it("becomes an AWS::XRay::SamplingRule with the rule nested, as CloudFormation wants", () => {
        const rule = planned("aws:xray/samplingRule:SamplingRule", "dev-health", {
            ruleName: "dev-health", priority: 100, fixedRate: 0, reservoirSize: 0, serviceName: "*", serviceType: "*", host: "*", httpMethod: "GET", urlPath: "/health*", resourceArn: "*", version: 1,
        });
        assert.deepStrictEqual(translated(rule), {
            Type: "AWS::XRay::SamplingRule",
            Properties: {
                SamplingRule: { RuleName: "dev-health", Priority: 100, FixedRate: 0, ReservoirSize: 0, ServiceName: "*", ServiceType: "*", Host: "*", HTTPMethod: "GET", URLPath: "/health*", ResourceARN: "*", Version: 1 },
            },
        });
    });
});
