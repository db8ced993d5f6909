import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/** CloudFormation writes a repository's lifecycle policy on the AWS::ECR::Repository. */
export const lifecyclePolicy = foldMapping<aws.ecr.LifecyclePolicyArgs>({
    pulumiType: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    fold: (i) => ({ target: i.repository, properties: { LifecyclePolicy: { LifecyclePolicyText: i.policy } } }),
});
