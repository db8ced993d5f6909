import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const vpc = resourceMapping<aws.ec2.VpcArgs>({
    pulumiType: "aws:ec2/vpc:Vpc",
    cfnType: "AWS::EC2::VPC",
    attributes: { id: REF, defaultSecurityGroupId: "DefaultSecurityGroup", defaultNetworkAclId: "DefaultNetworkAcl" },
    noEquivalent: { enableNetworkAddressUsageMetrics: "AWS::EC2::VPC has no Network Address Usage metrics setting" },
    translate: (i, ctx) => {
        const ipv6 = i.assignGeneratedIpv6CidrBlock || i.ipv6CidrBlock !== undefined || i.ipv6IpamPoolId !== undefined;
        return {
            properties: {
                CidrBlock: i.cidrBlock,
                Ipv4IpamPoolId: i.ipv4IpamPoolId,
                Ipv4NetmaskLength: i.ipv4NetmaskLength,
                EnableDnsHostnames: i.enableDnsHostnames,
                EnableDnsSupport: i.enableDnsSupport,
                InstanceTenancy: i.instanceTenancy,
                Tags: ctx.tags(i.tags),
            },
            // CloudFormation adds a VPC's IPv6 block as a resource of its own.
            companions: ipv6
                ? {
                      Ipv6Cidr: {
                          type: "AWS::EC2::VPCCidrBlock",
                          properties: {
                              VpcId: ctx.self(),
                              AmazonProvidedIpv6CidrBlock: i.assignGeneratedIpv6CidrBlock,
                              Ipv6CidrBlock: i.ipv6CidrBlock,
                              Ipv6IpamPoolId: i.ipv6IpamPoolId,
                              Ipv6NetmaskLength: i.ipv6NetmaskLength,
                              Ipv6CidrBlockNetworkBorderGroup: i.ipv6CidrBlockNetworkBorderGroup,
                          },
                      },
                  }
                : undefined,
        };
    },
});
