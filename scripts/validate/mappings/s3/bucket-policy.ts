import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { parseJson } from "../../values";

export const bucketPolicy = resourceMapping<aws.s3.BucketPolicyArgs>({
    pulumiType: "aws:s3/bucketPolicy:BucketPolicy",
    cfnType: "AWS::S3::BucketPolicy",
    attributes: {},
    translate: (i) => ({ properties: { Bucket: i.bucket, PolicyDocument: parseJson(i.policy) } }),
});
