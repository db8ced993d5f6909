import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.Route", () => {
    it("becomes an AWS::EC2::Route with its destination and target, egress-only gateways renamed", () => {
        const route = planned("aws:ec2/route:Route", "dev-rt-default", {
            routeTableId: "rtb-0123456789abcdef0",
            destinationIpv6CidrBlock: "::/0",
            egressOnlyGatewayId: "eigw-0123456789abcdef0",
        });
        assert.deepStrictEqual(translated(route), {
            Type: "AWS::EC2::Route",
            Properties: { RouteTableId: "rtb-0123456789abcdef0", DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
        });
    });
});
