import * as assert from "assert";
import { routeTarget } from "../../../../scripts/validate/mappings/ec2/route-targets";

describe("route targets", () => {
    it("renames each Pulumi target input to CloudFormation's property", () => {
        assert.deepStrictEqual(routeTarget({ natGatewayId: "nat-1", vpcEndpointId: "vpce-1", transitGatewayId: "tgw-1" }), {
            DestinationPrefixListId: undefined, CarrierGatewayId: undefined, CoreNetworkArn: undefined, EgressOnlyInternetGatewayId: undefined,
            GatewayId: undefined, LocalGatewayId: undefined, NatGatewayId: "nat-1", NetworkInterfaceId: undefined, OdbNetworkArn: undefined,
            TransitGatewayId: "tgw-1", VpcEndpointId: "vpce-1", VpcPeeringConnectionId: undefined,
        });
    });
});
