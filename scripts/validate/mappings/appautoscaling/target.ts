import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys } from "../../values";

export const scalableTarget = resourceMapping<aws.appautoscaling.TargetArgs>({
    pulumiType: "aws:appautoscaling/target:Target",
    cfnType: "AWS::ApplicationAutoScaling::ScalableTarget",
    attributes: {},
    translate: (i, ctx) => ({
        properties: {
            ServiceNamespace: i.serviceNamespace,
            ResourceId: i.resourceId,
            ScalableDimension: i.scalableDimension,
            MinCapacity: i.minCapacity,
            MaxCapacity: i.maxCapacity,
            RoleARN: i.roleArn,
            SuspendedState: pascalCaseKeys(i.suspendedState),
            Tags: ctx.tags(i.tags),
        },
    }),
});
