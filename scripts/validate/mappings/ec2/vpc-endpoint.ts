import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson } from "../../values";

export const vpcEndpoint = resourceMapping<aws.ec2.VpcEndpointArgs>({
    pulumiType: "aws:ec2/vpcEndpoint:VpcEndpoint",
    cfnType: "AWS::EC2::VPCEndpoint",
    attributes: { id: REF },
    noEquivalent: {
        autoAccept: "accepting a connection to one's own endpoint service is an API call, not a CloudFormation property",
        subnetConfigurations: "AWS::EC2::VPCEndpoint cannot choose the endpoint's address in each subnet",
    },
    translate: (i, ctx) => ({
        properties: {
            VpcId: ctx.orPlaceholder(i.vpcId, "vpcId", "vpcId"),
            ServiceName: i.serviceName,
            ServiceRegion: i.serviceRegion,
            VpcEndpointType: i.vpcEndpointType,
            RouteTableIds: i.routeTableIds,
            SubnetIds: i.subnetIds,
            SecurityGroupIds: i.securityGroupIds,
            PrivateDnsEnabled: i.privateDnsEnabled,
            IpAddressType: i.ipAddressType,
            DnsOptions: i.dnsOptions && {
                DnsRecordIpType: i.dnsOptions.dnsRecordIpType,
                PrivateDnsOnlyForInboundResolverEndpoint: i.dnsOptions.privateDnsOnlyForInboundResolverEndpoint === undefined
                    ? undefined
                    : i.dnsOptions.privateDnsOnlyForInboundResolverEndpoint ? "OnlyInboundResolver" : "AllResolvers",
                PrivateDnsPreference: i.dnsOptions.privateDnsPreference,
                PrivateDnsSpecifiedDomains: i.dnsOptions.privateDnsSpecifiedDomains,
            },
            PolicyDocument: parseJson(i.policy),
            ResourceConfigurationArn: i.resourceConfigurationArn,
            ServiceNetworkArn: i.serviceNetworkArn,
            Tags: ctx.tags(i.tags),
        },
    }),
});
