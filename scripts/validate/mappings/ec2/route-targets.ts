import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { Props } from "../../mapping";

type RouteTarget = pulumi.Unwrap<Omit<aws.ec2.RouteArgs, "routeTableId" | "destinationCidrBlock" | "destinationIpv6CidrBlock" | "region">>;

/** Where a route sends traffic: shared by `aws.ec2.Route` and the inline routes of `aws.ec2.RouteTable`. */
export function routeTarget(r: RouteTarget): Props {
    return {
        DestinationPrefixListId: r.destinationPrefixListId,
        CarrierGatewayId: r.carrierGatewayId,
        CoreNetworkArn: r.coreNetworkArn,
        EgressOnlyInternetGatewayId: r.egressOnlyGatewayId,
        GatewayId: r.gatewayId,
        LocalGatewayId: r.localGatewayId,
        NatGatewayId: r.natGatewayId,
        NetworkInterfaceId: r.networkInterfaceId,
        OdbNetworkArn: r.odbNetworkArn,
        TransitGatewayId: r.transitGatewayId,
        VpcEndpointId: r.vpcEndpointId,
        VpcPeeringConnectionId: r.vpcPeeringConnectionId,
    };
}
