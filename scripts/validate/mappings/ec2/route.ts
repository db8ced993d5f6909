import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { routeTarget } from "./route-targets";

export const route = resourceMapping<aws.ec2.RouteArgs>({
    pulumiType: "aws:ec2/route:Route",
    cfnType: "AWS::EC2::Route",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: {
            RouteTableId: ctx.orPlaceholder(i.routeTableId, "routeTableId", "routeTableId"),
            DestinationCidrBlock: i.destinationCidrBlock,
            DestinationIpv6CidrBlock: i.destinationIpv6CidrBlock,
            ...routeTarget(i),
        },
    }),
});
