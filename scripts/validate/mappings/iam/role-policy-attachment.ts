import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/** CloudFormation has no attachment resource: a managed policy is an entry of the role's `ManagedPolicyArns`. */
export const rolePolicyAttachment = foldMapping<aws.iam.RolePolicyAttachmentArgs>({
    pulumiType: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    fold: (i) => ({ target: i.role, properties: { ManagedPolicyArns: [i.policyArn] } }),
});
