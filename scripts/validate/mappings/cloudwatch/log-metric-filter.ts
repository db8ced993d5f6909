import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const logMetricFilter = resourceMapping<aws.cloudwatch.LogMetricFilterArgs>({
    pulumiType: "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    cfnType: "AWS::Logs::MetricFilter",
    attributes: {},
    translate: (i) => {
        const t = i.metricTransformation;
        return {
            properties: {
                FilterName: verbatim(i.name),
                FilterPattern: i.pattern,
                LogGroupName: i.logGroupName,
                ApplyOnTransformedLogs: i.applyOnTransformedLogs,
                MetricTransformations: t && [{
                    MetricName: t.name,
                    MetricNamespace: t.namespace,
                    MetricValue: t.value,
                    // A number in CloudFormation, a string in Pulumi.
                    DefaultValue: t.defaultValue === undefined ? undefined : Number(t.defaultValue),
                    Unit: t.unit,
                    Dimensions: t.dimensions && Object.entries(t.dimensions).map(([Key, Value]) => ({ Key, Value })),
                }],
            },
        };
    },
});
