import { PolicyDocument, PolicyStatement } from "../iam/policy";

/**
 * KMS key policies. A customer managed key is useless to an AWS service until its key policy lets
 * that service's principal use it; the grants are scoped with the encryption context or source
 * account each service sends, so that another account's resources cannot borrow the key.
 */

export interface AccountContext {
    readonly accountId: string;
    readonly region: string;
    readonly partition: string;
}

/** A service that may use the key, with the grant AWS documents for it. */
export type KeyUser = "logs" | "sns" | "cloudtrail" | "cloudwatch" | "dynamodb" | "rds" | "elasticache" | "secretsmanager" | "cloudfront-origin" | "cloudfront-logs";

const ENCRYPT_DECRYPT = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

function servicePrincipal(service: string, ctx: AccountContext, regional: boolean): string {
    return regional ? `${service}.${ctx.region}.amazonaws.com` : `${service}.amazonaws.com`;
}

/**
 * Data stores: principals of this account may use the key only through the named service (the
 * service calls KMS on their behalf and creates the grants it needs). The principal is the account,
 * not `*`, so a principal still needs an IAM policy allowing the key, as the task role's statements do.
 */
function viaServiceGrant(sid: string, service: string, ctx: AccountContext): PolicyStatement {
    return {
        Sid: sid,
        Effect: "Allow",
        Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:CallerAccount": ctx.accountId, "kms:ViaService": `${service}.${ctx.region}.amazonaws.com` } },
    };
}

const GRANTS: Record<KeyUser, (ctx: AccountContext) => PolicyStatement[]> = {
    // CloudWatch Logs sends the log group's ARN as encryption context.
    logs: (ctx) => [
        {
            Sid: "AllowCloudWatchLogs",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("logs", ctx, true) },
            Action: ENCRYPT_DECRYPT,
            Resource: "*",
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:*` } },
        },
    ],
    sns: (ctx) => [
        {
            Sid: "AllowSnsTopics",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("sns", ctx, false) },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        },
    ],
    // Alarms publish to an encrypted topic; CloudWatch needs to generate data keys for it.
    cloudwatch: (ctx) => [
        {
            Sid: "AllowCloudWatchAlarms",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudwatch", ctx, false) },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        },
    ],
    cloudtrail: (ctx): PolicyStatement[] => [
        {
            Sid: "AllowCloudTrailEncrypt",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudtrail", ctx, false) },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
                StringEquals: { "aws:SourceAccount": ctx.accountId },
                StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${ctx.partition}:cloudtrail:*:${ctx.accountId}:trail/*` },
            },
        },
        {
            Sid: "AllowCloudTrailDescribe",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudtrail", ctx, false) },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        },
    ],
    // CloudFront reading an SSE-KMS bucket through origin access control ("Restrict access to an Amazon
    // S3 origin", CloudFront Developer Guide). AWS's example grants Decrypt, Encrypt and GenerateDataKey*
    // with `AWS:SourceArn` equal to the distribution; the origins here are read-only (GET/HEAD), so only
    // Decrypt. The source is any distribution of this account rather than the one distribution: the key
    // encrypts the bucket the distribution is built from, and naming the distribution would make the
    // key wait for it. The bucket policy still lets only the one distribution's ARN read objects, and
    // S3 authorises the read before it asks KMS to decrypt.
    "cloudfront-origin": (ctx) => [
        {
            Sid: "AllowCloudFrontOriginAccessControlDecrypt",
            Effect: "Allow",
            Principal: { Service: servicePrincipal("cloudfront", ctx, false) },
            Action: "kms:Decrypt",
            Resource: "*",
            // The account is in the pattern, so no separate `AWS:SourceAccount` (AWS's example uses SourceArn only).
            Condition: { ArnLike: { "AWS:SourceArn": `arn:${ctx.partition}:cloudfront::${ctx.accountId}:distribution/*` } },
        },
    ],
    // CloudFront standard logging (legacy) into an SSE-KMS bucket: the statement AWS documents
    // ("Required key policy for SSE-KMS buckets"), with kms:Decrypt because the bucket uses an S3 Bucket
    // Key. AWS documents no condition for it; the legacy delivery is authorised by the bucket ACL grant,
    // which only the bucket owner can give.
    "cloudfront-logs": () => [
        {
            Sid: "AllowCloudFrontStandardLogDelivery",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resource: "*",
        },
    ],
    dynamodb: (ctx) => [viaServiceGrant("AllowUseThroughDynamoDb", "dynamodb", ctx)],
    // RDS storage, Performance Insights and the RDS-managed master secret's key use.
    rds: (ctx) => [viaServiceGrant("AllowUseThroughRds", "rds", ctx)],
    elasticache: (ctx) => [viaServiceGrant("AllowUseThroughElastiCache", "elasticache", ctx)],
    secretsmanager: (ctx) => [viaServiceGrant("AllowUseThroughSecretsManager", "secretsmanager", ctx)],
};

/**
 * Key policy: the account's root keeps administration (without it the key could become
 * unmanageable, which AWS refuses), IAM policies in the account may grant use, and each listed
 * service gets its documented, scoped grant.
 */
export function serviceKeyPolicy(ctx: AccountContext, users: readonly KeyUser[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EnableAccountAdministration",
                Effect: "Allow",
                Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            ...[...new Set(users)].flatMap((user) => GRANTS[user](ctx)),
        ],
    };
}
