import * as assert from "assert";
import { DataTier, DataTierArgs, DataTierArgsError } from "../../components/data";
import { Graph, runProgram } from "../helpers/graph";
import { CLIENTS, fullArgs, SAMPLE_TABLE, SUBNETS } from "./fixtures";

const T = {
    key: "aws:kms/key:Key",
    table: "aws:dynamodb/table:Table",
    db: "aws:rds/instance:Instance",
    dbParams: "aws:rds/parameterGroup:ParameterGroup",
    dbSubnets: "aws:rds/subnetGroup:SubnetGroup",
    cache: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheParams: "aws:elasticache/parameterGroup:ParameterGroup",
    cacheSubnets: "aws:elasticache/subnetGroup:SubnetGroup",
    secret: "aws:secretsmanager/secret:Secret",
    password: "random:index/randomPassword:RandomPassword",
    cacheUser: "aws:elasticache/user:User",
    cacheUserGroup: "aws:elasticache/userGroup:UserGroup",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
};
const STATEFUL = [T.key, T.table, T.db, T.cache];

function build(args: DataTierArgs, name = "orders"): Promise<Graph> {
    return runProgram(() => {
        const tier = new DataTier(name, args);
        // Outputs of stores that are off are undefined; leave them out rather than have the runtime warn.
        return defined({
            keyArn: tier.keyArn,
            tableNames: tier.tableNames,
            tableArns: tier.tableArns,
            tableStreamArns: tier.tableStreamArns,
            dbAddress: tier.dbAddress,
            dbPort: tier.dbPort,
            dbSecretArn: tier.dbSecretArn,
            cacheAddress: tier.cacheAddress,
            cachePort: tier.cachePort,
            cacheReplicationGroupId: tier.cacheReplicationGroupId,
            cacheUser: tier.cacheUser,
            statements: tier.taskRoleStatements,
        });
    });
}

function defined(outputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
}

