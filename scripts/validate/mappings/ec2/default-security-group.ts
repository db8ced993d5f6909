import { noCloudFormationEquivalent } from "../../mapping";

export const defaultSecurityGroup = noCloudFormationEquivalent(
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "CloudFormation cannot adopt a VPC's default security group (it has no resource type for it); stripping its rules takes a custom resource",
);
