import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.appautoscaling.Policy", () => {
    it("becomes an AWS::ApplicationAutoScaling::ScalingPolicy with target tracking, named like Pulumi would", () => {
        const policy = planned("aws:appautoscaling/policy:Policy", "scale-cpu", {
            policyType: "TargetTrackingScaling", serviceNamespace: "ecs", resourceId: "service/dev/entities", scalableDimension: "ecs:service:DesiredCount",
            targetTrackingScalingPolicyConfiguration: { targetValue: 60, scaleInCooldown: 300, predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } },
        });
        assert.deepStrictEqual(translated(policy), {
            Type: "AWS::ApplicationAutoScaling::ScalingPolicy",
            Properties: {
                PolicyName: "scale-cpu", PolicyType: "TargetTrackingScaling", ServiceNamespace: "ecs", ResourceId: "service/dev/entities", ScalableDimension: "ecs:service:DesiredCount",
                TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, ScaleInCooldown: 300, PredefinedMetricSpecification: { PredefinedMetricType: "ECSServiceAverageCPUUtilization" } },
            },
        });
    });
    it("translates a customized metric with metric math (the requests-per-task policy of a CANARY service) as CloudFormation's Metrics", () => {
        const stat = (metricName: string, dimensions: { name: string; value: string }[], s: string) => ({ metric: { namespace: "ns", metricName, dimensions }, stat: s });
        const policy = planned("aws:appautoscaling/policy:Policy", "scale-requests", {
            policyType: "TargetTrackingScaling", serviceNamespace: "ecs", resourceId: "service/prod/entities", scalableDimension: "ecs:service:DesiredCount",
            targetTrackingScalingPolicyConfiguration: {
                targetValue: 1000,
                customizedMetricSpecification: {
                    metrics: [
                        { id: "a", returnData: false, metricStat: stat("RequestCount", [{ name: "TargetGroup", value: "targetgroup/x/1" }], "Sum") },
                        { id: "b", expression: "a / 2", label: "half", returnData: true },
                    ],
                },
            },
        });
        const cfg = (translated(policy) as any).Properties.TargetTrackingScalingPolicyConfiguration;
        assert.deepStrictEqual(cfg, {
            TargetValue: 1000,
            CustomizedMetricSpecification: {
                Metrics: [
                    { Id: "a", ReturnData: false, MetricStat: { Metric: { Namespace: "ns", MetricName: "RequestCount", Dimensions: [{ Name: "TargetGroup", Value: "targetgroup/x/1" }] }, Stat: "Sum" } },
                    { Id: "b", Expression: "a / 2", Label: "half", ReturnData: true },
                ],
            },
        });
    });
});
