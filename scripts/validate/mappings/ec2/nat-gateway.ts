import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const natGateway = resourceMapping<aws.ec2.NatGatewayArgs>({
    pulumiType: "aws:ec2/natGateway:NatGateway",
    cfnType: "AWS::EC2::NatGateway",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: {
            AllocationId: i.allocationId,
            SubnetId: i.subnetId,
            VpcId: i.vpcId,
            ConnectivityType: i.connectivityType,
            AvailabilityMode: i.availabilityMode,
            AvailabilityZoneAddresses: i.availabilityZoneAddresses?.map((a) => ({
                AllocationIds: a.allocationIds,
                AvailabilityZone: a.availabilityZone,
                AvailabilityZoneId: a.availabilityZoneId,
            })),
            PrivateIpAddress: i.privateIp,
            SecondaryAllocationIds: i.secondaryAllocationIds,
            SecondaryPrivateIpAddressCount: i.secondaryPrivateIpAddressCount,
            SecondaryPrivateIpAddresses: i.secondaryPrivateIpAddresses,
            Tags: ctx.tags(i.tags),
        },
    }),
});
