import * as assert from "assert";
import { failures, formatReport } from "../../scripts/validate/report";
import { validateStack } from "../../scripts/validate/validate-stack";
import { sharedValidator } from "./validator";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";


/** What `npm run plan` and then `npm run validate` do, for every stack of both environments. */
for (const env of ["dev", "prod"]) {
    describe(`the ${env} environment through AWS's validator`, () => {
        it("translates enough of every stack and draws no error", async function () {
            this.timeout(budget(12_000)); // the plans and AWS's validator, when this suite comes first
            const plan = await committedPlan(env);
            for (const stack of plan.stacks) {
                const { report } = validateStack(stack, sharedValidator(), plan.stacks.filter((other) => other !== stack));
                assert.deepStrictEqual(failures(report), [], formatReport(report));
                assert.deepStrictEqual(report.droppedInputs, [], formatReport(report));
            }
        });
    });
}
