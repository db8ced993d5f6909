import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const compositeAlarm = resourceMapping<aws.cloudwatch.CompositeAlarmArgs>({
    pulumiType: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    cfnType: "AWS::CloudWatch::CompositeAlarm",
    attributes: { arn: "Arn" },
    // The rule names the alarms it combines; the planned dependencies (the rule is built from their
    // names) become DependsOn, so that CloudFormation creates them first as CloudWatch requires.
    translate: (i, ctx) => ({
        properties: {
            AlarmName: verbatim(i.alarmName),
            AlarmRule: i.alarmRule,
            AlarmDescription: i.alarmDescription,
            ActionsEnabled: i.actionsEnabled,
            AlarmActions: i.alarmActions,
            OKActions: i.okActions,
            InsufficientDataActions: i.insufficientDataActions,
            ActionsSuppressor: i.actionsSuppressor?.alarm,
            ActionsSuppressorWaitPeriod: i.actionsSuppressor?.waitPeriod,
            ActionsSuppressorExtensionPeriod: i.actionsSuppressor?.extensionPeriod,
            Tags: ctx.tags(i.tags),
        },
    }),
});
