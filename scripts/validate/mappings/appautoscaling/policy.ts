import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const scalingPolicy = resourceMapping<aws.appautoscaling.PolicyArgs>({
    pulumiType: "aws:appautoscaling/policy:Policy",
    cfnType: "AWS::ApplicationAutoScaling::ScalingPolicy",
    attributes: {},
    translate: (i, ctx) => {
        const step = i.stepScalingPolicyConfiguration;
        return {
            properties: {
                // CloudFormation requires the name that Pulumi would generate.
                PolicyName: verbatim(i.name ?? ctx.name),
                PolicyType: i.policyType,
                ServiceNamespace: i.serviceNamespace,
                ResourceId: i.resourceId,
                ScalableDimension: i.scalableDimension,
                TargetTrackingScalingPolicyConfiguration: pascalCaseKeys(i.targetTrackingScalingPolicyConfiguration),
                // Step bounds are strings in Pulumi and numbers in CloudFormation.
                StepScalingPolicyConfiguration: step && {
                    AdjustmentType: step.adjustmentType,
                    Cooldown: step.cooldown,
                    MetricAggregationType: step.metricAggregationType,
                    MinAdjustmentMagnitude: step.minAdjustmentMagnitude,
                    StepAdjustments: step.stepAdjustments?.map((a) => ({
                        ScalingAdjustment: a.scalingAdjustment,
                        MetricIntervalLowerBound: a.metricIntervalLowerBound === undefined ? undefined : Number(a.metricIntervalLowerBound),
                        MetricIntervalUpperBound: a.metricIntervalUpperBound === undefined ? undefined : Number(a.metricIntervalUpperBound),
                    })),
                },
                PredictiveScalingPolicyConfiguration: pascalCaseKeys(i.predictiveScalingPolicyConfiguration),
            },
        };
    },
});
