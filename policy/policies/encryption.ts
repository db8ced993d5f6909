import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { parseDocument } from "./common";

/** Encryption at rest with customer managed keys, and in transit. */

export const kmsKeyRotation: ResourceValidationPolicy = {
    name: "kms-key-rotation",
    description: "Symmetric customer managed KMS keys rotate their key material yearly (FSBP KMS.4, AwsSolutions-KMS5).",
    enforcementLevel: "mandatory",
    tags: ["FSBP KMS.4", "AwsSolutions-KMS5"],
    validateResource: validateResourceOfType(aws.kms.Key, (key, _args, report) => {
        // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot rotate.
        const symmetric = (key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
        if (symmetric && key.enableKeyRotation !== true) {
            report("enableKeyRotation must be true on a symmetric customer managed key.");
        }
    }),
};

export const logGroupEncrypted: ResourceValidationPolicy = {
    name: "log-group-encrypted-cmk",
    description: "CloudWatch log groups are encrypted with a customer managed KMS key (NIST.800.53.R5-CloudWatchLogGroupEncrypted).",
    enforcementLevel: "mandatory",
    tags: ["cdk-nag NIST.800.53.R5-CloudWatchLogGroupEncrypted"],
    validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, _args, report) => {
        if (!group.kmsKeyId) {
            report(`log group ${group.name ?? ""} has no kmsKeyId: pass the environment's log key.`);
        }
    }),
};

export const snsTopicEncrypted: ResourceValidationPolicy = {
    name: "sns-topic-encrypted",
    description: "SNS topics are encrypted at rest with a KMS key (FSBP SNS.1, AwsSolutions-SNS2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP SNS.1", "AwsSolutions-SNS2"],
    validateResource: validateResourceOfType(aws.sns.Topic, (topic, _args, report) => {
        if (!topic.kmsMasterKeyId) {
            report("kmsMasterKeyId must be set.");
        }
    }),
};

/** The SSE configuration's default rule, if any. */
function defaultEncryption(rules: unknown): { sseAlgorithm?: string; kmsMasterKeyId?: string } | undefined {
    const list = Array.isArray(rules) ? (rules as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string } }[]) : [];
    return list.find((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm)?.applyServerSideEncryptionByDefault;
}

export const s3EncryptionAtRest: ResourceValidationPolicy = {
    name: "s3-encryption-at-rest",
    description: "Every bucket encryption configuration sets a default server-side encryption algorithm (FSBP S3.17 baseline: nothing stored unencrypted).",
    enforcementLevel: "mandatory",
    tags: ["FSBP S3.17 (baseline)"],
    validateResource: validateResourceOfType(aws.s3.BucketServerSideEncryptionConfiguration, (sse, _args, report) => {
        if (!defaultEncryption(sse.rules)) {
            report("no rule with applyServerSideEncryptionByDefault.sseAlgorithm.");
        }
    }),
};

export const s3EncryptionCmk: ResourceValidationPolicy = {
    name: "s3-encryption-cmk",
    description: "Buckets are encrypted with a customer managed KMS key (FSBP S3.17). Advisory: some AWS log deliveries and origins accept only SSE-S3.",
    enforcementLevel: "advisory",
    tags: ["FSBP S3.17"],
    validateResource: validateResourceOfType(aws.s3.BucketServerSideEncryptionConfiguration, (sse, _args, report) => {
        const rule = defaultEncryption(sse.rules);
        if (rule && !(rule.sseAlgorithm?.startsWith("aws:kms") && rule.kmsMasterKeyId)) {
            report(`bucket ${String(sse.bucket)} uses ${rule.sseAlgorithm} rather than SSE-KMS with a customer managed key.`);
        }
    }),
};

