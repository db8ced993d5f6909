import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { foldMapping } from "../../mapping";
import { pascalCaseKeys } from "../../values";

/*
 * Pulumi splits a bucket's settings into resources of their own; CloudFormation keeps them as
 * properties of AWS::S3::Bucket, so each of these folds into the bucket it names.
 */

const EXPECTED_OWNER = { expectedBucketOwner: "an API guard against writing to another account's bucket; CloudFormation owns the bucket it writes" };

export const bucketOwnershipControls = foldMapping<aws.s3.BucketOwnershipControlsArgs>({
    pulumiType: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    fold: (i) => ({ target: i.bucket, properties: { OwnershipControls: { Rules: [{ ObjectOwnership: i.rule?.objectOwnership }] } } }),
});

export const bucketPublicAccessBlock = foldMapping<aws.s3.BucketPublicAccessBlockArgs>({
    pulumiType: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    noEquivalent: { skipDestroy: "the block lives and dies with the bucket in CloudFormation" },
    fold: (i) => ({
        target: i.bucket,
        properties: {
            PublicAccessBlockConfiguration: {
                BlockPublicAcls: i.blockPublicAcls,
                BlockPublicPolicy: i.blockPublicPolicy,
                IgnorePublicAcls: i.ignorePublicAcls,
                RestrictPublicBuckets: i.restrictPublicBuckets,
            },
        },
    }),
});

export const bucketVersioning = foldMapping<aws.s3.BucketVersioningArgs>({
    pulumiType: "aws:s3/bucketVersioning:BucketVersioning",
    aliasTypes: ["aws:s3/bucketVersioningV2:BucketVersioningV2"],
    noEquivalent: { ...EXPECTED_OWNER, mfa: "MFA delete can only be turned on by the root user through the API, never by CloudFormation" },
    fold: (i) => ({ target: i.bucket, properties: { VersioningConfiguration: { Status: i.versioningConfiguration?.status } } }),
});

export const bucketServerSideEncryptionConfiguration = foldMapping<aws.s3.BucketServerSideEncryptionConfigurationArgs>({
    pulumiType: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    aliasTypes: ["aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"],
    noEquivalent: EXPECTED_OWNER,
    fold: (i) => ({
        target: i.bucket,
        properties: {
            BucketEncryption: {
                ServerSideEncryptionConfiguration: i.rules?.map((r) => ({
                    BucketKeyEnabled: r.bucketKeyEnabled,
                    ServerSideEncryptionByDefault: r.applyServerSideEncryptionByDefault && {
                        SSEAlgorithm: r.applyServerSideEncryptionByDefault.sseAlgorithm,
                        KMSMasterKeyID: r.applyServerSideEncryptionByDefault.kmsMasterKeyId,
                    },
                    BlockedEncryptionTypes: r.blockedEncryptionTypes && { EncryptionType: r.blockedEncryptionTypes },
                })),
            },
        },
    }),
});

type LifecycleRule = pulumi.Unwrap<aws.types.input.s3.BucketLifecycleConfigurationRule>;

/** A lifecycle rule: CloudFormation flattens Pulumi's `expiration`, `filter` and transition blocks. */
function lifecycleRule(r: LifecycleRule) {
    const filter = r.filter?.and ?? r.filter;
    const tags = r.filter?.and?.tags ?? (r.filter?.tag && { [r.filter.tag.key]: r.filter.tag.value });
    return {
        Id: r.id,
        Status: r.status,
        Prefix: filter?.prefix ?? r.prefix,
        ObjectSizeGreaterThan: filter?.objectSizeGreaterThan?.toString(),
        ObjectSizeLessThan: filter?.objectSizeLessThan?.toString(),
        TagFilters: tags && Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        ExpirationInDays: r.expiration?.days,
        ExpirationDate: r.expiration?.date,
        ExpiredObjectDeleteMarker: r.expiration?.expiredObjectDeleteMarker,
        AbortIncompleteMultipartUpload: pascalCaseKeys(r.abortIncompleteMultipartUpload),
        NoncurrentVersionExpiration: pascalCaseKeys(r.noncurrentVersionExpiration),
        NoncurrentVersionTransitions: r.noncurrentVersionTransitions?.map((t) => ({
            NewerNoncurrentVersions: t.newerNoncurrentVersions,
            StorageClass: t.storageClass,
            TransitionInDays: t.noncurrentDays,
        })),
        Transitions: r.transitions?.map((t) => ({ StorageClass: t.storageClass, TransitionInDays: t.days, TransitionDate: t.date })),
    };
}

export const bucketLifecycleConfiguration = foldMapping<aws.s3.BucketLifecycleConfigurationArgs>({
    pulumiType: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    aliasTypes: ["aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"],
    noEquivalent: { ...EXPECTED_OWNER, timeouts: "Pulumi's wait for S3 to apply the rules" },
    fold: (i) => ({
        target: i.bucket,
        properties: {
            LifecycleConfiguration: {
                Rules: i.rules?.map(lifecycleRule),
                TransitionDefaultMinimumObjectSize: i.transitionDefaultMinimumObjectSize,
            },
        },
    }),
});

export const bucketLogging = foldMapping<aws.s3.BucketLoggingArgs>({
    pulumiType: "aws:s3/bucketLogging:BucketLogging",
    aliasTypes: ["aws:s3/bucketLoggingV2:BucketLoggingV2"],
    noEquivalent: { ...EXPECTED_OWNER, targetGrants: "log delivery through ACL grants; CloudFormation's LoggingConfiguration has none (grants belong in the target bucket's policy)" },
    fold: (i) => ({
        target: i.bucket,
        properties: {
            LoggingConfiguration: {
                DestinationBucketName: i.targetBucket,
                LogFilePrefix: i.targetPrefix,
                TargetObjectKeyFormat: i.targetObjectKeyFormat && {
                    PartitionedPrefix: i.targetObjectKeyFormat.partitionedPrefix && { PartitionDateSource: i.targetObjectKeyFormat.partitionedPrefix.partitionDateSource },
                    SimplePrefix: i.targetObjectKeyFormat.simplePrefix && {},
                },
            },
        },
    }),
});
