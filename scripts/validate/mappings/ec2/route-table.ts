import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { Companion, resourceMapping } from "../../mapping";
import { routeTarget } from "./route-targets";

export const routeTable = resourceMapping<aws.ec2.RouteTableArgs>({
    pulumiType: "aws:ec2/routeTable:RouteTable",
    cfnType: "AWS::EC2::RouteTable",
    attributes: { id: REF },
    translate: (i, ctx) => {
        // CloudFormation has no inline routes or propagations: each is a resource of its own.
        const routes = (i.routes ?? []).map((r, n): [string, Companion] => [`Route${n + 1}`, {
            type: "AWS::EC2::Route",
            properties: { RouteTableId: ctx.self(), DestinationCidrBlock: r.cidrBlock, DestinationIpv6CidrBlock: r.ipv6CidrBlock, ...routeTarget(r) },
        }]);
        const propagations = (i.propagatingVgws ?? []).map((vgw, n): [string, Companion] => [`Propagation${n + 1}`, {
            type: "AWS::EC2::VPNGatewayRoutePropagation",
            properties: { RouteTableIds: [ctx.self()], VpnGatewayId: vgw },
        }]);
        return {
            properties: { VpcId: ctx.orPlaceholder(i.vpcId, "vpcId", "vpcId"), Tags: ctx.tags(i.tags) },
            companions: Object.fromEntries([...routes, ...propagations]),
        };
    },
});