export const dataStoresEncrypted: ResourceValidationPolicy = {
    name: "data-stores-encrypted-cmk",
    description:
        "DynamoDB tables, RDS instances, ElastiCache replication groups and CloudTrail trails are encrypted at rest with a customer managed key " +
        "(FSBP RDS.3, ElastiCache.4, CloudTrail.2, DynamoDB CMK per REQUIREMENTS D1; AwsSolutions-RDS2, AwsSolutions-AEC3).",
    enforcementLevel: "mandatory",
    tags: ["FSBP RDS.3", "FSBP ElastiCache.4", "FSBP CloudTrail.2", "AwsSolutions-RDS2", "AwsSolutions-AEC3"],
    validateResource: [
        validateResourceOfType(aws.dynamodb.Table, (t, _a, report) => {
            if (t.serverSideEncryption?.enabled !== true || !t.serverSideEncryption.kmsKeyArn) {
                report("serverSideEncryption must be enabled with a kmsKeyArn (a customer managed key).");
            }
        }),
        validateResourceOfType(aws.rds.Instance, (db, _a, report) => {
            if (db.storageEncrypted !== true || !db.kmsKeyId) {
                report("storageEncrypted must be true with a kmsKeyId (a customer managed key).");
            }
        }),
        validateResourceOfType(aws.elasticache.ReplicationGroup, (rg, _a, report) => {
            if (rg.atRestEncryptionEnabled !== true || !rg.kmsKeyId) {
                report("atRestEncryptionEnabled must be true with a kmsKeyId (a customer managed key).");
            }
        }),
        validateResourceOfType(aws.cloudtrail.Trail, (trail, _a, report) => {
            if (!trail.kmsKeyId) {
                report("kmsKeyId must be set: trail logs are encrypted with SSE-KMS.");
            }
        }),
    ],
};

export const secretEncryptedCmk: ResourceValidationPolicy = {
    name: "secret-encrypted-cmk",
    description: "Secrets Manager secrets use a customer managed key rather than aws/secretsmanager. Advisory: the AWS managed key is still encrypted at rest.",
    enforcementLevel: "advisory",
    tags: ["REQUIREMENTS D4"],
    validateResource: validateResourceOfType(aws.secretsmanager.Secret, (secret, _a, report) => {
        if (!secret.kmsKeyId) {
            report(`secret ${secret.name ?? ""} uses the AWS managed key aws/secretsmanager.`);
        }
    }),
};

/** Parameters of an RDS parameter group, by name. */
function parameters(list: unknown): Map<string, string> {
    const items = Array.isArray(list) ? (list as { name: string; value: string }[]) : [];
    return new Map(items.map((p) => [p.name, String(p.value)]));
}

export const encryptionInTransit: ResourceValidationPolicy = {
    name: "encryption-in-transit",
    description:
        "Data stores accept only TLS: ElastiCache transit encryption required (FSBP ElastiCache.5, AwsSolutions-AEC3), PostgreSQL parameter groups force SSL, " +
        "bucket policies do not allow requests without TLS (FSBP S3.5, AwsSolutions-S10).",
    enforcementLevel: "mandatory",
    tags: ["FSBP ElastiCache.5", "FSBP S3.5", "AwsSolutions-AEC3", "AwsSolutions-S10"],
    validateResource: [
        validateResourceOfType(aws.elasticache.ReplicationGroup, (rg, _a, report) => {
            if (rg.transitEncryptionEnabled !== true || (rg.transitEncryptionMode !== undefined && rg.transitEncryptionMode !== "required")) {
                report("transitEncryptionEnabled must be true and transitEncryptionMode \"required\".");
            }
        }),
        validateResourceOfType(aws.rds.ParameterGroup, (pg, _a, report) => {
            if (String(pg.family).startsWith("postgres") && parameters(pg.parameters).get("rds.force_ssl") !== "1") {
                report("a PostgreSQL parameter group must set rds.force_ssl = 1.");
            }
        }),
        validateResourceOfType(aws.s3.BucketPolicy, (bp, _a, report) => {
            const doc = parseDocument(bp.policy);
            const statements = Array.isArray(doc?.Statement) ? (doc?.Statement as Record<string, unknown>[]) : [];
            const deniesPlainHttp = statements.some((s) => s.Effect === "Deny" && JSON.stringify(s.Condition ?? {}).includes("\"aws:SecureTransport\":\"false\""));
            if (!deniesPlainHttp) {
                report("the bucket policy must deny requests with aws:SecureTransport = false.");
            }
        }),
    ],
};

export const encryptionPolicies: ResourceValidationPolicy[] = [
    kmsKeyRotation, logGroupEncrypted, snsTopicEncrypted, s3EncryptionAtRest, s3EncryptionCmk, dataStoresEncrypted, secretEncryptedCmk, encryptionInTransit,
];
