import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson, verbatim } from "../../values";

export const role = resourceMapping<aws.iam.RoleArgs>({
    pulumiType: "aws:iam/role:Role",
    cfnType: "AWS::IAM::Role",
    attributes: { id: REF, name: REF, arn: "Arn", uniqueId: "RoleId" },
    noEquivalent: {
        forceDetachPolicies: "CloudFormation detaches the policies it attached before deleting a role",
        namePrefix: "CloudFormation generates role names itself",
    },
    translate: (i, ctx) => ({
        properties: {
            RoleName: verbatim(i.name),
            Path: i.path,
            Description: i.description,
            AssumeRolePolicyDocument: parseJson(i.assumeRolePolicy),
            ManagedPolicyArns: i.managedPolicyArns,
            // An inline policy without a document is how Pulumi says "remove the others"; it is not a policy.
            Policies: i.inlinePolicies?.filter((p) => p.policy !== undefined).map((p) => ({ PolicyName: verbatim(p.name), PolicyDocument: parseJson(p.policy) })),
            MaxSessionDuration: i.maxSessionDuration,
            PermissionsBoundary: i.permissionsBoundary,
            Tags: ctx.tags(i.tags),
        },
    }),
});
