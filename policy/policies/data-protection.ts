import { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { inProtectedStack, PROTECTED_STACKS_SCHEMA } from "./common";

/**
 * Where data lives: protection, AWS-side deletion guards, backups and point-in-time recovery.
 * Mandatory in the protected stacks (config `protectedStacks`, default ["prod"]); elsewhere (dev is
 * cheap and disposable by design, REQUIREMENTS S1) the policies report themselves not applicable.
 */

type Props = Record<string, any>;

/**
 * Every stateful resource type the program creates, with its AWS-side deletion guard: the check
 * returns a problem, or undefined when the guard is on. `protect: true` is required for all of them.
 */
export const STATEFUL_GUARDS: Record<string, { readonly guard: string; readonly problem: (p: Props) => string | undefined }> = {
    "aws:dynamodb/table:Table": { guard: "deletionProtectionEnabled", problem: (p) => (p.deletionProtectionEnabled === true ? undefined : "deletionProtectionEnabled must be true") },
    "aws:rds/instance:Instance": {
        guard: "deletionProtection, final snapshot",
        problem: (p) => (p.deletionProtection !== true ? "deletionProtection must be true" : p.skipFinalSnapshot === true || !p.finalSnapshotIdentifier ? "a finalSnapshotIdentifier is needed (skipFinalSnapshot false)" : undefined),
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": { guard: "final snapshot", problem: (p) => (p.finalSnapshotIdentifier ? undefined : "finalSnapshotIdentifier must be set (ElastiCache has no deletion protection)") },
    "aws:kms/key:Key": { guard: "30-day deletion window", problem: (p) => ((p.deletionWindowInDays ?? 30) >= 30 ? undefined : "deletionWindowInDays must be 30 (the maximum) so a scheduled deletion can be cancelled") },
    "aws:s3/bucket:Bucket": { guard: "forceDestroy false", problem: (p) => (p.forceDestroy === true ? "forceDestroy must be false" : undefined) },
    "aws:cloudwatch/logGroup:LogGroup": { guard: "protect", problem: () => undefined },
    "aws:secretsmanager/secret:Secret": { guard: "recovery window", problem: (p) => (p.recoveryWindowInDays === 0 ? "recoveryWindowInDays must not be 0 (immediate deletion)" : undefined) },
    "aws:cognito/userPool:UserPool": { guard: "deletionProtection ACTIVE", problem: (p) => (p.deletionProtection === "ACTIVE" ? undefined : "deletionProtection must be ACTIVE") },
    "aws:ecr/repository:Repository": { guard: "forceDelete false", problem: (p) => (p.forceDelete === true ? "forceDelete must be false" : undefined) },
    "aws:acmpca/certificateAuthority:CertificateAuthority": { guard: "30-day restore period", problem: (p) => ((p.permanentDeletionTimeInDays ?? 30) >= 30 ? undefined : "permanentDeletionTimeInDays must be 30") },
};

export const statefulProtected: ResourceValidationPolicy = {
    name: "stateful-resources-protected",
    description:
        "In protected stacks every database, table, cache, key, bucket, log group, secret, user pool, repository and CA has protect: true and its AWS-side deletion guard " +
        "(FSBP DynamoDB.6, RDS.7, AwsSolutions-RDS10, FSBP KMS.3).",
    enforcementLevel: "mandatory",
    tags: ["FSBP DynamoDB.6", "FSBP RDS.7", "FSBP KMS.3", "AwsSolutions-RDS10"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const entry = STATEFUL_GUARDS[args.type];
        if (entry === undefined) {
            return;
        }
        if (!inProtectedStack(args)) {
            args.notApplicable("not a protected stack");
        }
        if (args.opts.protect !== true) {
            report(`${args.name} must have protect: true.`);
        }
        const problem = entry.problem(args.props);
        if (problem !== undefined) {
            report(`${args.name}: ${problem}.`);
        }
    },
};

/** Backup and availability checks per type; each returns its problems. */
const BACKUP_CHECKS: Record<string, (p: Props) => string[]> = {
    "aws:dynamodb/table:Table": (p) => (p.pointInTimeRecovery?.enabled === true ? [] : ["pointInTimeRecovery.enabled must be true"]),
    "aws:rds/instance:Instance": (p) => [
        ...((p.backupRetentionPeriod ?? 0) >= 7 ? [] : ["backupRetentionPeriod must be at least 7 days"]),
        ...(p.multiAz === true ? [] : ["multiAz must be true"]),
        ...(p.deleteAutomatedBackups === true ? ["deleteAutomatedBackups must be false"] : []),
    ],
    "aws:elasticache/replicationGroup:ReplicationGroup": (p) => [
        ...((p.snapshotRetentionLimit ?? 0) >= 1 ? [] : ["snapshotRetentionLimit must be at least 1 day"]),
        ...(p.automaticFailoverEnabled === true && p.multiAzEnabled === true ? [] : ["automaticFailoverEnabled and multiAzEnabled must be true"]),
    ],
};

export const backupsAndRecovery: ResourceValidationPolicy = {
    name: "backups-and-recovery",
    description:
        "In protected stacks tables have point-in-time recovery (FSBP DynamoDB.2, AwsSolutions-DDB3), databases keep 7+ days of backups across AZs " +
        "(FSBP RDS.11, RDS.5, AwsSolutions-RDS3), caches keep snapshots and fail over (FSBP ElastiCache.1, ElastiCache.3, AwsSolutions-AEC4).",
    enforcementLevel: "mandatory",
    tags: ["FSBP DynamoDB.2", "FSBP RDS.11", "FSBP RDS.5", "FSBP ElastiCache.1", "FSBP ElastiCache.3", "AwsSolutions-DDB3", "AwsSolutions-RDS3", "AwsSolutions-AEC4"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const check = BACKUP_CHECKS[args.type];
        if (check === undefined) {
            return;
        }
        if (!inProtectedStack(args)) {
            args.notApplicable("not a protected stack");
        }
        for (const problem of check(args.props)) {
            report(`${args.name}: ${problem}.`);
        }
    },
};

export const dataProtectionPolicies: ResourceValidationPolicy[] = [statefulProtected, backupsAndRecovery];
