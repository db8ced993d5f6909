import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ALL_POLICIES } from "../../policy/policies";
import { PolicyFinding, runPolicies } from "../../scripts/lib/policy-runner";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";

const root = path.resolve(__dirname, "../..");

/**
 * The advisory findings the README explains (section "Security baseline", table "Advisory findings
 * left"), as `policy <resource name with <env> for the environment>`.
 */
function explainedAdvisories(): Set<string> {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.split(/^### Advisory findings left/m)[1]?.split(/^#{2,3} /m)[0] ?? "";
    const rows = [...section.matchAll(/^\|\s*`([a-z0-9-]+)`\s*\|\s*`([^`]+)`\s*\|/gm)];
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

        it(`${env}: every advisory finding is explained in the README`, () => {
            const explained = explainedAdvisories();
            const unexplained = findings[env].filter((f) => f.enforcementLevel === "advisory").map((f) => `${f.policy} ${f.name.replace(new RegExp(`^${env}-`), "<env>-")}`).filter((k) => !explained.has(k));
            assert.deepStrictEqual(unexplained, []);
        });
    }

    it("the README explains no advisory finding that no longer occurs", () => {
        const occurring = new Set(["dev", "prod"].flatMap((env) => findings[env].filter((f) => f.enforcementLevel === "advisory").map((f) => `${f.policy} ${f.name.replace(new RegExp(`^${env}-`), "<env>-")}`)));
        assert.ok(explainedAdvisories().size > 0, "README has no advisory table");
        assert.deepStrictEqual([...explainedAdvisories()].filter((k) => !occurring.has(k)), []);
    });
});
