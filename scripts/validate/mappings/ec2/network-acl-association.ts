import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const networkAclAssociation = resourceMapping<aws.ec2.NetworkAclAssociationArgs>({
    pulumiType: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    cfnType: "AWS::EC2::SubnetNetworkAclAssociation",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: {
            NetworkAclId: ctx.orPlaceholder(i.networkAclId, "networkAclId", "networkAclId"),
            SubnetId: ctx.orPlaceholder(i.subnetId, "subnetId", "subnetId"),
        },
    }),
});
