/**
 * Stand-ins of the right format for values the plan cannot know (outputs of resources that the
 * mocks did not compute). The validator checks formats, so a placeholder must look real.
 */
export const PLACEHOLDERS = {
    vpcId: "vpc-0feedfacefeedface",
    subnetId: "subnet-0feedfacefeedface",
    securityGroupId: "sg-0feedfacefeedface",
    routeTableId: "rtb-0feedfacefeedface",
    networkAclId: "acl-0feedfacefeedface",
    roleName: "placeholder-role",
    loadBalancerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/placeholder/0123456789abcdef",
    /** Where CloudFormation would read a Lambda archive that Pulumi uploads itself. */
    artifactBucket: "placeholder-artifacts",
    listenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/placeholder/0123456789abcdef/0123456789abcdef",
} as const;

export type PlaceholderKind = keyof typeof PLACEHOLDERS;
