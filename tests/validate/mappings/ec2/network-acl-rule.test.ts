import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.NetworkAclRule", () => {
    it("becomes an AWS::EC2::NetworkAclEntry with the protocol as a number", () => {
        const acl = planned("aws:ec2/networkAcl:NetworkAcl", "dev-nacl", { vpcId: "vpc-0123456789abcdef0" }, { id: "acl-0123456789abcdef0" });
        const rule = planned("aws:ec2/networkAclRule:NetworkAclRule", "dev-nacl-in-110", {
            networkAclId: acl.id, ruleNumber: 110, egress: false, protocol: "tcp", ruleAction: "deny", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22,
        }, { dependsOn: [acl.urn] });
        assert.deepStrictEqual(translated(rule, acl), {
            Type: "AWS::EC2::NetworkAclEntry",
            Properties: { NetworkAclId: { Ref: "DevNacl" }, RuleNumber: 110, RuleAction: "deny", Egress: false, Protocol: 6, CidrBlock: "0.0.0.0/0", PortRange: { From: 22, To: 22 } },
        });
    });
});
