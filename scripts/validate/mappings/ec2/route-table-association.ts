import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

/** Pulumi has one association type for subnets and gateways; CloudFormation has one for each. */
export const routeTableAssociation = resourceMapping<aws.ec2.RouteTableAssociationArgs>({
    pulumiType: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    cfnType: "AWS::EC2::SubnetRouteTableAssociation",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        type: i.gatewayId === undefined ? undefined : "AWS::EC2::GatewayRouteTableAssociation",
        properties: { RouteTableId: ctx.orPlaceholder(i.routeTableId, "routeTableId", "routeTableId"), SubnetId: i.subnetId, GatewayId: i.gatewayId },
    }),
});
