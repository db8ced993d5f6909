import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.Eip", () => {
    it("becomes an AWS::EC2::EIP whose allocation id, not its Ref (the public IP), is what a NAT gateway points at", () => {
        const eip = planned("aws:ec2/eip:Eip", "dev-nat", { domain: "vpc" }, { id: "eipalloc-0123456789abcdef0", state: { publicIp: "203.0.113.10" } });
        const nat = planned("aws:ec2/natGateway:NatGateway", "dev-nat-gw", { allocationId: eip.id }, { dependsOn: [eip.urn] });
        assert.deepStrictEqual(translated(eip), { Type: "AWS::EC2::EIP", Properties: { Domain: "vpc" } });
        assert.deepStrictEqual(translated(nat, eip).Properties.AllocationId, { "Fn::GetAtt": ["DevNat", "AllocationId"] });
    });
});
