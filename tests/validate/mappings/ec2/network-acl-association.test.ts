import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.NetworkAclAssociation", () => {
    it("becomes an AWS::EC2::SubnetNetworkAclAssociation", () => {
        const association = planned("aws:ec2/networkAclAssociation:NetworkAclAssociation", "a", { networkAclId: "acl-0123456789abcdef0", subnetId: "subnet-0123456789abcdef0" });
        assert.deepStrictEqual(translated(association), {
            Type: "AWS::EC2::SubnetNetworkAclAssociation",
            Properties: { NetworkAclId: "acl-0123456789abcdef0", SubnetId: "subnet-0123456789abcdef0" },
        });
    });
});
