import * as assert from "assert";
import { cacheFamily, dataKeyUsers, postgresFamily, postgresParameters, resolveTierSettings } from "../../components/data";
import { serviceKeyPolicy } from "../../components/kms/key-policy";
import { fullArgs } from "./fixtures";

describe("DataTier defaults and pure helpers", () => {
    it("is production-safe when nothing is said", () => {
        const s = resolveTierSettings(fullArgs());
        assert.deepStrictEqual([s.protect, s.multiAz, s.deletionProtection, s.backupRetentionDays, s.logRetentionDays], [true, true, true, 14, 365]);
    });

    it("dev (protect false) turns the guards off, and explicit overrides win, false and 0 included", () => {
        const dev = resolveTierSettings(fullArgs({ protect: false }));
        assert.deepStrictEqual([dev.protect, dev.multiAz, dev.deletionProtection, dev.backupRetentionDays, dev.secretRecoveryWindowDays], [false, false, false, 1, 0]);
        const prodSingleAz = resolveTierSettings(fullArgs({ multiAz: false, backupRetentionDays: 0 }));
        assert.deepStrictEqual([prodSingleAz.multiAz, prodSingleAz.deletionProtection, prodSingleAz.backupRetentionDays], [false, true, 0]);
    });

    it("derives parameter group families from the engine version", () => {
        assert.strictEqual(postgresFamily("16"), "postgres16");
        assert.strictEqual(postgresFamily("17.4"), "postgres17");
        assert.strictEqual(cacheFamily("valkey", "8.1"), "valkey8");
        assert.strictEqual(cacheFamily("redis", "7.1"), "redis7");
    });

    it("forces SSL in the PostgreSQL parameters and lets callers add their own", () => {
        const params = postgresParameters({ log_min_duration_statement: "500", "pg_stat_statements.track": "all" });
        const byName = Object.fromEntries(params.map((p) => [p.name, p.value]));
        assert.strictEqual(byName["rds.force_ssl"], "1");
        assert.strictEqual(byName.log_min_duration_statement, "500");
        assert.strictEqual(byName["pg_stat_statements.track"], "all");
        assert.strictEqual(byName.log_lock_waits, "1");
    });

    it("lets each used data service use the key only through itself, from this account", () => {
        const users = dataKeyUsers(fullArgs());
        assert.deepStrictEqual(users, ["dynamodb", "rds", "logs", "elasticache", "secretsmanager"]);
        assert.deepStrictEqual(dataKeyUsers({ tables: fullArgs().tables }), ["dynamodb"]);
        const policy = serviceKeyPolicy({ accountId: "123456789012", region: "eu-west-1", partition: "aws" }, users);
        const rds = policy.Statement.find((s) => s.Sid === "AllowUseThroughRds")!;
        assert.deepStrictEqual(rds.Principal, { AWS: "arn:aws:iam::123456789012:root" });
        assert.deepStrictEqual(rds.Condition, { StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "rds.eu-west-1.amazonaws.com" } });
        for (const sid of ["AllowUseThroughDynamoDb", "AllowUseThroughElastiCache", "AllowUseThroughSecretsManager", "AllowCloudWatchLogs"]) {
            assert.ok(policy.Statement.some((s) => s.Sid === sid), sid);
        }
    });
});
