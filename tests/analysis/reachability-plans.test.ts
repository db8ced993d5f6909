import * as assert from "assert";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { EnvironmentPlan } from "../../scripts/lib/plan-env";
import { analyzeReachability, flowSection } from "../../scripts/analysis/reachability";
import { committedPlan } from "../helpers/plans";

/**
 * Defects planted in the committed plans, one at a time, by editing a copy of the cached plan's
 * resources (no new plan): each makes the flow analysis fail with a message naming the rule that
 * blocks or opens the flow; the unedited plan, the repaired twin, passes.
 */
function planted(plan: EnvironmentPlan, name: string, change: (r: PlannedResource) => PlannedResource | undefined): EnvironmentPlan {
    const copy = structuredClone(plan);
    let found = false;
    for (const stack of copy.stacks) {
        stack.resources.splice(0, stack.resources.length, ...stack.resources.flatMap((r) => {
            if (r.name !== name || !r.custom) {
                return [r];
            }
            found = true;
            const changed = change(r);
            return changed ? [changed] : [];
        }));
    }
    assert.ok(found, `no resource ${name} in the ${plan.env} plan`);
    return copy;
}

const withInputs = (patch: Record<string, unknown>, drop: string[] = []) => (r: PlannedResource): PlannedResource => {
    const inputs: Record<string, unknown> = { ...r.inputs, ...patch };
    drop.forEach((k) => delete inputs[k]);
    return { ...r, inputs, state: { ...r.state, ...inputs } };
};

const failuresOf = (plan: EnvironmentPlan) => flowSection(analyzeReachability(plan)).failures;

describe("reachability: defects planted in the committed plans", function () {
    this.timeout(60000);
    let prod: EnvironmentPlan;
    before(async () => {
        prod = await committedPlan("prod");
    });

    for (const env of ["dev", "prod"]) {
        it(`passes the committed ${env} plan: every required flow allowed, nothing unintended open`, async () => {
            const report = analyzeReachability(await committedPlan(env));
            assert.deepStrictEqual(flowSection(report).failures, []);
            assert.ok(report.flows.some((f) => f.required) && report.flows.some((f) => !f.required));
        });
    }

    it("a TCP NACL rule without ports (the original isolated-tier defect) blocks the database, naming the rule", () => {
        const failures = failuresOf(planted(prod, "prod-nacl-isolated-in-111", withInputs({}, ["fromPort", "toPort"])));
        assert.strictEqual(failures.length, 1, failures.join("\n"));
        assert.match(failures[0], /^required flow service:catalog -> postgres:catalog tcp\/5432 is blocked: prod-private-use1-az1 -> prod-isolated-use1-az1: prod-nacl-isolated inbound: no rule allows tcp 5432 from 10\.30\.0\.0\/20.*prod-nacl-isolated-in-111 \(#111 allow tcp 0-0 \(no fromPort\/toPort given/);
    });

    it("a missing ephemeral return rule blocks the replies of both stores, naming the NACL and direction", () => {
        const failures = failuresOf(planted(prod, "prod-nacl-isolated-out-112", () => undefined));
        assert.deepStrictEqual(failures.map((f) => f.split(" is blocked")[0]), ["required flow service:entities -> cache:entities tcp/6379", "required flow service:catalog -> postgres:catalog tcp/5432"]);
        assert.ok(failures.every((f) => /prod-nacl-isolated outbound: no rule allows tcp 1024-3388,3390-65535 to 10\.30\.16\.0\/20, so the implicit deny/.test(f)), failures.join("\n"));
    });

    it("a deny ordered after the allow it must override opens RDP from the internet, naming the allow that wins", () => {
        const failures = failuresOf(planted(prod, "prod-nacl-private-in-151", withInputs({ ruleNumber: 251 })));
        assert.strictEqual(failures.length, 1, failures.join("\n"));
        assert.match(failures[0], /^unintended flow internet -> tier:private tcp\/3389 is open: into prod-private-use1-az1: NACL rule prod-nacl-private-in-200 \(#200 allow tcp 1024-65535 from 0\.0\.0\.0\/0\)/);
    });

    it("a security-group rule on the wrong port blocks the flow, naming the rule as the near miss", () => {
        const failures = failuresOf(planted(prod, "prod-catalog-to-postgres", withInputs({ fromPort: 5433, toPort: 5433 })));
        assert.strictEqual(failures.length, 1, failures.join("\n"));
        assert.match(failures[0], /service:catalog -> postgres:catalog tcp\/5432 is blocked: .*no egress rule of .* admits tcp\/5432 to .*; rules for that peer are on other ports: .*prod-catalog-to-postgres \(tcp 5433-5433/);
    });

    it("a caller's mesh rule on its callee's group removed blocks the Service Connect call", () => {
        const failures = failuresOf(planted(prod, "prod-catalog-into-entities", () => undefined));
        assert.strictEqual(failures.length, 1, failures.join("\n"));
        assert.match(failures[0], /^required flow service:catalog -> service:entities tcp\/8443 is blocked: .*no ingress rule of prod-svc-entities, .* admits tcp\/8443 from catalog tasks/);
    });

    it("a data store opened to the whole VPC is reported as an unintended flow, naming the rule", () => {
        const failures = failuresOf(planted(prod, "prod-catalog-postgres-from-client-0", withInputs({ cidrIpv4: "10.30.0.0/16" }, ["referencedSecurityGroupId"])));
        assert.ok(failures.length > 0 && failures.every((f) => /^unintended flow .* -> postgres:catalog tcp\/5432 is open: .*prod-catalog-postgres-from-client-0/.test(f)), failures.join("\n"));
    });
});
