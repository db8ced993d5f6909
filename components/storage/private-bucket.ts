import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * The one way this platform makes an S3 bucket: no public access of any kind, encrypted, versioned,
 * objects expiring when asked, and a bucket policy applied only after the public access block.
 * Log buckets, the CloudTrail bucket and the web-asset bucket all come from here, so that a
 * hardening added once reaches every bucket.
 */
export interface PrivateBucketOptions {
    /**
     * SSE-KMS with this customer managed key (with a bucket key, which cuts KMS requests for many
     * small objects). The key policy must let the bucket's writers and readers use it. Omit for SSE-S3
     * where the writer cannot use a KMS key: ALB access logs and S3 server access logs only support SSE-S3.
     */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /**
     * @default "BucketOwnerEnforced" (ACLs off). CloudFront standard logs need "BucketOwnerPreferred",
     * because they are delivered through an ACL grant.
     */
    readonly ownership?: "BucketOwnerEnforced" | "BucketOwnerPreferred";
    /** @default true */
    readonly versioned?: boolean;
    /** Expire current objects after this many days (noncurrent versions after 30, unfinished uploads after 7). */
    readonly expireDays?: number;
    /** Limit the expiry to keys under this prefix. @default all keys */
    readonly expirePrefix?: string;
    /** The bucket policy, built from the bucket's ARN. */
    readonly policy?: (bucketArn: pulumi.Output<string>) => pulumi.Input<string>;
    /** Pulumi `protect` on the bucket (prod). */
    readonly protect: boolean;
    /** Let `pulumi destroy` empty the bucket. @default false */
    readonly forceDestroy?: boolean;
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface PrivateBucket {
    readonly bucket: aws.s3.Bucket;
    /** Present when a policy was given; depend on it before writers start (CloudTrail checks it on creation). */
    readonly policy?: aws.s3.BucketPolicy;
    /** Writers that need ACLs (CloudFront standard logs) must wait for it: a new bucket starts with ACLs disabled. */
    readonly ownership: aws.s3.BucketOwnershipControls;
}

export function createPrivateBucket(name: string, parent: pulumi.Resource, options: PrivateBucketOptions): PrivateBucket {
    const bucket = new aws.s3.Bucket(name, { forceDestroy: options.forceDestroy ?? false, tags: options.tags }, { parent, protect: options.protect });
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-public-access`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, { parent });
    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: options.ownership ?? "BucketOwnerEnforced" } }, { parent });
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: bucket.id,
        rules: [{
            applyServerSideEncryptionByDefault: options.kmsKeyArn !== undefined ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: options.kmsKeyArn } : { sseAlgorithm: "AES256" },
            bucketKeyEnabled: true,
        }],
    }, { parent });
    if (options.versioned ?? true) {
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, { parent });
    }
    if (options.expireDays !== undefined) {
        new aws.s3.BucketLifecycleConfiguration(`${name}-lifecycle`, {
            bucket: bucket.id,
            rules: [{
                id: "expire",
                status: "Enabled",
                filter: options.expirePrefix !== undefined ? { prefix: options.expirePrefix } : {},
                expiration: { days: options.expireDays },
                noncurrentVersionExpiration: { noncurrentDays: 30 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            }],
        }, { parent });
    }
    const policy = options.policy !== undefined
        ? new aws.s3.BucketPolicy(`${name}-policy`, { bucket: bucket.id, policy: options.policy(bucket.arn) }, { parent, dependsOn: [publicAccess] })
        : undefined;
    return { bucket, policy, ownership };
}
