// The catalog service's stack, planned under mocks with fake platform outputs.
import * as assert from "assert";
import { Graph } from "../../../tests/helpers/graph";
import { ALARM, appEnv, containers, EGRESS, fakePlatform, INGRESS, Obj, runService } from "../../../tests/stacks/service-helpers";

describe("service stack: catalog calls entities through the mesh", () => {
    const stack = "prod";
    let g: Graph;
    before(async () => {
        // The platform's outputs only: no callee stack is offered, so reading one would fail the run.
        g = await runService("catalog", stack);
    });

    it("reads no other service's stack: planned with the platform's outputs alone, it still calls entities", () => {
        assert.deepStrictEqual(g.outputs.calls, ["entities"]);
        assert.strictEqual(g.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === "sg-fakeentities").length, 1);
    });

    it("refuses a call to a service the platform has no security group for", async () => {
        await assert.rejects(runService("catalog", stack, { stackOutputs: { [`organization/platform/${stack}`]: fakePlatform(true, { serviceSecurityGroupIds: { catalog: "sg-fakecatalog" } }) } }),
            /serviceSecurityGroupIds = "entities"/);
    });

    it("adds an ingress rule on the callee's platform group from its own platform group, on the callee's mesh port only", () => {
        const into = g.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === "sg-fakeentities");
        assert.deepStrictEqual(into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]), [["sg-fakecatalog", 8443, 8443]]);
        const out = g.ofType(EGRESS).filter((r) => r.inputs.securityGroupId === "sg-fakecatalog");
        assert.deepStrictEqual(out.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [["sg-fakeentities", 8443]]);
    });

    it("gives the app the callee's Service Connect URL", () => {
        assert.strictEqual(appEnv(g).ENTITIES_URL, "http://entities:8080");
    });

    it("builds PostgreSQL (no table, no cache): the user name injected, the rotating password read by ARN with the task role", () => {
        assert.strictEqual(g.ofType("aws:dynamodb/table:Table").length, 0);
        assert.strictEqual(g.ofType("aws:elasticache/replicationGroup:ReplicationGroup").length, 0);
        const db = g.one("aws:rds/instance:Instance");
        assert.strictEqual(db.protect, true);
        const app = containers(g).find((c) => c.name === "app")!;
        // Injected once at start, so only what never rotates: the master user name.
        assert.deepStrictEqual(app.secrets, [{ name: "DB_USERNAME", valueFrom: `${g.outputs.dbSecretArn}:username::` }]);
        const env = appEnv(g);
        assert.strictEqual(env.DB_PASSWORD, undefined);
        assert.strictEqual(env.DB_PASSWORD_SECRET_ARN, g.outputs.dbSecretArn);
        assert.strictEqual(env.DB_PASSWORD_SECRET_KEY, "password");
        // The app re-reads the secret as the task role: GetSecretValue on it, and decrypt of its key through Secrets Manager only.
        assert.strictEqual(db.inputs.masterUserSecretKmsKeyId, g.outputs.dataKeyArn);
        const task = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "prod-catalog-task")!.inputs.policy));
        const read = task.Statement.find((s: Obj) => [s.Action].flat().includes("secretsmanager:GetSecretValue"));
        assert.ok([read.Resource].flat().includes(g.outputs.dbSecretArn));
        const decrypt = task.Statement.find((s: Obj) => [s.Action].flat().includes("kms:Decrypt"));
        assert.deepStrictEqual([decrypt.Resource].flat(), [g.outputs.dataKeyArn]);
        assert.ok(Object.values(decrypt.Condition.StringEquals["kms:ViaService"] as string[]).some((v) => /^secretsmanager\./.test(v)));
        const dbAlarms = g.ofType(ALARM).filter((a) => a.inputs.namespace === "AWS/RDS");
        assert.ok(dbAlarms.length > 0 && dbAlarms.every((a) => (a.inputs.dimensions as Obj).DBInstanceIdentifier === db.inputs.identifier));
    });
});
