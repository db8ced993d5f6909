import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../iam/policy";
import { taskRoleStatements } from "./access-policy";
import { DataTierArgs } from "./args";
import { createCache, replicationGroupId } from "./cache";
import { CACHE_PORT, resolveTierSettings } from "./defaults";
import { createTables } from "./dynamodb";
import { createDataKey, dataKeyUsers } from "./key";
import { createPostgres } from "./postgres";
import { StoreContext, StoreNetwork } from "./store-context";
import { validateDataTierArgs } from "./validation";

/**
 * The data a service owns (D1-D5): a customer managed key, DynamoDB tables from specs, optionally
 * PostgreSQL and a Valkey/Redis cache in the isolated subnets, and the IAM statements the service's
 * task role needs for exactly these resources. Outputs of stores that are off are `undefined`.
 */
export class DataTier extends pulumi.ComponentResource {
    public readonly keyArn: pulumi.Output<string>;
    public readonly keyAlias: pulumi.Output<string>;
    /** By spec name (`Entities`). */
    public readonly tableNames: Record<string, pulumi.Output<string>>;
    public readonly tableArns: Record<string, pulumi.Output<string>>;
    /** By spec name, for tables with a stream. */
    public readonly tableStreamArns: Record<string, pulumi.Output<string>>;
    public readonly dbAddress?: pulumi.Output<string>;
    public readonly dbPort?: pulumi.Output<number>;
    /** The RDS-managed secret holding `username` and `password` of the master user. */
    public readonly dbSecretArn?: pulumi.Output<string>;
    public readonly dbResourceId?: pulumi.Output<string>;
    public readonly dbSecurityGroupId?: pulumi.Output<string>;
    /** Primary endpoint (writes); TLS is required. */
    public readonly cacheAddress?: pulumi.Output<string>;
    /** Reader endpoint, spread over the replicas. */
    public readonly cacheReaderAddress?: pulumi.Output<string>;
    public readonly cachePort?: number;
    /** Replication group id: the host of the IAM authentication token the service signs. */
    public readonly cacheReplicationGroupId?: string;
    /** The IAM-authenticated cache user the service connects as (no password exists). */
    public readonly cacheUser?: string;
    public readonly cacheSecurityGroupId?: pulumi.Output<string>;
    /** Least-privilege statements for the task role of the service that owns this data. */
    public readonly taskRoleStatements: pulumi.Output<PolicyStatement[]>;

    constructor(name: string, args: DataTierArgs, opts?: pulumi.ComponentResourceOptions) {
        // Before super: bad args must fail before anything, the component included, is registered.
        validateDataTierArgs(name, args);
        super("platform:data:DataTier", name, {}, opts);
        const settings = resolveTierSettings(args);
        const dataKey = createDataKey(name, this, dataKeyUsers(args), settings.protect, settings.tags);
        const ctx: StoreContext = { name, parent: this, settings, key: dataKey.key };
        const network: StoreNetwork = { vpcId: args.vpcId, isolatedSubnetIds: args.isolatedSubnetIds, clientSecurityGroupIds: args.clientSecurityGroupIds };

        const tables = createTables(ctx, args.tables ?? []);
        const postgres = args.postgres !== undefined ? createPostgres(ctx, args.postgres, network) : undefined;
        const cache = args.cache !== undefined ? createCache(ctx, args.cache, network) : undefined;

        this.keyArn = dataKey.key.arn;
        this.keyAlias = dataKey.alias.name;
        this.tableNames = Object.fromEntries(tables.map((t) => [t.spec.name, t.table.name]));
        this.tableArns = Object.fromEntries(tables.map((t) => [t.spec.name, t.table.arn]));
        this.tableStreamArns = Object.fromEntries(tables.filter((t) => t.spec.stream !== false).map((t) => [t.spec.name, t.table.streamArn]));
        this.dbAddress = postgres?.instance.address;
        this.dbPort = postgres ? postgres.instance.port : undefined;
        this.dbSecretArn = postgres?.secretArn;
        this.dbResourceId = postgres?.instance.resourceId;
        this.dbSecurityGroupId = postgres?.securityGroup.id;
        this.cacheAddress = cache?.replicationGroup.primaryEndpointAddress;
        this.cacheReaderAddress = cache?.replicationGroup.readerEndpointAddress;
        this.cachePort = cache ? CACHE_PORT : undefined;
        this.cacheReplicationGroupId = cache ? replicationGroupId(name) : undefined;
        this.cacheUser = cache?.userId;
        this.cacheSecurityGroupId = cache?.securityGroup.id;

        const access = args.access ?? {};
        const iamUser = args.postgres?.iamDatabaseUser;
        const tableRefs = tables.map((t) => pulumi.all([t.table.arn, t.table.streamArn]).apply(([arn, streamArn]) => ({ arn, streamArn: t.spec.stream === false ? undefined : streamArn })));
        const secretArns: pulumi.Output<string>[] = [
            ...((access.databaseMasterSecret ?? true) && postgres ? [postgres.secretArn] : []),
        ];
        const resourceId: pulumi.Output<string | undefined> = postgres ? postgres.instance.resourceId : pulumi.output(undefined);
        this.taskRoleStatements = pulumi
            .all([dataKey.partition, dataKey.region, dataKey.accountId, dataKey.key.arn, pulumi.all(tableRefs), pulumi.all(secretArns), resourceId])
            .apply(([partition, region, accountId, keyArn, tableArns, secrets, dbResourceId]) => taskRoleStatements({
                partition,
                region,
                accountId,
                keyArn,
                tables: tableArns,
                secretArns: secrets,
                readStreams: access.readStreams ?? false,
                iamDatabase: dbResourceId !== undefined && iamUser !== undefined ? { resourceId: dbResourceId, user: iamUser } : undefined,
                iamCache: cache ? { replicationGroupId: replicationGroupId(name), userId: cache.userId } : undefined,
            }));

        this.registerOutputs({
            keyArn: this.keyArn,
            tableNames: this.tableNames,
            tableArns: this.tableArns,
            tableStreamArns: this.tableStreamArns,
            dbAddress: this.dbAddress,
            dbPort: this.dbPort,
            dbSecretArn: this.dbSecretArn,
            cacheAddress: this.cacheAddress,
            cachePort: this.cachePort,
            cacheReplicationGroupId: this.cacheReplicationGroupId,
            cacheUser: this.cacheUser,
            taskRoleStatements: this.taskRoleStatements,
        });
    }
}

