import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const TABLE = "rtb-0123456789abcdef0";

describe("mapping aws.ec2.RouteTableAssociation", () => {
    it("becomes an AWS::EC2::SubnetRouteTableAssociation for a subnet", () => {
        assert.deepStrictEqual(translated(planned("aws:ec2/routeTableAssociation:RouteTableAssociation", "a", { routeTableId: TABLE, subnetId: "subnet-0123456789abcdef0" })), {
            Type: "AWS::EC2::SubnetRouteTableAssociation",
            Properties: { RouteTableId: TABLE, SubnetId: "subnet-0123456789abcdef0" },
        });
    });

    it("becomes an AWS::EC2::GatewayRouteTableAssociation for a gateway", () => {
        assert.deepStrictEqual(translated(planned("aws:ec2/routeTableAssociation:RouteTableAssociation", "a", { routeTableId: TABLE, gatewayId: "igw-0123456789abcdef0" })), {
            Type: "AWS::EC2::GatewayRouteTableAssociation",
            Properties: { RouteTableId: TABLE, GatewayId: "igw-0123456789abcdef0" },
        });
    });
});
