import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PostgresArgs } from "./args";
import { DEFAULT_POSTGRES_VERSION, POSTGRES_PORT } from "./defaults";
import { postgresParameters } from "./parameters";
import { StoreContext, StoreNetwork, storeSecurityGroup } from "./store-context";
import { postgresFamily } from "./validation";
import { serviceTrustPolicy, sourceAccount } from "../iam/policy";

/** What RDS exports to CloudWatch Logs for PostgreSQL. */
export const POSTGRES_LOG_EXPORTS = ["postgresql", "upgrade"];
/** RSA 2048 CA valid to 2061; the older rds-ca-2019 expired in 2024. */
export const RDS_CA = "rds-ca-rsa2048-g1";

export interface CreatedPostgres {
    readonly instance: aws.rds.Instance;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** ARN of the RDS-managed secret holding the master user's credentials. */
    readonly secretArn: pulumi.Output<string>;
}

/** Identity of the instance: the tier name only. */
export function dbIdentifier(tier: string): string {
    return `${tier}-postgres`;
}

export function createPostgres(ctx: StoreContext, args: PostgresArgs, network: StoreNetwork): CreatedPostgres {
    const { name, parent, settings, key } = ctx;
    const sizing = settings.defaults.postgres;
    const identifier = dbIdentifier(name);
    const engineVersion = args.engineVersion ?? DEFAULT_POSTGRES_VERSION;
    const tags = settings.tags;

    const securityGroup = storeSecurityGroup(ctx, "postgres", POSTGRES_PORT, network);
    const subnetGroup = new aws.rds.SubnetGroup(`${name}-postgres`, {
        description: `${name} PostgreSQL: isolated subnets`,
        subnetIds: network.isolatedSubnetIds,
        tags,
    }, { parent });
    // Auto-named, so that a new major version (a new family) creates the new group before the old one goes.
    const parameterGroup = new aws.rds.ParameterGroup(`${name}-postgres`, {
        family: postgresFamily(engineVersion),
        description: `${name} PostgreSQL: forced TLS, logging`,
        parameters: postgresParameters(args.parameters),
        tags,
    }, { parent });

    // RDS writes exports to these exact names; creating them first sets retention and encryption.
    const logGroups = POSTGRES_LOG_EXPORTS.map((log) => new aws.cloudwatch.LogGroup(`${name}-postgres-${log}`, {
        name: `/aws/rds/instance/${identifier}/${log}`,
        retentionInDays: settings.logRetentionDays,
        kmsKeyId: key.arn,
        tags,
    }, { parent, protect: settings.protect }));

    const monitoringInterval = args.monitoringInterval ?? sizing.monitoringInterval;
    const monitoringRole = monitoringInterval > 0 ? enhancedMonitoringRole(ctx) : undefined;
    const allocatedStorage = args.allocatedStorage ?? sizing.allocatedStorage;

    const instance = new aws.rds.Instance(`${name}-postgres`, {
        identifier,
        engine: "postgres",
        engineVersion,
        // Only ever changed on purpose through engineVersion; allowing it lets that change upgrade in place.
        allowMajorVersionUpgrade: true,
        autoMinorVersionUpgrade: true,
        instanceClass: args.instanceClass ?? sizing.instanceClass,
        allocatedStorage,
        maxAllocatedStorage: args.maxAllocatedStorage ?? Math.max(sizing.maxAllocatedStorage, allocatedStorage + 1),
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: key.arn,
        dbName: args.databaseName ?? "app",
        username: args.masterUsername ?? "dbadmin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: key.arn,
        iamDatabaseAuthenticationEnabled: true,
        port: POSTGRES_PORT,
        multiAz: settings.multiAz,
        dbSubnetGroupName: subnetGroup.name,
        vpcSecurityGroupIds: [securityGroup.id],
        publiclyAccessible: false,
        parameterGroupName: parameterGroup.name,
        caCertIdentifier: RDS_CA,
        backupRetentionPeriod: settings.backupRetentionDays,
        backupWindow: "03:00-04:00",
        maintenanceWindow: "sun:04:30-sun:05:30",
        copyTagsToSnapshot: true,
        deleteAutomatedBackups: !settings.protect,
        deletionProtection: settings.deletionProtection,
        skipFinalSnapshot: !settings.deletionProtection,
        // A fixed name: a timestamp would change the inputs on every run.
        finalSnapshotIdentifier: settings.deletionProtection ? `${identifier}-final` : undefined,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: key.arn,
        performanceInsightsRetentionPeriod: args.performanceInsightsRetentionDays ?? sizing.performanceInsightsRetentionDays,
        monitoringInterval,
        monitoringRoleArn: monitoringRole?.arn,
        enabledCloudwatchLogsExports: POSTGRES_LOG_EXPORTS,
        applyImmediately: settings.applyImmediately,
        tags: { ...tags, Name: identifier },
    }, { parent, protect: settings.protect, dependsOn: logGroups });

    return {
        instance,
        securityGroup,
        secretArn: instance.masterUserSecrets.apply((secrets) => secrets?.[0]?.secretArn),
    };
}

/**
 * The role RDS enhanced monitoring assumes. AWS documents the managed policy
 * AmazonRDSEnhancedMonitoringRole as the one to attach; the trust is limited to this account.
 */
function enhancedMonitoringRole(ctx: StoreContext): aws.iam.Role {
    const { name, parent } = ctx;
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const role = new aws.iam.Role(`${name}-postgres-monitoring`, {
        description: `${name}: RDS enhanced monitoring`,
        assumeRolePolicy: identity.accountId.apply((accountId) => JSON.stringify(serviceTrustPolicy("monitoring.rds.amazonaws.com", sourceAccount(accountId)))),
        tags: ctx.settings.tags,
    }, { parent });
    new aws.iam.RolePolicyAttachment(`${name}-postgres-monitoring`, {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    }, { parent });
    return role;
}
