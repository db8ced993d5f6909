import * as assert from "assert";
import * as path from "path";
import { planEnvironment } from "../../scripts/lib/plan-env";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { discoverProjects } from "../../scripts/lib/projects";
import { committedPlan } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Stateful resource types and the inputs whose change makes the AWS provider replace the resource
 * (documented as "forces new resource" in the provider's reference): if none of these changes, a
 * `pulumi up` updates the resource in place and its data survives.
 */
const IDENTITY_INPUTS: Record<string, readonly string[]> = {
    "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey"],
    "aws:rds/instance:Instance": ["identifier", "engine", "dbName", "username", "storageEncrypted", "kmsKeyId"],
    "aws:elasticache/replicationGroup:ReplicationGroup": ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "port", "subnetGroupName"],
    "aws:kms/key:Key": ["keyUsage", "customerMasterKeySpec", "multiRegion"],
    "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "namePrefix"],
    "aws:secretsmanager/secret:Secret": ["name", "namePrefix"],
    "aws:cognito/userPool:UserPool": ["name", "aliasAttributes", "usernameAttributes"],
    "aws:ecr/repository:Repository": ["name", "encryptionConfigurations"],
};

/** Changes that touch sizes, counts, retention and thresholds only: none may replace stored data. */
const NON_IDENTITY_CHANGES = {
    platform: {
        "platform:logRetentionDays": "731",
        "platform:alarmOverrides": JSON.stringify(["ecsService.cpu.threshold=70", "rdsInstance.connections.threshold=200"]),
    },
    edge: { "edge:wafRateLimit": "3000" },
    // Every service found: a bigger size and more tasks.
    ...Object.fromEntries(discoverProjects(ROOT).filter((p) => p.kind === "service").map(({ name }) =>
        [name, { [`${name}:cpu`]: "2048", [`${name}:memory`]: "4096", [`${name}:minTasks`]: "3", [`${name}:maxTasks`]: "20" }])),
};

function statefulByUrn(stacks: { resources: PlannedResource[] }[]): Map<string, PlannedResource> {
    return new Map(stacks.flatMap((s) => s.resources).filter((r) => r.type in IDENTITY_INPUTS).map((r) => [r.urn, r]));
}

describe("nothing stateful lost in prod", () => {
    let committed: Map<string, PlannedResource>;
    let changed: Map<string, PlannedResource>;
    before(async () => {
        committed = statefulByUrn((await committedPlan("prod")).stacks);
        changed = statefulByUrn((await planEnvironment(ROOT, "prod", NON_IDENTITY_CHANGES)).stacks);
    });

    it("covers the stateful resources of every layer", () => {
        const types = new Set([...committed.values()].map((r) => r.type));
        for (const type of ["aws:dynamodb/table:Table", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:kms/key:Key", "aws:s3/bucket:Bucket", "aws:cloudwatch/logGroup:LogGroup", "aws:cognito/userPool:UserPool"]) {
            assert.ok(types.has(type), `the prod plan has no ${type}`);
        }
    });

    it("keeps the same stateful resources (by URN) when sizes, counts, retention and thresholds change", () => {
        assert.deepStrictEqual([...changed.keys()].sort(), [...committed.keys()].sort());
    });

    it("keeps every identity input of every stateful resource, so pulumi up updates instead of replacing", () => {
        const differences: string[] = [];
        for (const [urn, old] of committed) {
            const now = changed.get(urn)!;
            for (const key of IDENTITY_INPUTS[old.type]) {
                if (JSON.stringify(old.inputs[key]) !== JSON.stringify(now.inputs[key])) {
                    differences.push(`${old.name}.${key}: ${JSON.stringify(old.inputs[key])} -> ${JSON.stringify(now.inputs[key])}`);
                }
            }
        }
        assert.deepStrictEqual(differences, []);
    });

    it("really applied the changes (the comparison is not between two identical plans)", () => {
        const retention = (m: Map<string, PlannedResource>) => [...m.values()].find((r) => r.name.endsWith("-flow-logs") && r.type === "aws:cloudwatch/logGroup:LogGroup")!.inputs.retentionInDays;
        assert.deepStrictEqual([retention(committed), retention(changed)], [365, 731]);
    });

    it("protects every stateful resource in prod", () => {
        const unprotected = [...committed.values()].filter((r) => !r.protect).map((r) => `${r.type} ${r.name}`);
        assert.deepStrictEqual(unprotected, []);
    });
});
