import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

const SEPARATE_RESOURCE = "deprecated inline setting; the platform uses the separate aws.s3.Bucket* resources, which are translated";

export const bucket = resourceMapping<aws.s3.BucketArgs>({
    pulumiType: "aws:s3/bucket:Bucket",
    aliasTypes: ["aws:s3/bucketV2:BucketV2"],
    cfnType: "AWS::S3::Bucket",
    attributes: { id: REF, bucket: REF, arn: "Arn", bucketDomainName: "DomainName", bucketRegionalDomainName: "RegionalDomainName" },
    noEquivalent: {
        forceDestroy: "CloudFormation never empties a bucket before deleting it",
        accelerationStatus: SEPARATE_RESOURCE,
        acl: SEPARATE_RESOURCE,
        corsRules: SEPARATE_RESOURCE,
        grants: SEPARATE_RESOURCE,
        lifecycleRules: SEPARATE_RESOURCE,
        logging: SEPARATE_RESOURCE,
        objectLockConfiguration: SEPARATE_RESOURCE,
        policy: SEPARATE_RESOURCE,
        replicationConfiguration: SEPARATE_RESOURCE,
        requestPayer: SEPARATE_RESOURCE,
        serverSideEncryptionConfiguration: SEPARATE_RESOURCE,
        versioning: SEPARATE_RESOURCE,
        website: SEPARATE_RESOURCE,
    },
    translate: (i, ctx) => ({
        properties: {
            BucketName: verbatim(i.bucket),
            BucketNamePrefix: i.bucketPrefix,
            BucketNamespace: i.bucketNamespace,
            ObjectLockEnabled: i.objectLockEnabled,
            Tags: ctx.tags(i.tags),
        },
    }),
});
