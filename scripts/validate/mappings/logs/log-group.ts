import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const logGroup = resourceMapping<aws.cloudwatch.LogGroupArgs>({
    pulumiType: "aws:cloudwatch/logGroup:LogGroup",
    cfnType: "AWS::Logs::LogGroup",
    attributes: { id: REF, name: REF, arn: "Arn" },
    noEquivalent: { namePrefix: "CloudFormation generates log group names itself" },
    translate: (i, ctx) => ({
        properties: {
            LogGroupName: verbatim(i.name),
            RetentionInDays: i.retentionInDays,
            KmsKeyId: i.kmsKeyId,
            LogGroupClass: i.logGroupClass,
            DeletionProtectionEnabled: i.deletionProtectionEnabled,
            Tags: ctx.tags(i.tags),
        },
        deletionPolicy: i.skipDestroy ? "Retain" : undefined,
    }),
});
