import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const cloudfrontFunction = resourceMapping<aws.cloudfront.FunctionArgs>({
    pulumiType: "aws:cloudfront/function:Function",
    cfnType: "AWS::CloudFront::Function",
    attributes: { arn: "FunctionARN" },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            FunctionCode: verbatim(i.code),
            AutoPublish: i.publish,
            FunctionConfig: {
                Comment: i.comment ?? "",
                Runtime: i.runtime,
                KeyValueStoreAssociations: i.keyValueStoreAssociations?.map((arn) => ({ KeyValueStoreARN: arn })),
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
