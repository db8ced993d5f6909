import { PlannedResource } from "../../scripts/lib/mock-runtime";

/** A planned resource built by hand, as the policy analyzer would see it (props = inputs). */
export function res(type: string, props: Record<string, unknown>, opts: { name?: string; stack?: string; protect?: boolean; dependsOn?: string[] } = {}): PlannedResource {
    const name = opts.name ?? type.split(":").pop()!.toLowerCase();
    return {
        urn: `urn:pulumi:${opts.stack ?? "prod"}::test::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs: props,
        state: props,
        protect: opts.protect ?? false,
        retainOnDelete: false,
        dependsOn: opts.dependsOn ?? [],
    };
}

/** A case: the resources one policy sees (one resource, or a stack for stack policies). */
export type Case = PlannedResource | PlannedResource[];

export interface PolicyCases {
    /** Resources that pass the policy. */
    readonly compliant: Case[];
    /** Resources that each violate it (every check of the policy has one). */
    readonly nonCompliant: Case[];
}

const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const TLS_ONLY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const doc = (Action: unknown, Resource: unknown = "arn:aws:s3:::b/*") => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
const container = (overrides: Record<string, unknown> = {}) => JSON.stringify([{ name: "app", image: "x", user: "10001", readonlyRootFilesystem: true, logConfiguration: { logDriver: "awslogs" }, environment: [{ name: "PORT", value: "8080" }], ...overrides }]);
/** A task definition with a writable root, run by a service with or without ECS Exec. */
const execStack = (exec: boolean) => {
    const td = res(T.taskDef, { containerDefinitions: container({ readonlyRootFilesystem: false }) }, { name: "td" });
    return [td, res("aws:ecs/service:Service", { enableExecuteCommand: exec, taskDefinition: "arn:aws:ecs:us-east-1:1:task-definition/td:1" }, { name: "svc", dependsOn: [td.urn] })];
};
const distribution = (overrides: Record<string, unknown> = {}) => ({
    defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [{ viewerProtocolPolicy: "https-only" }],
    origins: [{ originId: "api", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }, { originId: "web", originAccessControlId: "oac" }],
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    loggingConfig: { bucket: "logs.s3.amazonaws.com" },
    webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/1",
    defaultRootObject: "index.html",
    ...overrides,
});
const table = (overrides: Record<string, unknown> = {}) => ({ name: "t", deletionProtectionEnabled: true, pointInTimeRecovery: { enabled: true }, serverSideEncryption: { enabled: true, kmsKeyArn: KEY }, ...overrides });
const db = (overrides: Record<string, unknown> = {}) => ({
    identifier: "db", engine: "postgres", storageEncrypted: true, kmsKeyId: KEY, deletionProtection: true, finalSnapshotIdentifier: "db-final", backupRetentionPeriod: 14, multiAz: true,
    enabledCloudwatchLogsExports: ["postgresql"], publiclyAccessible: false, ...overrides,
});
const cache = (overrides: Record<string, unknown> = {}) => ({
    replicationGroupId: "c", atRestEncryptionEnabled: true, kmsKeyId: KEY, transitEncryptionEnabled: true, transitEncryptionMode: "required", finalSnapshotIdentifier: "c-final",
    snapshotRetentionLimit: 7, automaticFailoverEnabled: true, multiAzEnabled: true, ...overrides,
});
const pool = (overrides: Record<string, unknown> = {}) => ({
    passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true }, mfaConfiguration: "OPTIONAL",
    userPoolTier: "PLUS", userPoolAddOns: { advancedSecurityMode: "ENFORCED" }, deletionProtection: "ACTIVE", ...overrides,
});

const T = {
    key: "aws:kms/key:Key", logGroup: "aws:cloudwatch/logGroup:LogGroup", topic: "aws:sns/topic:Topic", sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    table: "aws:dynamodb/table:Table", db: "aws:rds/instance:Instance", cache: "aws:elasticache/replicationGroup:ReplicationGroup", trail: "aws:cloudtrail/trail:Trail",
    secret: "aws:secretsmanager/secret:Secret", pg: "aws:rds/parameterGroup:ParameterGroup", bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy", lb: "aws:lb/loadBalancer:LoadBalancer", targetGroup: "aws:lb/targetGroup:TargetGroup",
    cdn: "aws:cloudfront/distribution:Distribution", stage: "aws:apigateway/stage:Stage", methodSettings: "aws:apigateway/methodSettings:MethodSettings", taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster", acl: "aws:wafv2/webAcl:WebAcl", aclLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", vpc: "aws:ec2/vpc:Vpc", flowLog: "aws:ec2/flowLog:FlowLog",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule", sg: "aws:ec2/securityGroup:SecurityGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", service: "aws:ecs/service:Service", subnet: "aws:ec2/subnet:Subnet", permission: "aws:lambda/permission:Permission",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket: "aws:s3/bucket:Bucket", rolePolicy: "aws:iam/rolePolicy:RolePolicy", attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    role: "aws:iam/role:Role", pool: "aws:cognito/userPool:UserPool", fn: "aws:lambda/function:Function", repo: "aws:ecr/repository:Repository", listener: "aws:lb/listener:Listener",
    domain: "aws:apigateway/domainName:DomainName", assoc: "aws:wafv2/webAclAssociation:WebAclAssociation", restApi: "aws:apigateway/restApi:RestApi",
    rotation: "aws:secretsmanager/secretRotation:SecretRotation", logging: "aws:s3/bucketLogging:BucketLogging", alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};

/** A trail, its bucket and (optionally) the bucket's access logging into another bucket. */
function trailStack(logging: "other" | "itself" | "none"): PlannedResource[] {
    const bucket = res(T.bucket, { bucket: "trail-1" }, { name: "trail" });
    const logs = res(T.bucket, { bucket: "trail-logs-1" }, { name: "trail-logs" });
    const trail = res(T.trail, { s3BucketName: "trail-1" }, { dependsOn: [bucket.urn] });
    const target = { other: "trail-logs-1", itself: "trail-1", none: undefined }[logging];
    return [bucket, logs, trail, ...(target ? [res(T.logging, { bucket: "trail-1", targetBucket: target }, { dependsOn: [bucket.urn, logs.urn] })] : [])];
}

/** A secret, with or without its rotation, in `stack`. */
function secretStack(rotated: boolean, stack = "prod"): PlannedResource[] {
    const secret = res(T.secret, { name: "s" }, { stack });
    return [secret, ...(rotated ? [res(T.rotation, { secretId: "s" }, { stack, dependsOn: [secret.urn] })] : [])];
}

/** A bucket with the companions named, each depending on the bucket as the program's do. */
function bucketStack(companions: string[]): PlannedResource[] {
    const bucket = res(T.bucket, { forceDestroy: false }, { name: "b" });
    return [bucket, ...companions.map((type) => res(type, { bucket: "b-1234" }, { name: `b-${type.split(":").pop()}`, dependsOn: [bucket.urn] }))];
}
/** A parent resource and (optionally) its companion depending on it. */
function pairStack(parentType: string, companionType: string, withCompanion: boolean): PlannedResource[] {
    const parent = res(parentType, {}, { name: "p" });
    return withCompanion ? [parent, res(companionType, {}, { name: "c", dependsOn: [parent.urn] })] : [parent, res(companionType, {}, { name: "c" })];
}

/** A stage and a distribution, watched (alarms with actions on their metrics) or not. */
function edgeAlarmCases(): PolicyCases {
    const api = res("aws:apigateway/restApi:RestApi", { name: "prod-api" }, { name: "prod-api" });
    const stage = res("aws:apigateway/stage:Stage", { stageName: "v1" }, { name: "prod-stage", dependsOn: [api.urn] });
    const cdn = res("aws:cloudfront/distribution:Distribution", {}, { name: "prod-cdn" });
    const alarm = (name: string, props: Record<string, unknown>, dependsOn: string[] = []) =>
        res("aws:cloudwatch/metricAlarm:MetricAlarm", { alarmActions: ["arn:aws:sns:us-east-1:123456789012:prod-alerts"], ...props }, { name, dependsOn });
    const stageAlarm = alarm("api-4xx", { namespace: "AWS/ApiGateway", dimensions: { ApiName: "prod-api", Stage: "v1" } });
    const cdnAlarm = alarm("cdn-5xx", { namespace: "AWS/CloudFront", dimensions: { DistributionId: "E1", Region: "Global" } }, [cdn.urn]);
    return { compliant: [[api, stage, cdn, stageAlarm, cdnAlarm]], nonCompliant: [[api, stage, cdn, cdnAlarm], [api, stage, cdn, stageAlarm]] };
}

/** For each policy of the pack: resources that pass it and resources that each violate one of its checks. */
export const POLICY_CASES: Record<string, PolicyCases> = {
    "kms-key-rotation": {
        compliant: [res(T.key, { enableKeyRotation: true }), res(T.key, { customerMasterKeySpec: "RSA_2048" })],
        nonCompliant: [res(T.key, {}), res(T.key, { enableKeyRotation: false })],
    },
    "log-group-encrypted-cmk": { compliant: [res(T.logGroup, { name: "/x", kmsKeyId: KEY })], nonCompliant: [res(T.logGroup, { name: "/x" })] },
    "sns-topic-encrypted": { compliant: [res(T.topic, { kmsMasterKeyId: KEY })], nonCompliant: [res(T.topic, {})] },
    "s3-encryption-at-rest": {
        compliant: [res(T.sse, { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] })],
        nonCompliant: [res(T.sse, { bucket: "b", rules: [] }), res(T.sse, { bucket: "b", rules: [{ bucketKeyEnabled: true }] })],
    },
    "s3-encryption-cmk": {
        compliant: [res(T.sse, { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }] })],
        nonCompliant: [res(T.sse, { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }), res(T.sse, { bucket: "b", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] })],
    },
    "data-stores-encrypted-cmk": {
        compliant: [res(T.table, table()), res(T.db, db()), res(T.cache, cache()), res(T.trail, { kmsKeyId: KEY })],
        nonCompliant: [
            res(T.table, table({ serverSideEncryption: { enabled: true } })), res(T.table, table({ serverSideEncryption: undefined })),
            res(T.db, db({ storageEncrypted: false })), res(T.db, db({ kmsKeyId: undefined })),
            res(T.cache, cache({ atRestEncryptionEnabled: false })), res(T.cache, cache({ kmsKeyId: undefined })), res(T.trail, {}),
        ],
    },
    "secret-encrypted-cmk": { compliant: [res(T.secret, { name: "s", kmsKeyId: KEY })], nonCompliant: [res(T.secret, { name: "s" })] },
    "encryption-in-transit": {
        compliant: [res(T.cache, cache()), res(T.pg, { family: "postgres17", parameters: [{ name: "rds.force_ssl", value: "1" }] }), res(T.bucketPolicy, { bucket: "b", policy: TLS_ONLY })],
        nonCompliant: [
            res(T.cache, cache({ transitEncryptionEnabled: false })), res(T.cache, cache({ transitEncryptionMode: "preferred" })),
            res(T.pg, { family: "postgres17", parameters: [{ name: "rds.force_ssl", value: "0" }] }), res(T.pg, { family: "postgres17", parameters: [] }),
            res(T.bucketPolicy, { bucket: "b", policy: doc("s3:GetObject") }),
        ],
    },
    "alb-access-logs": {
        compliant: [res(T.lb, { loadBalancerType: "application", internal: true, accessLogs: { bucket: "logs", enabled: true } })],
        nonCompliant: [res(T.lb, { loadBalancerType: "application", internal: true }), res(T.lb, { internal: true, accessLogs: { bucket: "logs", enabled: false } })],
    },
    "cloudfront-access-logs": { compliant: [res(T.cdn, distribution())], nonCompliant: [res(T.cdn, distribution({ loggingConfig: undefined }))] },
    "api-stage-logging": {
        compliant: [res(T.stage, { accessLogSettings: { destinationArn: "arn:aws:logs:x", format: "{}" }, xrayTracingEnabled: true }), res(T.methodSettings, { settings: { loggingLevel: "ERROR" } })],
        nonCompliant: [
            res(T.stage, { xrayTracingEnabled: true }), res(T.stage, { accessLogSettings: { destinationArn: "arn:aws:logs:x", format: "{}" } }),
            res(T.methodSettings, { settings: { loggingLevel: "OFF" } }), res(T.methodSettings, { settings: {} }),
        ],
    },
    "data-service-logging": {
        compliant: [res(T.db, db()), res(T.trail, { enableLogFileValidation: true }), res(T.taskDef, { containerDefinitions: container() }), res(T.cluster, { settings: [{ name: "containerInsights", value: "enhanced" }] })],
        nonCompliant: [
            res(T.db, db({ enabledCloudwatchLogsExports: [] })), res(T.trail, {}), res(T.taskDef, { containerDefinitions: container({ logConfiguration: undefined }) }),
            res(T.cluster, {}), res(T.cluster, { settings: [{ name: "containerInsights", value: "disabled" }] }),
        ],
    },
    "waf-and-vpc-logging": {
        compliant: [pairStack(T.acl, T.aclLogging, true), pairStack(T.vpc, T.flowLog, true)],
        nonCompliant: [pairStack(T.acl, T.aclLogging, false), pairStack(T.vpc, T.flowLog, false)],
    },
    "security-group-no-internet-ingress": {
        compliant: [res(T.ingress, { cidrIpv4: "10.0.0.0/16", fromPort: 443 }), res(T.sgRule, { type: "egress", cidrBlocks: ["0.0.0.0/0"], fromPort: 443 }), res(T.sg, { ingress: [] })],
        nonCompliant: [
            res(T.ingress, { cidrIpv4: "0.0.0.0/0", fromPort: 22 }), res(T.ingress, { cidrIpv6: "::/0", fromPort: 443 }),
            res(T.sgRule, { type: "ingress", cidrBlocks: ["0.0.0.0/0"], fromPort: 443 }), res(T.sg, { ingress: [{ cidrBlocks: ["0.0.0.0/0"], fromPort: 80, toPort: 80, protocol: "tcp" }] }),
        ],
    },
    "default-security-group-closed": {
        compliant: [res(T.defaultSg, { vpcId: "vpc-1" })],
        nonCompliant: [res(T.defaultSg, { vpcId: "vpc-1", ingress: [{ self: true, fromPort: 0, toPort: 0, protocol: "-1" }] }), res(T.defaultSg, { egress: [{ cidrBlocks: ["0.0.0.0/0"] }] })],
    },
    "no-public-addresses": {
        compliant: [res(T.service, { networkConfiguration: { assignPublicIp: false } }), res(T.subnet, { mapPublicIpOnLaunch: false }), res(T.lb, { internal: true }), res(T.db, db())],
        nonCompliant: [res(T.service, { networkConfiguration: { assignPublicIp: true } }), res(T.subnet, { mapPublicIpOnLaunch: true }), res(T.lb, { internal: false }), res(T.lb, {}), res(T.db, db({ publiclyAccessible: true }))],
    },
    "lambda-permission-not-public": {
        compliant: [res(T.permission, { principal: "apigateway.amazonaws.com", sourceArn: "arn:aws:execute-api:x" })],
        nonCompliant: [res(T.permission, { principal: "*", sourceArn: "arn:aws:execute-api:x" }), res(T.permission, { principal: "apigateway.amazonaws.com" })],
    },
    "s3-block-public-access": {
        compliant: [res(T.pab, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true })],
        nonCompliant: [res(T.pab, { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true }), res(T.pab, { blockPublicAcls: false, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true })],
    },
    "s3-bucket-baseline": {
        compliant: [bucketStack([T.pab, T.sse, T.bucketPolicy])],
        nonCompliant: [bucketStack([T.sse, T.bucketPolicy]), bucketStack([T.pab, T.bucketPolicy]), bucketStack([T.pab, T.sse])],
    },
    "iam-no-wildcard-actions": {
        compliant: [res(T.rolePolicy, { policy: doc(["s3:GetObject", "s3:PutObject"]) }), res(T.rolePolicy, { policy: doc("xray:PutTraceSegments", "*") })],
        nonCompliant: [
            res(T.rolePolicy, { policy: doc("s3:*") }), res(T.rolePolicy, { policy: doc("*") }), res(T.rolePolicy, { policy: doc(["dynamodb:GetItem", "kms:*"]) }),
            res(T.rolePolicy, { policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }) }),
        ],
    },
    "iam-no-admin-policies": {
        compliant: [res(T.attachment, { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" }), res(T.rolePolicy, { policy: doc("s3:GetObject") })],
        nonCompliant: [
            res(T.attachment, { policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }), res(T.attachment, { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess" }),
            res(T.role, { managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] }), res(T.rolePolicy, { policy: doc("*", "*") }),
        ],
    },
    "iam-aws-managed-policies": {
        compliant: [res(T.attachment, { policyArn: "arn:aws:iam::123456789012:policy/own" })],
        nonCompliant: [res(T.attachment, { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" })],
    },
    "cognito-user-pool-hardened": {
        compliant: [res(T.pool, pool()), res(T.pool, pool({ userPoolTier: "ESSENTIALS", userPoolAddOns: undefined }))],
        nonCompliant: [
            res(T.pool, pool({ passwordPolicy: { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true } })),
            res(T.pool, pool({ passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true } })),
            res(T.pool, pool({ mfaConfiguration: "OFF" })), res(T.pool, pool({ userPoolAddOns: { advancedSecurityMode: "AUDIT" } })),
        ],
    },
    "stateful-resources-protected": {
        compliant: [
            res(T.table, table(), { protect: true }), res(T.db, db(), { protect: true }), res(T.cache, cache(), { protect: true }), res(T.key, { enableKeyRotation: true, deletionWindowInDays: 30 }, { protect: true }),
            res(T.bucket, { forceDestroy: false }, { protect: true }), res(T.logGroup, {}, { protect: true }), res(T.secret, { recoveryWindowInDays: 30 }, { protect: true }),
            res(T.pool, pool(), { protect: true }), res(T.repo, { forceDelete: false }, { protect: true }),
            // dev is not a protected stack: nothing is required there.
            res(T.table, table({ deletionProtectionEnabled: false }), { stack: "dev" }),
        ],
        nonCompliant: [
            res(T.table, table(), { protect: false }), res(T.table, table({ deletionProtectionEnabled: false }), { protect: true }),
            res(T.db, db({ deletionProtection: false }), { protect: true }), res(T.db, db({ finalSnapshotIdentifier: undefined, skipFinalSnapshot: true }), { protect: true }),
            res(T.cache, cache({ finalSnapshotIdentifier: undefined }), { protect: true }), res(T.key, { deletionWindowInDays: 7 }, { protect: true }),
            res(T.bucket, { forceDestroy: true }, { protect: true }), res(T.logGroup, {}, { protect: false }), res(T.secret, { recoveryWindowInDays: 0 }, { protect: true }),
            res(T.pool, pool({ deletionProtection: "INACTIVE" }), { protect: true }), res(T.repo, { forceDelete: true }, { protect: true }),
        ],
    },
    "backups-and-recovery": {
        compliant: [res(T.table, table()), res(T.db, db()), res(T.cache, cache()), res(T.db, db({ multiAz: false, backupRetentionPeriod: 1 }), { stack: "dev" })],
        nonCompliant: [
            res(T.table, table({ pointInTimeRecovery: { enabled: false } })), res(T.db, db({ backupRetentionPeriod: 1 })), res(T.db, db({ multiAz: false })),
            res(T.cache, cache({ snapshotRetentionLimit: 0 })), res(T.cache, cache({ automaticFailoverEnabled: false })),
        ],
    },
    "lambda-supported-runtime": {
        compliant: [res(T.fn, { runtime: "nodejs22.x" }), res(T.fn, { runtime: "nodejs24.x" }), res(T.fn, { packageType: "Image" })],
        nonCompliant: [res(T.fn, { runtime: "nodejs18.x" }), res(T.fn, { runtime: "python3.8" })],
    },
    "ecr-repository-hardened": {
        compliant: [res(T.repo, { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS" }] })],
        nonCompliant: [
            res(T.repo, { imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS" }] }),
            res(T.repo, { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "MUTABLE", encryptionConfigurations: [{ encryptionType: "KMS" }] }),
            res(T.repo, { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "AES256" }] }),
        ],
    },
    "ecs-containers-hardened": {
        compliant: [
            res(T.taskDef, { containerDefinitions: container() }), res(T.taskDef, { containerDefinitions: container({ secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:x" }] }) }),
            // A secret's ARN (and its JSON key) is a reference, read by the app with its task role: not a leak.
            res(T.taskDef, { containerDefinitions: container({ environment: [{ name: "DB_PASSWORD_SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf" }, { name: "DB_PASSWORD_SECRET_KEY", value: "password" }] }) }),
        ],
        nonCompliant: [
            res(T.taskDef, { containerDefinitions: container({ privileged: true }) }),
            res(T.taskDef, { containerDefinitions: container({ user: "0:0" }) }), res(T.taskDef, { containerDefinitions: container({ user: undefined }) }),
            res(T.taskDef, { containerDefinitions: container({ environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }) }),
            res(T.taskDef, { containerDefinitions: container({ environment: [{ name: "DB_PASSWORD_SECRET_ARN", value: "hunter2" }] }) }),
            res(T.taskDef, { containerDefinitions: container({ environment: [{ name: "API_SECRET_KEY", value: "hunter2" }] }) }),
        ],
    },
    "ecs-containers-read-only-root": {
        compliant: [[res(T.taskDef, { containerDefinitions: container() })], execStack(true)],
        nonCompliant: [[res(T.taskDef, { containerDefinitions: container({ readonlyRootFilesystem: false }) })], execStack(false)],
    },
    "cloudfront-tls": {
        compliant: [res(T.cdn, distribution()), res(T.cdn, distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }))],
        nonCompliant: [
            res(T.cdn, distribution({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } })),
            res(T.cdn, distribution({ origins: [{ originId: "api", customOriginConfig: { originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] } }] })),
            res(T.cdn, distribution({ origins: [{ originId: "api", customOriginConfig: { originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] } }] })),
            res(T.cdn, distribution({ viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.1_2016" } })),
        ],
    },
    // Advisory outside the protected stacks; in prod, production-viewer-tls speaks.
    "cloudfront-custom-certificate": {
        compliant: [res(T.cdn, distribution(), { stack: "dev" }), res(T.cdn, distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }))],
        nonCompliant: [res(T.cdn, distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }), { stack: "dev" })],
    },
    "cloudfront-waf-and-private-origins": {
        compliant: [res(T.cdn, distribution())],
        nonCompliant: [res(T.cdn, distribution({ webAclId: undefined })), res(T.cdn, distribution({ defaultRootObject: undefined })), res(T.cdn, distribution({ origins: [{ originId: "web" }] }))],
    },
    "regional-tls-1-2": {
        compliant: [
            res(T.listener, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }), res(T.listener, { protocol: "HTTP" }), res(T.domain, { securityPolicy: "TLS_1_2" }),
            res(T.restApi, { endpointConfiguration: { types: "REGIONAL" }, securityPolicy: "SecurityPolicy_TLS13_1_2_2021_06", endpointAccessMode: "STRICT" }),
            res(T.restApi, { endpointConfiguration: { types: "PRIVATE" } }),
        ],
        nonCompliant: [
            res(T.listener, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-2016-08" }), res(T.listener, { protocol: "HTTPS" }), res(T.domain, { securityPolicy: "TLS_1_0" }),
            res(T.restApi, { endpointConfiguration: { types: "REGIONAL" } }),
        ],
    },
    // Advisory outside the protected stacks; in prod, production-alb-https speaks.
    "alb-listener-https": {
        compliant: [
            res(T.listener, { protocol: "HTTPS", port: 443 }, { stack: "dev" }),
            res(T.listener, { protocol: "HTTP", port: 80, defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }] }, { stack: "dev" }),
            res(T.listener, { protocol: "HTTP", port: 80, defaultActions: [{ type: "fixed-response" }] }),
        ],
        nonCompliant: [res(T.listener, { protocol: "HTTP", port: 80, defaultActions: [{ type: "fixed-response" }] }, { stack: "dev" })],
    },
    "api-stage-waf": { compliant: [pairStack(T.stage, T.assoc, true)], nonCompliant: [pairStack(T.stage, T.assoc, false)] },
    "production-viewer-tls": {
        compliant: [res(T.cdn, distribution({ aliases: ["app.example.com"] })), res(T.cdn, distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } }), { stack: "dev" })],
        nonCompliant: [res(T.cdn, distribution({ viewerCertificate: { cloudfrontDefaultCertificate: true } })), res(T.cdn, distribution({ aliases: [] }))],
    },
    "production-alb-https": {
        compliant: [
            res(T.listener, { protocol: "HTTPS", port: 443 }), res(T.listener, { protocol: "TCP", port: 443 }),
            res(T.listener, { protocol: "HTTP", port: 80, defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS" } }] }),
            res(T.listener, { protocol: "HTTP", port: 80 }, { stack: "dev" }),
        ],
        nonCompliant: [res(T.listener, { protocol: "HTTP", port: 80, defaultActions: [{ type: "fixed-response" }] }), res(T.listener, { port: 80 })],
    },
    "production-target-groups-https": {
        compliant: [
            res(T.targetGroup, { protocol: "HTTPS", port: 8081, targetType: "ip", healthCheck: { protocol: "HTTPS", path: "/health" } }),
            res(T.targetGroup, { targetType: "lambda" }), res(T.targetGroup, { protocol: "TLS", port: 443 }),
            res(T.targetGroup, { protocol: "HTTP", port: 8080, healthCheck: { path: "/health" } }, { stack: "dev" }),
        ],
        nonCompliant: [
            res(T.targetGroup, { protocol: "HTTP", port: 8080, targetType: "ip", healthCheck: { protocol: "HTTP" } }),
            // HTTPS traffic with the provider's default HTTP health check: a TLS port answers no plain HTTP, so every target turns unhealthy.
            res(T.targetGroup, { protocol: "HTTPS", port: 8081, targetType: "ip", healthCheck: { path: "/health" } }),
            res(T.targetGroup, { port: 8080, targetType: "ip" }),
        ],
    },
    "production-no-static-secrets": {
        compliant: [
            secretStack(true), secretStack(false, "dev"),
            [res(T.cache, cache({ userGroupIds: ["c"] }))],
            [res(T.db, db({ manageMasterUserPassword: true }))],
            [res(T.cache, cache({ authToken: "static" }), { stack: "dev" })],
        ],
        nonCompliant: [secretStack(false), [res(T.cache, cache({ authToken: "static" }))], [res(T.cache, cache())], [res(T.db, db({ password: "static" }))]],
    },
    "edge-alarms-present": edgeAlarmCases(),
    "audit-bucket-access-logging": {
        compliant: [trailStack("other")],
        nonCompliant: [trailStack("none"), trailStack("itself")],
    },
};
