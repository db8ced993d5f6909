import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { REF } from "../../cfn";
import { MappingContext, Props, resourceMapping } from "../../mapping";

/** Pulumi spells "all protocols" `-1` or `all`; EC2 and CloudFormation only `-1`. */
function ipProtocol(protocol: string): string {
    return protocol === "all" ? "-1" : protocol;
}

type InlineRule = pulumi.Unwrap<aws.types.input.ec2.SecurityGroupIngress>;

/**
 * A Pulumi inline rule lists many peers; a CloudFormation rule names exactly one, so each peer
 * becomes a rule. `self` is the group itself.
 */
export function expandInlineRule(rule: InlineRule, direction: "ingress" | "egress", ctx: MappingContext): Props[] {
    const [group, prefixList] = direction === "ingress" ? ["SourceSecurityGroupId", "SourcePrefixListId"] : ["DestinationSecurityGroupId", "DestinationPrefixListId"];
    const peers: Props[] = [
        ...(rule.cidrBlocks ?? []).map((cidr) => ({ CidrIp: cidr })),
        ...(rule.ipv6CidrBlocks ?? []).map((cidr) => ({ CidrIpv6: cidr })),
        ...(rule.prefixListIds ?? []).map((id) => ({ [prefixList]: id })),
        ...(rule.securityGroups ?? []).map((id) => ({ [group]: id })),
        ...(rule.self ? [{ [group]: ctx.self("GroupId") }] : []),
    ];
    return peers.map((peer) => ({
        IpProtocol: ipProtocol(rule.protocol),
        FromPort: rule.fromPort,
        ToPort: rule.toPort,
        Description: rule.description,
        ...peer,
    }));
}

type StandaloneRule = pulumi.Unwrap<aws.vpc.SecurityGroupIngressRuleArgs>;

function standaloneRule(i: StandaloneRule, ctx: MappingContext, peerGroup: string, peerPrefixList: string): Props {
    return {
        GroupId: ctx.orPlaceholder(i.securityGroupId, "securityGroupId", "securityGroupId"),
        IpProtocol: ipProtocol(i.ipProtocol),
        FromPort: i.fromPort,
        ToPort: i.toPort,
        CidrIp: i.cidrIpv4,
        CidrIpv6: i.cidrIpv6,
        [peerPrefixList]: i.prefixListId,
        [peerGroup]: i.referencedSecurityGroupId,
        Description: i.description,
    };
}

const NO_RULE_TAGS = { tags: "CloudFormation security group rules cannot be tagged" };

export const securityGroupIngressRule = resourceMapping<aws.vpc.SecurityGroupIngressRuleArgs>({
    pulumiType: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    cfnType: "AWS::EC2::SecurityGroupIngress",
    attributes: { id: REF },
    noEquivalent: NO_RULE_TAGS,
    translate: (i, ctx) => ({ properties: standaloneRule(i, ctx, "SourceSecurityGroupId", "SourcePrefixListId") }),
});

export const securityGroupEgressRule = resourceMapping<aws.vpc.SecurityGroupEgressRuleArgs>({
    pulumiType: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    cfnType: "AWS::EC2::SecurityGroupEgress",
    attributes: { id: REF },
    noEquivalent: NO_RULE_TAGS,
    translate: (i, ctx) => ({ properties: standaloneRule(i, ctx, "DestinationSecurityGroupId", "DestinationPrefixListId") }),
});
