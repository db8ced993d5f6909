import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.ec2.NetworkAcl", () => {
    it("becomes an AWS::EC2::NetworkAcl, with inline entries and subnet associations as resources of their own", () => {
        const acl = planned("aws:ec2/networkAcl:NetworkAcl", "dev-nacl", {
            vpcId: "vpc-0123456789abcdef0",
            ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "10.0.0.0/16", fromPort: 443, toPort: 443 }],
            egress: [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
            subnetIds: ["subnet-0123456789abcdef0"],
        });
        const self = { Ref: "DevNacl" };
        assert.deepStrictEqual(cfnOf(translate(acl), "dev-nacl"), [
            ["DevNacl", { Type: "AWS::EC2::NetworkAcl", Properties: { VpcId: "vpc-0123456789abcdef0" } }],
            ["DevNaclIn100", { Type: "AWS::EC2::NetworkAclEntry", Properties: { NetworkAclId: self, RuleNumber: 100, RuleAction: "allow", Egress: false, Protocol: 6, CidrBlock: "10.0.0.0/16", PortRange: { From: 443, To: 443 } } }],
            ["DevNaclOut100", { Type: "AWS::EC2::NetworkAclEntry", Properties: { NetworkAclId: self, RuleNumber: 100, RuleAction: "allow", Egress: true, Protocol: -1, CidrBlock: "0.0.0.0/0" } }],
            ["DevNaclAssociation1", { Type: "AWS::EC2::SubnetNetworkAclAssociation", Properties: { NetworkAclId: self, SubnetId: "subnet-0123456789abcdef0" } }],
        ]);
    });
});
