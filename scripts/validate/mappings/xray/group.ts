import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const xrayGroup = resourceMapping<aws.xray.GroupArgs>({
    pulumiType: "aws:xray/group:Group",
    cfnType: "AWS::XRay::Group",
    attributes: { arn: "GroupARN" },
    translate: (i, ctx) => ({
        properties: {
            GroupName: i.groupName,
            FilterExpression: i.filterExpression,
            InsightsConfiguration: i.insightsConfiguration && {
                InsightsEnabled: i.insightsConfiguration.insightsEnabled,
                NotificationsEnabled: i.insightsConfiguration.notificationsEnabled,
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
