import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.ec2.RouteTable", () => {
    it("becomes an AWS::EC2::RouteTable, with each inline route and propagation as a resource of its own", () => {
        const table = planned("aws:ec2/routeTable:RouteTable", "dev-rt", {
            vpcId: "vpc-0123456789abcdef0",
            routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" }],
            propagatingVgws: ["vgw-0123456789abcdef0"],
        });
        assert.deepStrictEqual(cfnOf(translate(table), "dev-rt"), [
            ["DevRt", { Type: "AWS::EC2::RouteTable", Properties: { VpcId: "vpc-0123456789abcdef0" } }],
            ["DevRtRoute1", { Type: "AWS::EC2::Route", Properties: { RouteTableId: { Ref: "DevRt" }, DestinationCidrBlock: "0.0.0.0/0", NatGatewayId: "nat-0123456789abcdef0" } }],
            ["DevRtPropagation1", { Type: "AWS::EC2::VPNGatewayRoutePropagation", Properties: { RouteTableIds: [{ Ref: "DevRt" }], VpnGatewayId: "vgw-0123456789abcdef0" } }],
        ]);
    });
});
