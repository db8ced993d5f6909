import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";
import { expandInlineRule } from "./security-group-rules";

/**
 * CloudFormation's way to say "no egress": a group with no egress rules keeps AWS's default
 * allow-all rule, so CloudFormation (and the CDK) write one rule that matches nothing.
 */
const NO_EGRESS = { CidrIp: "255.255.255.255/32", IpProtocol: "icmp", FromPort: 252, ToPort: 86, Description: "Disallow all traffic" };

export const securityGroup = resourceMapping<aws.ec2.SecurityGroupArgs>({
    pulumiType: "aws:ec2/securityGroup:SecurityGroup",
    cfnType: "AWS::EC2::SecurityGroup",
    // EC2 groups are referenced by id; CloudFormation's Ref is only the id inside a VPC, GetAtt always.
    attributes: { id: "GroupId" },
    noEquivalent: {
        namePrefix: "CloudFormation generates group names itself",
        revokeRulesOnDelete: "CloudFormation removes a group's rules before deleting it anyway",
    },
    translate: (i, ctx) => {
        const egress = (i.egress ?? []).flatMap((rule) => expandInlineRule(rule, "egress", ctx));
        return {
            properties: {
                // Pulumi's default description; CloudFormation requires one.
                GroupDescription: i.description ?? "Managed by Pulumi",
                GroupName: verbatim(i.name),
                VpcId: i.vpcId,
                SecurityGroupIngress: i.ingress?.flatMap((rule) => expandInlineRule(rule, "ingress", ctx)),
                // Pulumi (like Terraform) removes AWS's default allow-all egress rule from a new group.
                SecurityGroupEgress: i.vpcId === undefined ? undefined : egress.length > 0 ? egress : [NO_EGRESS],
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
