import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

const bucket = planned("aws:s3/bucket:Bucket", "dev-trail", {}, { id: "dev-trail-1a2b3c4" });
const setting = (type: string, inputs: Record<string, unknown>) => planned(`aws:s3/${type}:${type.charAt(0).toUpperCase()}${type.slice(1)}`, `dev-trail-${type}`, { bucket: bucket.id, ...inputs }, { dependsOn: [bucket.urn] });

describe("mapping the separate aws.s3.Bucket* settings", () => {
    it("writes ownership, public access block, versioning, encryption and lifecycle onto the AWS::S3::Bucket they name", () => {
        const t = translate(
            bucket,
            setting("bucketOwnershipControls", { rule: { objectOwnership: "BucketOwnerEnforced" } }),
            setting("bucketPublicAccessBlock", { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
            setting("bucketVersioning", { versioningConfiguration: { status: "Enabled" } }),
            setting("bucketServerSideEncryptionConfiguration", { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "alias/dev" }, bucketKeyEnabled: true }] }),
            setting("bucketLifecycleConfiguration", {
                rules: [{
                    id: "expire", status: "Enabled", filter: {}, expiration: { days: 365 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    noncurrentVersionExpiration: { noncurrentDays: 30 }, transitions: [{ days: 90, storageClass: "GLACIER" }],
                }],
            }),
        );
        assert.deepStrictEqual(cfnOf(t, "dev-trail")[0][1].Properties, {
            OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
            VersioningConfiguration: { Status: "Enabled" },
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "alias/dev" } }] },
            LifecycleConfiguration: {
                Rules: [{
                    Id: "expire", Status: "Enabled", ExpirationInDays: 365, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
                    NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Transitions: [{ StorageClass: "GLACIER", TransitionInDays: 90 }],
                }],
            },
        });
        assert.deepStrictEqual([t.awsResources, t.translated], [6, 6]);
    });

    it("writes server access logging onto the logged bucket, naming the target bucket by reference and keeping the partitioned key format", () => {
        const target = planned("aws:s3/bucket:Bucket", "dev-trail-access-logs", {}, { id: "dev-trail-access-logs-5d6e7f8" });
        const logging = planned("aws:s3/bucketLogging:BucketLogging", "dev-trail-access-logging", {
            bucket: bucket.id, targetBucket: target.id, targetPrefix: "trail-bucket/", targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
        }, { dependsOn: [bucket.urn, target.urn] });
        const t = translate(bucket, target, logging);
        assert.deepStrictEqual(cfnOf(t, "dev-trail")[0][1].Properties, {
            LoggingConfiguration: { DestinationBucketName: { Ref: "DevTrailAccessLogs" }, LogFilePrefix: "trail-bucket/", TargetObjectKeyFormat: { PartitionedPrefix: { PartitionDateSource: "EventTime" } } },
        });
    });
});
