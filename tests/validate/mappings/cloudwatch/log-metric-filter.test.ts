import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudwatch.LogMetricFilter", () => {
    it("becomes an AWS::Logs::MetricFilter with one metric transformation, its default value a number", () => {
        const filter = planned("aws:cloudwatch/logMetricFilter:LogMetricFilter", "dev-root-use", {
            name: "dev-root-use", logGroupName: "/aws/cloudtrail/dev", pattern: "{ $.userIdentity.type = \"Root\" }",
            metricTransformation: { name: "RootAccountUsage", namespace: "Platform/dev/Security", value: "1", defaultValue: "0" },
        });
        assert.deepStrictEqual(translated(filter), {
            Type: "AWS::Logs::MetricFilter",
            Properties: {
                FilterName: "dev-root-use", FilterPattern: "{ $.userIdentity.type = \"Root\" }", LogGroupName: "/aws/cloudtrail/dev",
                MetricTransformations: [{ MetricName: "RootAccountUsage", MetricNamespace: "Platform/dev/Security", MetricValue: "1", DefaultValue: 0 }],
            },
        });
    });
});
