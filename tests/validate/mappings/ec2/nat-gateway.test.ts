import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.NatGateway", () => {
    it("becomes an AWS::EC2::NatGateway in its subnet with its address", () => {
        const nat = planned("aws:ec2/natGateway:NatGateway", "dev-nat", {
            allocationId: "eipalloc-0123456789abcdef0",
            subnetId: "subnet-0123456789abcdef0",
            connectivityType: "public",
            secondaryPrivateIpAddressCount: 2,
        });
        assert.deepStrictEqual(translated(nat), {
            Type: "AWS::EC2::NatGateway",
            Properties: { AllocationId: "eipalloc-0123456789abcdef0", SubnetId: "subnet-0123456789abcdef0", ConnectivityType: "public", SecondaryPrivateIpAddressCount: 2 },
        });
    });
});
