import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] };

describe("mapping aws.iam.Role", () => {
    it("becomes an AWS::IAM::Role with its trust policy and inline policies as documents", () => {
        const role = planned("aws:iam/role:Role", "dev-task", {
            name: "dev-task",
            description: "task role",
            assumeRolePolicy: JSON.stringify(trust),
            inlinePolicies: [{ name: "read", policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }, {}],
            maxSessionDuration: 3600,
            forceDetachPolicies: true,
        });
        assert.deepStrictEqual(translated(role), {
            Type: "AWS::IAM::Role",
            Properties: {
                RoleName: "dev-task",
                Description: "task role",
                AssumeRolePolicyDocument: trust,
                Policies: [{ PolicyName: "read", PolicyDocument: { Version: "2012-10-17", Statement: [] } }],
                MaxSessionDuration: 3600,
            },
        });
    });
});
