import * as aws from "@pulumi/aws";
import { CacheArgs } from "./args";
import { CACHE_PORT, defaultCacheVersion } from "./defaults";
import { CACHE_PARAMETERS } from "./parameters";
import { StoreContext, StoreNetwork, storeSecurityGroup } from "./store-context";
import { cacheFamily } from "./validation";

/**
 * What the service's cache user may do: read and write any key, run Lua scripts (EVALSHA, and EVAL
 * when the server answers NOSCRIPT: the versioned cache's writes are scripts; the commands inside a
 * script are checked against the same rules), and manage its own connection (AUTH/HELLO to
 * re-authenticate, CLIENT SETINFO, and INFO for the client's ready check), nothing dangerous (no
 * KEYS, FLUSHALL, CONFIG, CLIENT KILL, DEBUG, SCRIPT FLUSH ...). Rules apply left to right.
 */
export const CACHE_APP_ACCESS_STRING = "on ~* -@all +@read +@write +@connection -@dangerous +info +evalsha +eval";
/**
 * ElastiCache requires a user named `default` in every user group; this one is switched off, so a
 * connection that has not authenticated as the service's user can run nothing.
 */
export const CACHE_DEFAULT_ACCESS_STRING = "off -@all";

export interface CreatedCache {
    readonly replicationGroup: aws.elasticache.ReplicationGroup;
    readonly securityGroup: aws.ec2.SecurityGroup;
    /** The IAM-authenticated user the service connects as (its user id, which equals its user name). */
    readonly userId: string;
}

/** Identity of the replication group: the tier name only (at most 40 characters, checked in validation). */
export function replicationGroupId(tier: string): string {
    return `${tier}-cache`;
}

/**
 * The service's cache user: id and name (equal, as IAM authentication requires); with tier names of
 * at most 34 characters (validation), within ElastiCache's 40. User ids are per account and region.
 */
export function cacheUserId(tier: string): string {
    return `${tier}-app`;
}

/** The id of the tier's switched-off `default` user (the name is fixed; the id must be unique in the account). */
export function cacheDefaultUserId(tier: string): string {
    return `${tier}-off`;
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

    // IAM authentication: the service signs a 15-minute token with its task role; there is no
    // password to store, hand out or rotate (the role's elasticache:Connect is the grant).
    const userId = cacheUserId(name);
    const appUser = new aws.elasticache.User(`${name}-cache-app-user`, {
        userId,
        userName: userId,
        engine,
        accessString: CACHE_APP_ACCESS_STRING,
        authenticationMode: { type: "iam" },
        tags,
    }, { parent });
    const defaultUser = new aws.elasticache.User(`${name}-cache-default-user`, {
        userId: cacheDefaultUserId(name),
        userName: "default",
        engine,
        accessString: CACHE_DEFAULT_ACCESS_STRING,
        authenticationMode: { type: "no-password-required" },
        tags,
    }, { parent });
    const userGroup = new aws.elasticache.UserGroup(`${name}-cache-users`, {
        userGroupId: id,
        engine,
        userIds: [defaultUser.userId, appUser.userId],
        tags,
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
        userGroupIds: [userGroup.userGroupId],
        autoMinorVersionUpgrade: true,
        snapshotRetentionLimit: settings.backupRetentionDays,
        snapshotWindow: "03:00-04:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: settings.deletionProtection ? `${id}-final` : undefined,
        applyImmediately: settings.applyImmediately,
        tags: { ...tags, Name: id },
    }, { parent, protect: settings.protect });

    return { replicationGroup, securityGroup, userId };
}
