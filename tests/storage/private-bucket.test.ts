import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { createPrivateBucket } from "../../components/storage/private-bucket";
import { Graph, runProgram } from "../helpers/graph";

describe("private bucket", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => {
            const parent = new pulumi.ComponentResource("test:index:Parent", "p");
            createPrivateBucket("kms-logs", parent, { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", expireDays: 90, expirePrefix: "alb/", policy: (arn) => arn.apply((a) => JSON.stringify({ Resource: a })), protect: true });
            createPrivateBucket("plain", parent, { protect: false, versioned: false, ownership: "BucketOwnerPreferred" });
        });
    });

    it("blocks every kind of public access", () => {
        for (const block of g.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
            assert.deepStrictEqual([block.inputs.blockPublicAcls, block.inputs.blockPublicPolicy, block.inputs.ignorePublicAcls, block.inputs.restrictPublicBuckets], [true, true, true, true]);
        }
        assert.strictEqual(g.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").length, 2);
    });

    it("encrypts with the given KMS key and a bucket key, or with SSE-S3 when no key is given", () => {
        const rule = (name: string) => (g.named(name).inputs.rules as { applyServerSideEncryptionByDefault: Record<string, string>; bucketKeyEnabled: boolean }[])[0];
        assert.deepStrictEqual(rule("kms-logs-sse").applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/k" });
        assert.strictEqual(rule("kms-logs-sse").bucketKeyEnabled, true);
        assert.deepStrictEqual(rule("plain-sse").applyServerSideEncryptionByDefault, { sseAlgorithm: "AES256" });
    });

    it("applies the policy only after the public access block, built from the bucket's own ARN", () => {
        const policy = g.named("kms-logs-policy");
        assert.ok(policy.dependsOn.includes(g.named("kms-logs-public-access").urn));
        assert.strictEqual(JSON.parse(String(policy.inputs.policy)).Resource, g.named("kms-logs").state.arn);
        assert.strictEqual(g.resources.find((r) => r.name === "plain-policy"), undefined);
    });

    it("versions and expires only when asked, and protects and keeps the bucket as asked", () => {
        const rules = g.named("kms-logs-lifecycle").inputs.rules as { filter: { prefix?: string }; expiration: { days: number } }[];
        assert.deepStrictEqual([rules[0].filter.prefix, rules[0].expiration.days], ["alb/", 90]);
        assert.ok(g.resources.some((r) => r.name === "kms-logs-versioning"));
        assert.ok(!g.resources.some((r) => r.name === "plain-versioning" || r.name === "plain-lifecycle"));
        assert.deepStrictEqual([g.named("kms-logs").protect, g.named("kms-logs").inputs.forceDestroy], [true, false]);
        assert.strictEqual(g.named("plain").protect, false);
        assert.deepStrictEqual(g.named("plain-ownership").inputs.rule, { objectOwnership: "BucketOwnerPreferred" });
    });
});
