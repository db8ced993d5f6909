import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const samplingRule = resourceMapping<aws.xray.SamplingRuleArgs>({
    pulumiType: "aws:xray/samplingRule:SamplingRule",
    cfnType: "AWS::XRay::SamplingRule",
    attributes: { arn: "RuleARN" },
    translate: (i, ctx) => ({
        properties: {
            SamplingRule: {
                RuleName: i.ruleName,
                Priority: i.priority,
                FixedRate: i.fixedRate,
                ReservoirSize: i.reservoirSize,
                ServiceName: i.serviceName,
                ServiceType: i.serviceType,
                Host: i.host,
                HTTPMethod: i.httpMethod,
                URLPath: i.urlPath,
                ResourceARN: i.resourceArn,
                Version: i.version,
                Attributes: i.attributes,
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