describe("DataTier under mocks", () => {
    let prod: Graph;
    let dev: Graph;
    before(async () => {
        prod = await build(fullArgs());
        dev = await build(fullArgs({ protect: false, postgres: { instanceClass: "db.t4g.micro" }, cache: { nodeType: "cache.t4g.micro" } }));
    });

    describe("KMS key", () => {
        it("is rotated, aliased, and its policy lets exactly the used data services use it", () => {
            const key = prod.one(T.key);
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            assert.strictEqual(prod.one("aws:kms/alias:Alias").inputs.name, "alias/orders-data");
            const sids = JSON.parse(String(key.inputs.policy)).Statement.map((s: { Sid: string }) => s.Sid);
            assert.deepStrictEqual(sids, ["EnableAccountAdministration", "AllowUseThroughDynamoDb", "AllowUseThroughRds", "AllowCloudWatchLogs", "AllowUseThroughElastiCache", "AllowUseThroughSecretsManager"]);
        });
    });

    describe("Entities table", () => {
        it("has the D1 schema, on-demand billing, PITR, SSE with the tier key and a new-and-old-images stream", () => {
            const table = prod.one(T.table);
            const i = table.inputs;
            assert.strictEqual(i.name, "orders-Entities");
            assert.strictEqual(i.hashKey, "pk");
            assert.strictEqual(i.rangeKey, "sk");
            assert.deepStrictEqual(i.attributes, [{ name: "pk", type: "S" }, { name: "sk", type: "S" }, { name: "name", type: "S" }]);
            assert.deepStrictEqual(i.globalSecondaryIndexes, [{ name: "NameIndex", keySchemas: [{ attributeName: "name", keyType: "HASH" }], projectionType: "INCLUDE", nonKeyAttributes: ["attributes"] }]);
            assert.strictEqual(i.billingMode, "PAY_PER_REQUEST");
            assert.deepStrictEqual(i.pointInTimeRecovery, { enabled: true });
            assert.deepStrictEqual(i.serverSideEncryption, { enabled: true, kmsKeyArn: prod.one(T.key).state.arn });
            assert.strictEqual(i.streamEnabled, true);
            assert.strictEqual(i.streamViewType, "NEW_AND_OLD_IMAGES");
            assert.strictEqual(i.ttl, undefined);
        });

        it("has deletion protection in prod only", () => {
            assert.strictEqual(prod.one(T.table).inputs.deletionProtectionEnabled, true);
            assert.strictEqual(dev.one(T.table).inputs.deletionProtectionEnabled, false);
        });

        it("sets TTL when the spec names an attribute", async () => {
            const g = await build({ ...fullArgs({ postgres: undefined, cache: undefined }), tables: [{ ...SAMPLE_TABLE, ttlAttribute: "expiresAt", stream: false }] });
            assert.deepStrictEqual(g.one(T.table).inputs.ttl, { enabled: true, attributeName: "expiresAt" });
            assert.strictEqual(g.one(T.table).inputs.streamEnabled, false);
            assert.deepStrictEqual(g.outputs.tableStreamArns, {});
        });

        it("autoscales provisioned capacity of the table and its GSI up to 10,000 units", async () => {
            const g = await build({ ...fullArgs({ postgres: undefined, cache: undefined }), tables: [{ ...SAMPLE_TABLE, billingMode: "PROVISIONED", capacity: { read: { min: 5, max: 10_000 }, write: { min: 5, max: 10_000 } } }] });
            const table = g.one(T.table).inputs;
            assert.deepStrictEqual([table.billingMode, table.readCapacity, table.writeCapacity], ["PROVISIONED", 5, 5]);
            const targets = g.ofType(T.scalingTarget).map((t) => [t.inputs.resourceId, t.inputs.scalableDimension, t.inputs.minCapacity, t.inputs.maxCapacity]);
            assert.deepStrictEqual(targets.sort(), [
                ["table/orders-Entities", "dynamodb:table:ReadCapacityUnits", 5, 10_000],
                ["table/orders-Entities", "dynamodb:table:WriteCapacityUnits", 5, 10_000],
                ["table/orders-Entities/index/NameIndex", "dynamodb:index:ReadCapacityUnits", 5, 10_000],
                ["table/orders-Entities/index/NameIndex", "dynamodb:index:WriteCapacityUnits", 5, 10_000],
            ].sort());
            const policies = g.ofType(T.scalingPolicy);
            assert.strictEqual(policies.length, 4);
            for (const p of policies) {
                assert.strictEqual(p.inputs.policyType, "TargetTrackingScaling");
                assert.strictEqual((p.inputs.targetTrackingScalingPolicyConfiguration as { targetValue: number }).targetValue, 70);
            }
        });
    });

    describe("PostgreSQL", () => {
        it("is encrypted with the tier key, with its master password managed by RDS in Secrets Manager", () => {
            const db = prod.one(T.db).inputs;
            const keyArn = prod.one(T.key).state.arn;
            assert.deepStrictEqual([db.engine, db.engineVersion, db.storageEncrypted, db.kmsKeyId], ["postgres", "17", true, keyArn]);
            assert.strictEqual(db.manageMasterUserPassword, true);
            assert.strictEqual(db.masterUserSecretKmsKeyId, keyArn);
            assert.strictEqual(db.password, undefined);
            assert.strictEqual(db.passwordWo, undefined);
        });

        it("has the production settings of D2 in prod", () => {
            const db = prod.one(T.db).inputs;
            assert.deepStrictEqual(
                [db.identifier, db.instanceClass, db.multiAz, db.deletionProtection, db.skipFinalSnapshot, db.finalSnapshotIdentifier, db.backupRetentionPeriod, db.applyImmediately],
                ["orders-postgres", "db.r7g.large", true, true, false, "orders-postgres-final", 14, false],
            );
            assert.deepStrictEqual(
                [db.publiclyAccessible, db.iamDatabaseAuthenticationEnabled, db.performanceInsightsEnabled, db.performanceInsightsKmsKeyId, db.caCertIdentifier, db.copyTagsToSnapshot, db.autoMinorVersionUpgrade],
                [false, true, true, prod.one(T.key).state.arn, "rds-ca-rsa2048-g1", true, true],
            );
            assert.deepStrictEqual(db.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
            assert.deepStrictEqual([db.allocatedStorage, db.maxAllocatedStorage, db.storageType], [100, 1000, "gp3"]);
        });

        it("is single-AZ, unguarded and skips the final snapshot in dev", () => {
            const db = dev.one(T.db).inputs;
            assert.deepStrictEqual([db.instanceClass, db.multiAz, db.deletionProtection, db.skipFinalSnapshot, db.finalSnapshotIdentifier, db.backupRetentionPeriod], ["db.t4g.micro", false, false, true, undefined, 1]);
        });

        it("uses a postgres17 parameter group that forces SSL, and a subnet group on the isolated subnets", () => {
            const params = prod.one(T.dbParams);
            assert.strictEqual(params.inputs.family, "postgres17");
            assert.ok((params.inputs.parameters as { name: string; value: string }[]).some((p) => p.name === "rds.force_ssl" && p.value === "1"));
            assert.strictEqual(prod.one(T.db).inputs.parameterGroupName, params.state.name);
            assert.deepStrictEqual(prod.one(T.dbSubnets).inputs.subnetIds, SUBNETS);
            assert.strictEqual(prod.one(T.db).inputs.dbSubnetGroupName, prod.one(T.dbSubnets).state.name);
        });

        it("sends enhanced monitoring through a role only RDS monitoring can assume, and pre-creates encrypted log groups", () => {
            const db = prod.one(T.db).inputs;
            assert.strictEqual(db.monitoringInterval, 15);
            const role = prod.one(T.role, "postgres-monitoring");
            assert.strictEqual(db.monitoringRoleArn, role.state.arn);
            assert.strictEqual(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal.Service, "monitoring.rds.amazonaws.com");
            assert.strictEqual(prod.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn, "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
            const groups = prod.ofType(T.logGroup).map((g) => [g.inputs.name, g.inputs.retentionInDays, g.inputs.kmsKeyId]);
            const keyArn = prod.one(T.key).state.arn;
            assert.deepStrictEqual(groups, [["/aws/rds/instance/orders-postgres/postgresql", 365, keyArn], ["/aws/rds/instance/orders-postgres/upgrade", 365, keyArn]]);
        });
    });

    describe("security groups", () => {
        for (const [store, port] of [["postgres", 5432], ["cache", 6379]] as const) {
            it(`admit only the client groups on ${port} to the ${store} (and, for the cache, its own replicas), with no other egress`, () => {
                const sg = prod.one(T.sg, `${store}-sg`);
                assert.strictEqual(sg.inputs.ingress, undefined);
                assert.strictEqual(sg.inputs.egress, undefined);
                const replicas = store === "cache" ? [sg.id] : [];
                const rules = prod.ofType(T.ingress).filter((r) => r.inputs.securityGroupId === sg.id);
                assert.deepStrictEqual(rules.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]), [...CLIENTS, ...replicas].map((c) => [c, "tcp", port, port, undefined]));
                const egress = prod.ofType(T.egress).filter((r) => r.inputs.securityGroupId === sg.id);
                assert.deepStrictEqual(egress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]), replicas.map((c) => [c, port, port]));
            });
        }

        it("are attached to the stores", () => {
            assert.deepStrictEqual(prod.one(T.db).inputs.vpcSecurityGroupIds, [prod.one(T.sg, "postgres-sg").id]);
            assert.deepStrictEqual(prod.one(T.cache).inputs.securityGroupIds, [prod.one(T.sg, "cache-sg").id]);
        });
    });

    describe("cache", () => {
        it("is Valkey, encrypted at rest with the key and in transit, with no password: IAM authentication through its user group", () => {
            const c = prod.one(T.cache).inputs;
            assert.deepStrictEqual([c.engine, c.engineVersion, c.atRestEncryptionEnabled, c.kmsKeyId, c.transitEncryptionEnabled, c.transitEncryptionMode], ["valkey", "8.1", true, prod.one(T.key).state.arn, true, "required"]);
            assert.strictEqual(c.authToken, undefined);
            assert.deepStrictEqual([prod.ofType(T.password).length, prod.ofType(T.secret).length], [0, 0]);
            const group = prod.one(T.cacheUserGroup);
            assert.deepStrictEqual(c.userGroupIds, [group.state.userGroupId]);
            assert.deepStrictEqual([group.inputs.userGroupId, group.inputs.engine], ["orders-cache", "valkey"]);
        });

        it("has the service's IAM user (id = name) and a switched-off default user in the group", () => {
            const app = prod.one(T.cacheUser, "cache-app-user").inputs;
            assert.deepStrictEqual([app.userId, app.userName, app.engine, app.authenticationMode, app.accessString],
                ["orders-app", "orders-app", "valkey", { type: "iam" }, "on ~* -@all +@read +@write +@connection -@dangerous +info +evalsha +eval"]);
            const off = prod.one(T.cacheUser, "cache-default-user").inputs;
            assert.deepStrictEqual([off.userId, off.userName, off.accessString, off.authenticationMode], ["orders-off", "default", "off -@all", { type: "no-password-required" }]);
            assert.deepStrictEqual(prod.one(T.cacheUserGroup).inputs.userIds, ["orders-off", "orders-app"]);
            assert.strictEqual(prod.outputs.cacheUser, "orders-app");
        });

        it("fails over across AZs with a replica and keeps snapshots in prod, one node without failover in dev", () => {
            const c = prod.one(T.cache).inputs;
            assert.deepStrictEqual([c.replicationGroupId, c.nodeType, c.numCacheClusters, c.automaticFailoverEnabled, c.multiAzEnabled, c.snapshotRetentionLimit, c.finalSnapshotIdentifier], ["orders-cache", "cache.r7g.large", 2, true, true, 14, "orders-cache-final"]);
            const d = dev.one(T.cache).inputs;
            assert.deepStrictEqual([d.nodeType, d.numCacheClusters, d.automaticFailoverEnabled, d.multiAzEnabled, d.snapshotRetentionLimit, d.finalSnapshotIdentifier], ["cache.t4g.micro", 1, false, false, 1, undefined]);
        });

        it("uses a valkey8 parameter group and a subnet group on the isolated subnets", () => {
            const params = prod.one(T.cacheParams);
            assert.strictEqual(params.inputs.family, "valkey8");
            assert.deepStrictEqual(params.inputs.parameters, [{ name: "maxmemory-policy", value: "allkeys-lru" }]);
            assert.strictEqual(prod.one(T.cache).inputs.parameterGroupName, params.state.name);
            assert.deepStrictEqual(prod.one(T.cacheSubnets).inputs.subnetIds, SUBNETS);
            assert.strictEqual(prod.one(T.cache).inputs.subnetGroupName, prod.one(T.cacheSubnets).state.name);
        });
    });

    describe("protection", () => {
        it("protects every stateful resource in prod", () => {
            for (const type of STATEFUL) {
                const found = prod.ofType(type);
                assert.ok(found.length > 0, type);
                for (const r of found) {
                    assert.strictEqual(r.protect, true, `${r.type} ${r.name}`);
                }
            }
        });

        it("protects nothing in dev", () => {
            assert.deepStrictEqual(dev.resources.filter((r) => r.protect).map((r) => r.name), []);
        });

        it("keeps identities (table name, DB identifier, replication group id) independent of sizes and mode", () => {
            const identity = (g: Graph) => [g.one(T.table).inputs.name, g.one(T.db).inputs.identifier, g.one(T.cache).inputs.replicationGroupId, g.one(T.cacheUserGroup).inputs.userGroupId];
            assert.deepStrictEqual(identity(dev), identity(prod));
            assert.deepStrictEqual(dev.resources.map((r) => `${r.type}::${r.name}`).sort(), prod.resources.map((r) => `${r.type}::${r.name}`).sort());
        });
    });

    describe("outputs", () => {
        it("give application teams the names, ARNs, endpoints and secret ARNs", () => {
            const o = prod.outputs;
            assert.deepStrictEqual(o.tableNames, { Entities: "orders-Entities" });
            assert.deepStrictEqual(o.tableArns, { Entities: prod.one(T.table).state.arn });
            assert.deepStrictEqual(o.tableStreamArns, { Entities: prod.one(T.table).state.streamArn });
            assert.strictEqual(o.dbAddress, prod.one(T.db).state.address);
            assert.strictEqual(o.dbPort, 5432);
            assert.match(String(o.dbSecretArn), /^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/);
            assert.strictEqual(o.cacheAddress, prod.one(T.cache).state.primaryEndpointAddress);
            assert.strictEqual(o.cachePort, 6379);
            assert.strictEqual(o.cacheReplicationGroupId, "orders-cache");
            assert.strictEqual(o.keyArn, prod.one(T.key).state.arn);
        });

        it("give the task role exactly these resources", () => {
            const statements = prod.outputs.statements as { Sid: string; Action: string[]; Resource: string | string[] }[];
            const tableArn = String(prod.one(T.table).state.arn);
            const db = prod.one(T.db).state;
            assert.deepStrictEqual(statements.map((s) => s.Sid), ["DynamoDbItems", "ReadDataSecrets", "UseDataKeyThroughServices", "ConnectToDatabaseWithIam", "ConnectToCacheWithIam"]);
            assert.deepStrictEqual(statements[0].Resource, [tableArn, `${tableArn}/index/*`]);
            assert.deepStrictEqual(statements[1].Resource, [prod.outputs.dbSecretArn]);
            assert.deepStrictEqual([statements[4].Action, statements[4].Resource], [["elasticache:Connect"], [
                "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:orders-cache",
                "arn:aws:elasticache:us-east-1:123456789012:user:orders-app",
            ]]);
            assert.strictEqual(statements[2].Resource, prod.one(T.key).state.arn);
            assert.strictEqual(statements[3].Resource, `arn:aws:rds-db:us-east-1:123456789012:dbuser:${String(db.resourceId)}/app`);
            assert.ok(statements.every((s) => s.Action.every((a) => !a.includes("*"))));
        });
    });

    describe("stores on and off", () => {
        it("builds only the key and tables when the database and cache are absent", async () => {
            const g = await build({ vpcId: "vpc-0123", isolatedSubnetIds: [], clientSecurityGroupIds: [], tables: [SAMPLE_TABLE] });
            for (const type of [T.db, T.cache, T.sg, T.ingress, T.secret, T.password, T.dbParams, T.cacheParams, T.logGroup, T.role]) {
                assert.strictEqual(g.ofType(type).length, 0, type);
            }
            assert.strictEqual(g.ofType(T.table).length, 1);
            assert.strictEqual(g.outputs.dbAddress, undefined);
            assert.strictEqual(g.outputs.cacheAddress, undefined);
            const sids = JSON.parse(String(g.one(T.key).inputs.policy)).Statement.map((s: { Sid: string }) => s.Sid);
            assert.deepStrictEqual(sids, ["EnableAccountAdministration", "AllowUseThroughDynamoDb"]);
        });

        it("builds only the database (and its key) when tables and cache are absent", async () => {
            const g = await build(fullArgs({ tables: undefined, cache: undefined }));
            assert.deepStrictEqual([g.ofType(T.table).length, g.ofType(T.cache).length, g.ofType(T.db).length, g.ofType(T.secret).length], [0, 0, 1, 0]);
            assert.deepStrictEqual(g.outputs.tableNames, {});
            assert.deepStrictEqual((g.outputs.statements as { Sid: string }[]).map((s) => s.Sid), ["ReadDataSecrets", "UseDataKeyThroughServices", "ConnectToDatabaseWithIam"]);
        });

        it("builds only the cache (and its key) when tables and database are absent", async () => {
            const g = await build(fullArgs({ tables: undefined, postgres: undefined }));
            assert.deepStrictEqual([g.ofType(T.table).length, g.ofType(T.db).length, g.ofType(T.cache).length, g.ofType(T.secret).length], [0, 0, 1, 0]);
            assert.deepStrictEqual((g.outputs.statements as { Sid: string }[]).map((s) => s.Sid), ["ConnectToCacheWithIam"]);
        });
    });

    describe("bad args", () => {
        it("register nothing, not even the component", async () => {
            let error: unknown;
            const g = await runProgram(() => {
                try {
                    new DataTier("orders", fullArgs({ postgres: { instanceClass: "m5.large" } }));
                } catch (e) {
                    error = e;
                }
            });
            assert.ok(error instanceof DataTierArgsError);
            assert.deepStrictEqual(g.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.type), []);
        });
    });
});
