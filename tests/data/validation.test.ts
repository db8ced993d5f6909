import * as assert from "assert";
import { DataTierArgs, DataTierArgsError, validateDataTierArgs } from "../../components/data";
import { SAMPLE_TABLE } from "./fixtures";
import { fullArgs } from "./fixtures";

/** The message of the error the args raise; fails the test when they pass. */
function failureOf(args: DataTierArgs, name = "orders"): string {
    try {
        validateDataTierArgs(name, args);
    } catch (e) {
        assert.ok(e instanceof DataTierArgsError, `unexpected ${String(e)}`);
        return e.message;
    }
    assert.fail("the args were accepted");
}

describe("DataTier arg validation", () => {
    it("accepts every store on with defaults, in both modes", () => {
        validateDataTierArgs("orders", fullArgs());
        validateDataTierArgs("orders", fullArgs({ protect: false }));
    });

    it("refuses an engine version that is not <major>[.<minor>], or older than 14", () => {
        assert.match(failureOf(fullArgs({ postgres: { engineVersion: "sixteen" } })), /postgres\.engineVersion = "sixteen": expected a PostgreSQL version "<major>" or "<major>\.<minor>"/);
        assert.match(failureOf(fullArgs({ postgres: { engineVersion: "16.4.1" } })), /postgres\.engineVersion = "16\.4\.1"/);
        assert.match(failureOf(fullArgs({ postgres: { engineVersion: "13" } })), /postgres\.engineVersion = "13": expected major version 14 or later/);
    });

    it("refuses an instance class not of the form db.*", () => {
        assert.match(failureOf(fullArgs({ postgres: { instanceClass: "m5.large" } })), /postgres\.instanceClass = "m5\.large": expected an RDS instance class of the form "db\.<family>\.<size>"/);
    });

    it("refuses a cache node type not of the form cache.*", () => {
        assert.match(failureOf(fullArgs({ cache: { nodeType: "r7g.large" } })), /cache\.nodeType = "r7g\.large"/);
    });

    it("refuses a GSI that projects attributes the table does not define", () => {
        const tables = [{ ...SAMPLE_TABLE, globalSecondaryIndexes: [{ name: "NameIndex", partitionKey: "name", projection: { type: "INCLUDE" as const, include: ["colour"] } }] }];
        assert.match(failureOf(fullArgs({ tables })), /tables\[0\]\.globalSecondaryIndexes\[0\]\.projection\.include = \["colour"\].*not declared: colour/);
    });

    it("refuses provisioned capacity together with on-demand billing", () => {
        const tables = [{ ...SAMPLE_TABLE, billingMode: "PAY_PER_REQUEST" as const, capacity: { read: { min: 5, max: 100 }, write: { min: 5, max: 100 } } }];
        assert.match(failureOf(fullArgs({ tables })), /tables\[0\]\.capacity = .*expected no provisioned capacity with billingMode PAY_PER_REQUEST/);
    });

    it("refuses Multi-AZ with a single subnet, and PostgreSQL with fewer than two AZs even single-AZ", () => {
        assert.match(failureOf(fullArgs({ isolatedSubnetIds: ["subnet-0a"] })), /isolatedSubnetIds = "1 subnet\(s\)": expected subnets in at least two AZs with multiAz true/);
        assert.match(failureOf(fullArgs({ isolatedSubnetIds: ["subnet-0a"], multiAz: false })), /isolatedSubnetIds .*DB subnet group must cover two AZs/);
        validateDataTierArgs("orders", fullArgs({ isolatedSubnetIds: ["subnet-0a"], multiAz: false, postgres: undefined }));
    });

    it("refuses a single cache node with Multi-AZ", () => {
        assert.match(failureOf(fullArgs({ cache: { numCacheClusters: 1 } })), /cache\.numCacheClusters = 1: expected 2 or more with multiAz true/);
    });

    it("refuses server stores without client security groups, and names too long for the identifiers", () => {
        assert.match(failureOf(fullArgs({ clientSecurityGroupIds: [] })), /clientSecurityGroupIds = \[\]/);
        assert.match(failureOf(fullArgs(), "a-very-long-service-name-for-the-cache"), /name = .*replication group id/);
        assert.match(failureOf(fullArgs(), "Orders_Service"), /name = "Orders_Service"/);
    });

    it("refuses forcing SSL off, and bad retention values", () => {
        assert.match(failureOf(fullArgs({ postgres: { parameters: { "rds.force_ssl": "0" } } })), /rds\.force_ssl/);
        assert.match(failureOf(fullArgs({ backupRetentionDays: 36 })), /backupRetentionDays = 36/);
        assert.match(failureOf(fullArgs({ logRetentionDays: 10 })), /logRetentionDays = 10/);
        assert.match(failureOf(fullArgs({ postgres: { performanceInsightsRetentionDays: 30 } })), /performanceInsightsRetentionDays = 30/);
    });

    it("reports every problem at once", () => {
        const message = failureOf(fullArgs({ postgres: { engineVersion: "x", instanceClass: "big" }, cache: { nodeType: "small" } }));
        assert.strictEqual(message.split("\n").filter((l) => l.startsWith("  - ")).length, 3);
        assert.match(message, /^Invalid arguments of DataTier "orders":/);
    });
});
