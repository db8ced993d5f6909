import * as assert from "assert";
import * as path from "path";
import { planEnvironment } from "../../scripts/lib/plan-env";
import type { StackPlan } from "../../scripts/validate/plan";
import { committedPlan } from "../helpers/plans";
import { changesOf, copyOf, diffOf, renameComponent, resourceOf, summary } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

describe("the offline diff of real plans", () => {
    let prod: StackPlan[];
    before(async () => {
        prod = (await committedPlan("prod")).stacks;
    });

    it("is empty for no change", async () => {
        const diff = diffOf(prod, copyOf(prod));
        assert.deepStrictEqual(summary(diff), []);
        assert.deepStrictEqual(diff.stacks.flatMap((s) => s.permissions), []);
        assert.deepStrictEqual(diff.blocked, []);
        assert.ok(diff.stacks.every((s) => s.unchanged > 0));
    });

    it("shows a raised task count as an update of exactly the service and its scalable target", async () => {
        const head = (await planEnvironment(ROOT, "prod", { entities: { "entities:minTasks": "3" } })).stacks;
        const diff = diffOf(prod, head);
        assert.deepStrictEqual(summary(diff), [
            "update aws:appautoscaling/target:Target prod-entities-scaling",
            "update aws:ecs/service:Service prod-entities-service",
        ]);
        const service = changesOf(diff).find((c) => c.type === "aws:ecs/service:Service")!;
        assert.deepStrictEqual(service.properties, [{ path: "desiredCount", old: "2", new: "3" }]);
    });

    it("shows a changed alarm threshold as an update of exactly those alarms and the dashboards that draw them", async () => {
        const head = (await planEnvironment(ROOT, "prod", { platform: { "platform:alarmOverrides": JSON.stringify(["ecsService.cpu.threshold=70"]) } })).stacks;
        const diff = diffOf(prod, head);
        assert.deepStrictEqual(summary(diff), [
            "update aws:cloudwatch/dashboard:Dashboard prod-catalog-dashboard",
            "update aws:cloudwatch/dashboard:Dashboard prod-entities-dashboard",
            "update aws:cloudwatch/metricAlarm:MetricAlarm prod-catalog-service-cpu",
            "update aws:cloudwatch/metricAlarm:MetricAlarm prod-entities-service-cpu",
        ]);
        const alarm = changesOf(diff).find((c) => c.name === "prod-entities-service-cpu")!;
        assert.deepStrictEqual(alarm.properties, [{ path: "threshold", old: "80", new: "70" }]);
    });

    // Each edit is what a change to the component would register; the property is CloudFormation's name for it.
    const STATEFUL_EDITS: { what: string; type: string; name: string; edit: (inputs: Record<string, unknown>) => void; property: string }[] = [
        { what: "a table's key", type: "aws:dynamodb/table:Table", name: "entities", edit: (i) => { i.hashKey = "id"; i.attributes = [{ name: "id", type: "S" }, ...(i.attributes as unknown[]).slice(1)]; }, property: "KeySchema" },
        { what: "a database identifier", type: "aws:rds/instance:Instance", name: "catalog", edit: (i) => { i.identifier = "prod-catalog-db"; }, property: "DBInstanceIdentifier" },
        { what: "a subnet CIDR", type: "aws:ec2/subnet:Subnet", name: "private-use1-az1", edit: (i) => { i.cidrBlock = "10.30.240.0/20"; }, property: "CidrBlock" },
        { what: "a cache's engine", type: "aws:elasticache/replicationGroup:ReplicationGroup", name: "entities", edit: (i) => { i.engine = "redis"; }, property: "Engine" },
        { what: "a bucket name", type: "aws:s3/bucket:Bucket", name: "prod-web", edit: (i) => { i.bucket = "prod-web-assets"; }, property: "BucketName" },
    ];

    for (const { what, type, name, edit, property } of STATEFUL_EDITS) {
        it(`shows changing ${what} as a replacement forced by ${property}, which the production gate blocks unless allowed`, async () => {
            const head = copyOf(prod);
            const target = resourceOf(head, type, name);
            edit(target.inputs);
            const diff = diffOf(prod, head);
            const change = changesOf(diff).find((c) => c.urn === target.urn)!;
            assert.strictEqual(change.action, "replace");
            assert.ok(change.stateful);
            assert.deepStrictEqual(change.replacedBy!.filter((r) => r.basis === "cloudformation").map((r) => [r.property, r.certainty]), [[property, "always"]]);
            assert.deepStrictEqual(diff.blocked.map((c) => c.urn), [target.urn]);

            const allowed = diffOf(prod, head, true, [target.urn]);
            assert.deepStrictEqual(allowed.blocked, []);
            const dev = diffOf(prod, head, false);
            assert.deepStrictEqual(dev.blocked, [], "only a production platform is gated");
        });
    }

    it("follows a replacement to what references it: a new subnet replaces its route table association", async () => {
        const head = copyOf(prod);
        const subnet = resourceOf(head, "aws:ec2/subnet:Subnet", "private-use1-az1");
        subnet.inputs.cidrBlock = "10.30.240.0/20";
        const diff = diffOf(prod, head);
        const association = changesOf(diff).find((c) => c.type === "aws:ec2/routeTableAssociation:RouteTableAssociation" && c.name.endsWith("private-use1-az1"))!;
        assert.strictEqual(association.action, "replace");
        assert.deepStrictEqual(association.replacedBy!.map((r) => [r.property, r.basis]), [["SubnetId", "identity"]]);
        const endpoint = changesOf(diff).find((c) => c.name === "prod-kms-endpoint")!;
        assert.strictEqual(endpoint.action, "update", "an interface endpoint takes new subnets in place");
    });

    it("shows a component renamed without an alias as a delete and a create of everything under it", async () => {
        const head = copyOf(prod);
        const tier = resourceOf(head, "platform:data:DataTier", "entities");
        const subtree = prod.find((s) => s.project === "entities")!.resources.filter((r) => r.urn === tier.urn || r.parent === tier.urn
            || prod.find((s) => s.project === "entities")!.resources.some((p) => p.parent === tier.urn && r.parent === p.urn));
        renameComponent(head, tier.urn, "prod-entities-data", false);
        const diff = diffOf(prod, head);
        const actions = changesOf(diff).reduce<Record<string, number>>((n, c) => ({ ...n, [c.action]: (n[c.action] ?? 0) + 1 }), {});
        assert.ok(subtree.length > 3);
        assert.strictEqual(actions.delete, actions.create);
        assert.ok(actions.delete >= subtree.length, `${actions.delete} deletes for a subtree of ${subtree.length}`);
        assert.ok(diff.blocked.some((c) => c.action === "delete" && c.type === "aws:dynamodb/table:Table"), "the table would be deleted");

        const aliased = copyOf(prod);
        renameComponent(aliased, resourceOf(aliased, "platform:data:DataTier", "entities").urn, "prod-entities-data", true);
        const withAlias = diffOf(prod, aliased);
        assert.deepStrictEqual(summary(withAlias), [], "an alias keeps every resource, children included");
    });

    it("shows a removed service as deletes of all its resources", async () => {
        const head = copyOf(prod).filter((s) => s.project !== "catalog");
        const diff = diffOf(prod, head);
        const catalog = diff.stacks.find((s) => s.project === "catalog")!;
        const planned = prod.find((s) => s.project === "catalog")!.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
        assert.deepStrictEqual(catalog.changes.map((c) => c.action), planned.map(() => "delete"));
        assert.deepStrictEqual(catalog.changes.map((c) => c.urn).sort(), planned.map((r) => r.urn).sort());
        assert.ok(diff.blocked.some((c) => c.type === "aws:rds/instance:Instance"));
        assert.deepStrictEqual(diff.stacks.filter((s) => s.project !== "catalog").flatMap((s) => s.changes), []);
    });

    it("lists IAM and security-group changes as widened or narrowed", async () => {
        const head = copyOf(prod);
        const policy = resourceOf(head, "aws:iam/rolePolicy:RolePolicy", "prod-entities-task");
        const document = JSON.parse(String(policy.inputs.policy)) as { Statement: { Action: string | string[] }[] };
        document.Statement.push({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" } as never);
        policy.inputs.policy = JSON.stringify(document);
        const rule = resourceOf(head, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "prod-endpoints-from-vpc-443");
        rule.inputs.cidrIpv4 = "10.30.0.0/20";
        const diff = diffOf(prod, head);
        const rows = diff.stacks.flatMap((s) => s.permissions).map((p) => `${p.direction} ${p.kind} ${p.columns.join(" ")}`);
        assert.ok(rows.some((r) => r.startsWith("widened iam-statement") && r.includes("s3:GetObject")), rows.join("\n"));
        assert.ok(rows.some((r) => r.startsWith("widened security-group-rule") && r.includes("10.30.0.0/20")), rows.join("\n"));
        assert.ok(rows.some((r) => r.startsWith("narrowed security-group-rule") && r.includes("10.30.0.0/16")), rows.join("\n"));
    });

    it("masks secrets in changed values: inputs the program marked secret, and inputs named like one", async () => {
        const head = copyOf(prod);
        const db = resourceOf(head, "aws:rds/instance:Instance", "catalog");
        db.inputs.password = "Changed-secret-value";
        db.inputs.tags = { ...(db.inputs.tags as Record<string, string>), note: "Marked-secret-value" };
        Object.assign(db, { secretInputs: ["tags"] });
        const diff = diffOf(prod, head);
        const change = changesOf(diff).find((c) => c.urn === db.urn)!;
        assert.deepStrictEqual(change.properties, [{ path: "password", new: "[secret]" }, { path: "tags", old: "[secret]", new: "[secret]" }]);
        assert.ok(!JSON.stringify(diff).includes("Changed-secret-value") && !JSON.stringify(diff).includes("Marked-secret-value"));
    });
});
