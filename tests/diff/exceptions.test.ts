import * as assert from "assert";
import type { StackPlan } from "../../scripts/validate/plan";
import { PROVIDER_EXCEPTIONS } from "../../scripts/diff/exceptions";
import { diffEnvironment } from "../../scripts/diff/diff";
import { committedPlan } from "../helpers/plans";
import { changesOf, copyOf, resourceOf } from "./helpers";

/** One case per entry of the provider exception table: the change, and what the provider does. */
describe("the provider exception table", () => {
    let prod: StackPlan[];
    before(async () => {
        prod = (await committedPlan("prod")).stacks;
    });

    const actionOf = async (head: StackPlan[], urn: string, exceptions = PROVIDER_EXCEPTIONS) =>
        changesOf(diffEnvironment(prod, head, { env: "prod", base: "test", production: true, exceptions })).find((c) => c.urn === urn)?.action;

    it("has the cases below, and no others", () => {
        assert.deepStrictEqual(PROVIDER_EXCEPTIONS.map((e) => e.pulumiType), [
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
            "random:index/randomPassword:RandomPassword",
            "random:index/randomString:RandomString",
        ]);
    });

    for (const [type, name] of [["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "prod-endpoints-from-vpc-443"], ["aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", ""]] as const) {
        it(`${type.split(":").pop()}: a new port or peer of the same kind is modified in place, though CloudFormation would replace the rule`, async () => {
            const head = copyOf(prod);
            const candidates = head.flatMap((s) => s.resources).filter((r) => r.type === type && r.name.includes(name) && r.inputs.fromPort !== undefined);
            const rule = candidates[0];
            assert.ok(rule !== undefined, `the prod plan has a ${type}`);
            rule.inputs.fromPort = Number(rule.inputs.fromPort) + 1;
            rule.inputs.toPort = Number(rule.inputs.toPort ?? rule.inputs.fromPort) + 1;
            assert.strictEqual(await actionOf(head, rule.urn), "update");
            assert.strictEqual(await actionOf(head, rule.urn, []), "replace", "without the entry the specification decides");
        });

        it(`${type.split(":").pop()}: a peer of another kind replaces the rule`, async () => {
            const head = copyOf(prod);
            const rule = head.flatMap((s) => s.resources).find((r) => r.type === type && r.name.includes(name))!;
            if (rule.inputs.cidrIpv4 !== undefined) {
                delete rule.inputs.cidrIpv4;
                rule.inputs.prefixListId = "pl-0123456789abcdef0";
            } else {
                delete rule.inputs.referencedSecurityGroupId;
                rule.inputs.cidrIpv4 = "10.0.0.0/8";
            }
            assert.strictEqual(await actionOf(head, rule.urn), "replace");
        });
    }

    it("RandomPassword: a new length replaces the password (a new value for whatever reads it)", async () => {
        const head = copyOf(prod);
        const password = resourceOf(head, "random:index/randomPassword:RandomPassword", "origin-secret");
        password.inputs.length = 72;
        assert.strictEqual(await actionOf(head, password.urn), "replace");
        assert.strictEqual(await actionOf(head, password.urn, []), "update", "no CloudFormation type: only the entry knows");
    });

    it("RandomString: any argument replaces the value", () => {
        const entry = PROVIDER_EXCEPTIONS.find((e) => e.pulumiType === "random:index/randomString:RandomString")!;
        assert.strictEqual(entry.verdict({ length: 8 }, { length: 9 }), "replace");
        assert.ok(entry.inputs.includes("length") && entry.inputs.includes("keepers"));
    });
});
