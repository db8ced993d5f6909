/**
 * Findings of AWS's validator that the platform accepts, each with the reason next to it (as in
 * cdk-nag). A suppression names one rule, and may narrow it to a CloudFormation resource type or a
 * logical id; it can never silence a resource or the whole validator. Keep reasons specific: the
 * next reader must be able to tell whether the reason still holds. `npm run validate` notes the
 * suppressions that matched nothing, so stale ones get removed.
 */
export interface Suppression {
    readonly ruleId: string;
    readonly resourceType?: string;
    readonly logicalId?: string;
    readonly reason: string;
}

export const SUPPRESSIONS: readonly Suppression[] = [
    {
        ruleId: "W9002",
        resourceType: "AWS::ACMPCA::Certificate",
        reason: "TemplateArn names an AWS-published ACM PCA certificate template (arn:<partition>:acm-pca:::template/...): "
            + "there is no resource or parameter to reference, and its partition is already AWS::Partition",
    },
    {
        ruleId: "W9002",
        resourceType: "AWS::WAFv2::WebACLAssociation",
        reason: "ResourceArn is an API Gateway stage's ARN, which the program reads from the stage (stage.arn); CloudFormation "
            + "has no Fn::GetAtt for a stage's ARN, so the translation can only spell it out",
    },
];
