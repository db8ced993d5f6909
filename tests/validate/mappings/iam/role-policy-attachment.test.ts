import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.iam.RolePolicyAttachment", () => {
    it("adds its policy to the role's ManagedPolicyArns, next to those the role lists itself", () => {
        const role = planned("aws:iam/role:Role", "dev-exec", {
            assumeRolePolicy: "{}",
            managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"],
        }, { id: "dev-exec-1a2b3c4" });
        const attach = (name: string, policyArn: string) => planned("aws:iam/rolePolicyAttachment:RolePolicyAttachment", name, { role: role.id, policyArn }, { dependsOn: [role.urn] });
        const t = translate(role, attach("xray", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"), attach("again", "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess"));
        assert.deepStrictEqual(cfnOf(t, "dev-exec")[0][1].Properties.ManagedPolicyArns, [
            { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" },
            { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AWSXRayDaemonWriteAccess" },
        ]);
        assert.deepStrictEqual([t.translated, t.untranslated.length], [3, 0]);
    });
});
