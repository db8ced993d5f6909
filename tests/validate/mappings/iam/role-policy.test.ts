import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.iam.RolePolicy", () => {
    it("becomes an AWS::IAM::RolePolicy on its role, named after the Pulumi resource when Pulumi would auto-name it", () => {
        const role = planned("aws:iam/role:Role", "dev-task", { assumeRolePolicy: "{}" }, { id: "dev-task-1a2b3c4" });
        const policy = planned("aws:iam/rolePolicy:RolePolicy", "dev-task-read", { role: role.id, policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }, { dependsOn: [role.urn] });
        assert.deepStrictEqual(translated(policy, role), {
            Type: "AWS::IAM::RolePolicy",
            Properties: { PolicyName: "dev-task-read", RoleName: { Ref: "DevTask" }, PolicyDocument: { Version: "2012-10-17", Statement: [] } },
        });
    });
});
