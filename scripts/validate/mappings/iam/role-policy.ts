import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { parseJson, verbatim } from "../../values";

export const rolePolicy = resourceMapping<aws.iam.RolePolicyArgs>({
    pulumiType: "aws:iam/rolePolicy:RolePolicy",
    cfnType: "AWS::IAM::RolePolicy",
    attributes: {},
    noEquivalent: { namePrefix: "AWS::IAM::RolePolicy requires the full name" },
    translate: (i, ctx) => ({
        properties: {
            // CloudFormation requires a name where Pulumi auto-names; the resource name stands in for it.
            PolicyName: verbatim(i.name ?? ctx.name),
            RoleName: ctx.orPlaceholder(i.role, "role", "roleName"),
            PolicyDocument: parseJson(i.policy),
        },
    }),
});
