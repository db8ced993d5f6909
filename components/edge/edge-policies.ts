import type { PolicyDocument } from "../iam/policy";
import { denyInsecureTransport } from "../storage/bucket-policy";

/** Bucket and role policies of the edge, as plain documents. */

/**
 * The web-assets bucket: readable only by CloudFront through origin access control, and only on
 * behalf of this distribution (`AWS:SourceArn`), so another distribution cannot serve the bucket.
 */
export function webBucketPolicy(bucketArn: string, distributionArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            denyInsecureTransport(bucketArn),
            {
                Sid: "AllowCloudFrontOriginAccessControl",
                Effect: "Allow",
                Principal: { Service: "cloudfront.amazonaws.com" },
                Action: "s3:GetObject",
                Resource: `${bucketArn}/*`,
                Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
            },
        ],
    };
}

/** The CloudFront access-log bucket: TLS only (CloudFront's log delivery writes through the bucket ACL). */
export function logBucketPolicy(bucketArn: string): PolicyDocument {
    return { Version: "2012-10-17", Statement: [denyInsecureTransport(bucketArn)] };
}

/**
 * The authorizer Lambda's role: write its own log group's streams and send traces, nothing else
 * (it reads the user pool's public keys over HTTPS, which needs no permission).
 */
export function authorizerRolePolicy(logGroupArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
            // X-Ray's put actions support no resource-level permissions.
            { Sid: "SendTraces", Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" },
        ],
    };
}
