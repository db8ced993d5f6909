import * as assert from "assert";
import { startValidation } from "../../scripts/validate/pipeline";
import { validateStack } from "../../scripts/validate/validate-stack";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";
import { sharedValidator } from "./validator";

/**
 * `npm run plan -- --validate` validates in a child process (with the validator's own V8 flags),
 * stack by stack while the plan runs: its reports must be exactly what `npm run validate` gives.
 */
describe("pipelined validation (plan --validate)", function () {
    this.timeout(budget(6000));

    it("reports for every stack of prod what npm run validate reports, the early results included", async () => {
        const plan = await committedPlan("prod");
        const validation = startValidation();
        try {
            // As the plan calls it: each stack once its program has run, with the stacks before it.
            plan.stacks.forEach((stack, i) => validation.planned(stack, plan.stacks.slice(0, i)));
            // What npm run validate reports, computed here while the child process validates.
            const alone = new Map(plan.stacks.map((stack) => [stack.project, validateStack(stack, sharedValidator(), plan.stacks.filter((s) => s !== stack)).report]));
            const results = await validation.finish(plan.stacks);
            assert.deepStrictEqual(results.map((r) => r.plan.project).sort(), [...alone.keys()].sort());
            for (const result of results) {
                assert.deepStrictEqual(result.report, alone.get(result.plan.project), result.plan.project);
            }
        } finally {
            await validation.close();
        }
    });

    it("fails naming the validator's process when that process cannot start, instead of a broken pipe", async () => {
        const plan = await committedPlan("prod");
        const validation = startValidation(["--no-such-v8-flag"]);
        try {
            plan.stacks.forEach((stack, i) => validation.planned(stack, plan.stacks.slice(0, i)));
            await assert.rejects(validation.finish(plan.stacks), /the validator process exited \(code 9\) before it validated every stack/);
        } finally {
            await validation.close();
        }
    });
});
