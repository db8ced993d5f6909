import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const trail = resourceMapping<aws.cloudtrail.TrailArgs>({
    pulumiType: "aws:cloudtrail/trail:Trail",
    cfnType: "AWS::CloudTrail::Trail",
    attributes: { arn: "Arn", name: REF },
    translate: (i, ctx) => ({
        properties: {
            TrailName: verbatim(i.name),
            S3BucketName: i.s3BucketName,
            S3KeyPrefix: i.s3KeyPrefix,
            // Pulumi starts logging unless told not to; CloudFormation requires the choice.
            IsLogging: i.enableLogging ?? true,
            IsMultiRegionTrail: i.isMultiRegionTrail,
            IsOrganizationTrail: i.isOrganizationTrail,
            IncludeGlobalServiceEvents: i.includeGlobalServiceEvents,
            EnableLogFileValidation: i.enableLogFileValidation,
            KMSKeyId: i.kmsKeyId,
            CloudWatchLogsLogGroupArn: i.cloudWatchLogsGroupArn,
            CloudWatchLogsRoleArn: i.cloudWatchLogsRoleArn,
            SnsTopicName: i.snsTopicName,
            EventSelectors: pascalCaseKeys(i.eventSelectors),
            // Pulumi pluralises the operators (`startsWiths`); CloudFormation does not.
            AdvancedEventSelectors: i.advancedEventSelectors?.map((s) => ({
                Name: s.name,
                FieldSelectors: s.fieldSelectors?.map((f) => ({
                    Field: f.field,
                    Equals: f.equals,
                    NotEquals: f.notEquals,
                    StartsWith: f.startsWiths,
                    NotStartsWith: f.notStartsWiths,
                    EndsWith: f.endsWiths,
                    NotEndsWith: f.notEndsWiths,
                })),
            })),
            InsightSelectors: i.insightSelectors?.map((s) => ({ InsightType: s.insightType })),
            Tags: ctx.tags(i.tags),
        },
    }),
});
