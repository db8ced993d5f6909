import { PolicyDocument } from "../iam/policy";
import { denyInsecureTransport } from "../storage/bucket-policy";

/** What the trail bucket's policy is built from; all resolved strings. */
export interface TrailBucketPolicyContext {
    readonly bucketArn: string;
    /** ARN of the trail that may write; `aws:SourceArn` keeps other trails (of any account) out. */
    readonly trailArn: string;
    readonly accountId: string;
}

/**
 * The CloudTrail bucket policy AWS documents (ACL check + write under `AWSLogs/<account>/`), scoped
 * to this trail by `aws:SourceArn`, plus a deny of every request that does not use TLS (O5).
 */
export function trailBucketPolicy(ctx: TrailBucketPolicyContext): PolicyDocument {
    const condition = { StringEquals: { "aws:SourceArn": ctx.trailArn } };
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AWSCloudTrailAclCheck",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:GetBucketAcl",
                Resource: ctx.bucketArn,
                Condition: condition,
            },
            {
                Sid: "AWSCloudTrailWrite",
                Effect: "Allow",
                Principal: { Service: "cloudtrail.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${ctx.bucketArn}/AWSLogs/${ctx.accountId}/*`,
                Condition: { StringEquals: { ...condition.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" } },
            },
            denyInsecureTransport(ctx.bucketArn),
        ],
    };
}

/** What the trail's access-log bucket policy is built from; all resolved strings. */
export interface AccessLogBucketPolicyContext {
    /** The bucket that receives the server access logs. */
    readonly logBucketArn: string;
    /** The bucket whose accesses are logged; `aws:SourceArn` keeps every other bucket's logs out. */
    readonly sourceBucketArn: string;
    readonly accountId: string;
    /** Key prefix the logs are written under (the logging configuration's `targetPrefix`). */
    readonly prefix: string;
}

/**
 * The bucket policy S3 server access logging needs (AWS's documented statement for the
 * `logging.s3.amazonaws.com` principal, scoped by `aws:SourceArn` and `aws:SourceAccount`, which
 * also keeps the confused-deputy door shut), plus the deny of every request that does not use TLS.
 * With object ownership enforced, this policy is the only grant: log delivery ACLs are not used.
 */
export function trailAccessLogBucketPolicy(ctx: AccessLogBucketPolicyContext): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "S3ServerAccessLogsDelivery",
                Effect: "Allow",
                Principal: { Service: "logging.s3.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `${ctx.logBucketArn}/${ctx.prefix}*`,
                Condition: { ArnLike: { "aws:SourceArn": ctx.sourceBucketArn }, StringEquals: { "aws:SourceAccount": ctx.accountId } },
            },
            denyInsecureTransport(ctx.logBucketArn),
        ],
    };
}
