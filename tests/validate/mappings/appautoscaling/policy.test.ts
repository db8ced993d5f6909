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
});
