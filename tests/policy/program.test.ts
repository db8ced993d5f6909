import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ALL_POLICIES } from "../../policy/policies";
import { PolicyFinding, runPolicies } from "../../scripts/lib/policy-runner";
import { discoverProjects } from "../../scripts/lib/projects";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";

/** A finding as the table names it: the environment and the service as patterns. */
function patternOf(f: PolicyFinding, env: string): string {
    const service = SERVICES.find((s) => f.name.startsWith(`${env}-${s}-`));
    const name = service !== undefined ? f.name.replace(`${env}-${service}-`, "<env>-<service>-") : f.name.replace(new RegExp(`^${env}-`), "<env>-");
    return `${f.policy} ${name}`;
}

const root = path.resolve(__dirname, "../..");

const SERVICES = discoverProjects(root).filter((p) => p.kind === "service").map((p) => p.name);

/**
 * The advisory findings docs/security.md explains (table "Advisory findings left"), as `policy
 * <resource name>` with `<env>` for the environment and `<service>` for any service.
 */
function explainedAdvisories(): Set<string> {
    // docs/production-hardening.md keeps the same table for the findings production hardening added.
    const sections = ["security.md", "production-hardening.md"].map((file) =>
        fs.readFileSync(path.join(root, "docs", file), "utf8").split(/^### Advisory findings left/m)[1]?.split(/^#{2,3} /m)[0] ?? "");
    const rows = sections.flatMap((section) => [...section.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|\s*`([^`]+)`\s*\|/gm)]);
    return new Set(rows.map(([, policy, resource]) => `${policy} ${resource}`));
}

describe("the program passes its own policy pack", function () {
    this.timeout(budget(5000)); // the policy pack over both plans (and the plans, when this suite comes first)
    const findings: Record<string, PolicyFinding[]> = {};
    before(async () => {
        for (const env of ["dev", "prod"]) {
            const plan = await committedPlan(env);
            findings[env] = [];
            for (const stack of plan.stacks) {
                findings[env].push(...(await runPolicies(stack.resources, ALL_POLICIES)));
            }
        }
    });

    for (const env of ["dev", "prod"]) {
        it(`${env}: no mandatory violation in any stack`, () => {
            const mandatory = findings[env].filter((f) => f.enforcementLevel === "mandatory");
            assert.deepStrictEqual(mandatory.map((f) => `${f.policy} ${f.name}: ${f.message}`), []);
        });

        it(`${env}: every advisory finding is explained in docs/security.md`, () => {
            const explained = explainedAdvisories();
            const unexplained = findings[env].filter((f) => f.enforcementLevel === "advisory").map((f) => patternOf(f, env)).filter((k) => !explained.has(k));
            assert.deepStrictEqual(unexplained, []);
        });
    }

    it("docs/security.md explains no advisory finding that no longer occurs", () => {
        const occurring = new Set(["dev", "prod"].flatMap((env) => findings[env].filter((f) => f.enforcementLevel === "advisory").map((f) => patternOf(f, env))));
        assert.ok(explainedAdvisories().size > 0, "docs/security.md has no advisory table");
        assert.deepStrictEqual([...explainedAdvisories()].filter((k) => !occurring.has(k)), []);
    });
});
