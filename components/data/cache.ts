import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { CacheArgs } from "./args";
import { CACHE_PORT, defaultCacheVersion } from "./defaults";
import { CACHE_PARAMETERS } from "./parameters";
import { StoreContext, StoreNetwork, storeSecurityGroup } from "./store-context";
import { cacheFamily } from "./validation";

/** The only non-alphanumeric characters ElastiCache accepts in an AUTH token. */
export const AUTH_TOKEN_SPECIALS = "!&#$^<>-";

export interface CreatedCache {
    readonly replicationGroup: aws.elasticache.ReplicationGroup;
    readonly securityGroup: aws.ec2.SecurityGroup;
    readonly authTokenSecret: aws.secretsmanager.Secret;
}

/** Identity of the replication group: the tier name only (at most 40 characters, checked in validation). */
export function replicationGroupId(tier: string): string {
    return `${tier}-cache`;
}

export function createCache(ctx: StoreContext, args: CacheArgs, network: StoreNetwork): CreatedCache {
    const { name, parent, settings, key } = ctx;
    const tags = settings.tags;
    const engine = args.engine ?? "valkey";
    const engineVersion = args.engineVersion ?? defaultCacheVersion(engine);
    const id = replicationGroupId(name);
    const nodes = args.numCacheClusters ?? (settings.multiAz ? Math.max(2, settings.defaults.cache.numCacheClusters) : settings.defaults.cache.numCacheClusters);

    const securityGroup = storeSecurityGroup(ctx, "cache", CACHE_PORT, network, true);
    const subnetGroup = new aws.elasticache.SubnetGroup(`${name}-cache`, {
        description: `${name} cache: isolated subnets`,
        subnetIds: network.isolatedSubnetIds,
        tags,
    }, { parent });
    const parameterGroup = new aws.elasticache.ParameterGroup(`${name}-cache`, {
        family: cacheFamily(engine, engineVersion),
        description: `${name} cache: read-through eviction`,
        parameters: [...CACHE_PARAMETERS],
        tags,
    }, { parent });

    const authToken = new random.RandomPassword(`${name}-cache-auth-token`, {
        length: 64,
        special: true,
        overrideSpecial: AUTH_TOKEN_SPECIALS,
        minUpper: 1,
        minLower: 1,
        minNumeric: 1,
        minSpecial: 1,
    }, { parent });
    const authTokenSecret = new aws.secretsmanager.Secret(`${name}-cache-auth-token`, {
        name: `${name}/cache/auth-token`,
        description: `${name}: AUTH token of the ${engine} replication group ${id}`,
        kmsKeyId: key.arn,
        recoveryWindowInDays: settings.secretRecoveryWindowDays,
        tags,
    }, { parent, protect: settings.protect });
    new aws.secretsmanager.SecretVersion(`${name}-cache-auth-token`, {
        secretId: authTokenSecret.id,
        secretString: authToken.result,
    }, { parent });

    const replicationGroup = new aws.elasticache.ReplicationGroup(`${name}-cache`, {
        replicationGroupId: id,
        description: `${name} read-through cache`,
        engine,
        engineVersion,
        nodeType: args.nodeType ?? settings.defaults.cache.nodeType,
        clusterMode: "disabled",
        numCacheClusters: nodes,
        automaticFailoverEnabled: settings.multiAz,
        multiAzEnabled: settings.multiAz,
        port: CACHE_PORT,
        subnetGroupName: subnetGroup.name,
        securityGroupIds: [securityGroup.id],
        parameterGroupName: parameterGroup.name,
        atRestEncryptionEnabled: true,
        kmsKeyId: key.arn,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: authToken.result,
        autoMinorVersionUpgrade: true,
        snapshotRetentionLimit: settings.backupRetentionDays,
        snapshotWindow: "03:00-04:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: settings.deletionProtection ? `${id}-final` : undefined,
        applyImmediately: settings.applyImmediately,
        tags: { ...tags, Name: id },
    }, { parent, protect: settings.protect });

    return { replicationGroup, securityGroup, authTokenSecret };
}
