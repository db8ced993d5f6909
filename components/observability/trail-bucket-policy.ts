import { PolicyDocument } from "../iam/policy";

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
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [ctx.bucketArn, `${ctx.bucketArn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
