import * as assert from "assert";
import { mockedValues, outputLines } from "../../scripts/lib/outputs";
import { committedPlan } from "../helpers/plans";

describe("npm run outputs: outputs from the plan, mock values labelled (--live needs a deployed stack and cannot run here)", () => {
    it("labels ids and ARNs the mocks invented, not values that follow from config", async () => {
        const plan = await committedPlan("dev");
        const mocked = mockedValues(plan.stacks);
        for (const stack of plan.stacks.filter((s) => s.kind === "service")) {
            const lines = new Map(outputLines(stack, mocked).map((l) => [l.key, l.mocked]));
            assert.deepStrictEqual([lines.get("securityGroupId"), lines.get("taskRoleArn"), lines.get("repositoryUrl")], [true, true, true], stack.project);
            assert.deepStrictEqual([lines.get("serviceName"), lines.get("meshUrl"), lines.get("meshIngressPort"), lines.get("logGroupName")], [false, false, false, false], stack.project);
        }
    });
});
