import * as pulumi from "@pulumi/pulumi";
import { TableSpec } from "./table-spec";

/** The PostgreSQL instance of a DataTier (D2). Present means on. */
export interface PostgresArgs {
    /**
     * PostgreSQL version, major (`17`) or major.minor (`17.4`), 14 or later. A major-only version
     * lets RDS apply minor upgrades (`autoMinorVersionUpgrade`) without Pulumi seeing a drift; a
     * change of major version needs the parameter group family to change too (done here).
     * @default "17"
     */
    engineVersion?: string;
    /** RDS instance class (`db.<family>.<size>`). @default "db.r7g.large" protected, "db.t4g.medium" otherwise */
    instanceClass?: string;
    /** Initial storage in GiB, 20-65536, gp3. @default 100 protected, 20 otherwise */
    allocatedStorage?: number;
    /** Ceiling for storage autoscaling in GiB, above `allocatedStorage`. @default 1000 protected, 100 otherwise */
    maxAllocatedStorage?: number;
    /** Name of the database created with the instance. Identity: changing it replaces the instance. @default "app" */
    databaseName?: string;
    /** Master user name; its password is generated and kept by RDS in Secrets Manager. Identity. @default "dbadmin" */
    masterUsername?: string;
    /**
     * Database user that the task role may connect as with IAM authentication (`rds-db:connect`).
     * The user must exist in the database with `GRANT rds_iam`. @default none — no `rds-db:connect` grant
     */
    iamDatabaseUser?: string;
    /** Enhanced monitoring interval in seconds (0 off, or 1, 5, 10, 15, 30, 60). @default 15 protected, 60 otherwise */
    monitoringInterval?: number;
    /** Performance Insights retention in days: 7 (free), 31 x months (1-23) or 731. @default 7 */
    performanceInsightsRetentionDays?: number;
    /** Further parameters of the parameter group; they win over the defaults except `rds.force_ssl`. */
    parameters?: Record<string, string>;
}

/** The ElastiCache replication group of a DataTier (D3). Present means on. */
export interface CacheArgs {
    /**
     * `valkey` (default): the open-source successor of Redis OSS that ElastiCache now leads with,
     * wire-compatible with Redis clients, and cheaper per node-hour. `redis` stays for clients that
     * need Redis OSS exactly.
     * @default "valkey"
     */
    engine?: "valkey" | "redis";
    /** Engine version `major.minor` (Valkey 7.2+, Redis OSS 7.0+). @default "8.1" for Valkey */
    engineVersion?: string;
    /** Node type (`cache.<family>.<size>`). @default "cache.r7g.large" protected, "cache.t4g.small" otherwise */
    nodeType?: string;
    /** Nodes (primary + replicas), 1-6; Multi-AZ needs 2 or more. @default 2 protected, 1 otherwise */
    numCacheClusters?: number;
}

/** What the task-role statements grant beyond plain item access. */
export interface AccessArgs {
    /** Grant reading the tables' streams (for a consumer that invalidates caches). @default false */
    readStreams?: boolean;
    /**
     * Grant reading the RDS-managed master secret. Turn off once the service connects with IAM
     * authentication (`postgres.iamDatabaseUser`). @default true
     */
    databaseMasterSecret?: boolean;
}

export interface DataTierArgs {
    /** VPC of the isolated subnets; the stores' security groups live in it. */
    vpcId: pulumi.Input<string>;
    /** Isolated subnets (no route out) of the shared network, one per AZ; RDS needs two AZs. */
    isolatedSubnetIds: pulumi.Input<string>[];
    /** Security groups of the services allowed to reach PostgreSQL and the cache (and nothing else is). */
    clientSecurityGroupIds: pulumi.Input<string>[];
    /**
     * Production safety in one switch: `protect` on every stateful resource, AWS-side deletion guards,
     * Multi-AZ, longer retention (see `defaults.ts`). The flags below override single parts.
     * @default true
     */
    protect?: boolean;
    /** Multi-AZ RDS and a cache replica with automatic failover in another AZ. @default protect */
    multiAz?: boolean;
    /** AWS-side deletion protection of tables and the DB instance, and a final snapshot of DB and cache. @default protect */
    deletionProtection?: boolean;
    /** RDS automated backup retention and cache snapshot retention, in days (0-35; 0 turns them off). @default 14 protected, 1 otherwise */
    backupRetentionDays?: number;
    /** Retention of the RDS log exports in days (a CloudWatch Logs value). @default 365 protected, 30 otherwise */
    logRetentionDays?: number;
    /** DynamoDB tables, as a service declares them (`<service>:tables`). @default none */
    tables?: TableSpec[];
    /** PostgreSQL; absent means no database. */
    postgres?: PostgresArgs;
    /** Valkey/Redis cache; absent means no cache. */
    cache?: CacheArgs;
    /** Options of the task-role statements (`taskRoleStatements`). */
    access?: AccessArgs;
    /** Tags on every taggable child, over the provider's default tags. */
    tags?: Record<string, string>;
}
