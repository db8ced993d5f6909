import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const subnet = resourceMapping<aws.ec2.SubnetArgs>({
    pulumiType: "aws:ec2/subnet:Subnet",
    cfnType: "AWS::EC2::Subnet",
    attributes: { id: REF },
    noEquivalent: {
        customerOwnedIpv4Pool: "Outposts customer-owned IPs have no property on AWS::EC2::Subnet",
        mapCustomerOwnedIpOnLaunch: "Outposts customer-owned IPs have no property on AWS::EC2::Subnet",
    },
    translate: (i, ctx) => ({
        properties: {
            VpcId: ctx.orPlaceholder(i.vpcId, "vpcId", "vpcId"),
            AvailabilityZone: i.availabilityZone,
            AvailabilityZoneId: i.availabilityZoneId,
            CidrBlock: i.cidrBlock,
            Ipv4IpamPoolId: i.ipv4IpamPoolId,
            Ipv4NetmaskLength: i.ipv4NetmaskLength,
            Ipv6CidrBlock: i.ipv6CidrBlock,
            Ipv6IpamPoolId: i.ipv6IpamPoolId,
            Ipv6NetmaskLength: i.ipv6NetmaskLength,
            Ipv6Native: i.ipv6Native,
            AssignIpv6AddressOnCreation: i.assignIpv6AddressOnCreation,
            EnableDns64: i.enableDns64,
            EnableLniAtDeviceIndex: i.enableLniAtDeviceIndex,
            MapPublicIpOnLaunch: i.mapPublicIpOnLaunch,
            OutpostArn: i.outpostArn,
            PrivateDnsNameOptionsOnLaunch: {
                HostnameType: i.privateDnsHostnameTypeOnLaunch,
                EnableResourceNameDnsARecord: i.enableResourceNameDnsARecordOnLaunch,
                EnableResourceNameDnsAAAARecord: i.enableResourceNameDnsAaaaRecordOnLaunch,
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
