import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.rds.ParameterGroup", () => {
    it("becomes an AWS::RDS::DBParameterGroup with its parameters as a map", () => {
        const group = planned("aws:rds/parameterGroup:ParameterGroup", "dev-pg", {
            name: "dev-postgres16", family: "postgres16", description: "force SSL", parameters: [{ name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" }],
        });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::RDS::DBParameterGroup",
            Properties: { DBParameterGroupName: "dev-postgres16", Family: "postgres16", Description: "force SSL", Parameters: { "rds.force_ssl": "1" } },
        });
    });
});
