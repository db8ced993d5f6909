import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const eip = resourceMapping<aws.ec2.EipArgs>({
    pulumiType: "aws:ec2/eip:Eip",
    cfnType: "AWS::EC2::EIP",
    // A VPC address's Pulumi id is its allocation id; its CloudFormation Ref is the public IP.
    attributes: { id: "AllocationId", allocationId: "AllocationId", publicIp: REF },
    noEquivalent: { customerOwnedIpv4Pool: "Outposts customer-owned IPs have no property on AWS::EC2::EIP" },
    translate: (i, ctx) => ({
        properties: {
            Domain: i.domain,
            Address: i.address,
            InstanceId: i.instance,
            IpamPoolId: i.ipamPoolId,
            NetworkBorderGroup: i.networkBorderGroup,
            PublicIpv4Pool: i.publicIpv4Pool,
            Tags: ctx.tags(i.tags),
        },
        // AWS::EC2::EIP associates with instances only; a network interface takes an association resource.
        companions: i.networkInterface === undefined
            ? undefined
            : {
                  Association: {
                      type: "AWS::EC2::EIPAssociation",
                      properties: { AllocationId: ctx.self("AllocationId"), NetworkInterfaceId: i.networkInterface, PrivateIpAddress: i.associateWithPrivateIp },
                  },
              },
    }),
});
