import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const VPC = "vpc-0123456789abcdef0";

describe("mapping aws.ec2.SecurityGroup", () => {
    it("splits each inline rule into one CloudFormation rule per peer, `self` being the group itself", () => {
        const group = planned("aws:ec2/securityGroup:SecurityGroup", "dev-app-sg", {
            vpcId: VPC,
            description: "dev app tier",
            ingress: [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["10.0.0.0/16", "10.1.0.0/16"], self: true }],
            egress: [{ protocol: "all", fromPort: 0, toPort: 0, prefixListIds: ["pl-0123456789abcdef0"] }],
        });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::EC2::SecurityGroup",
            Properties: {
                GroupDescription: "dev app tier",
                VpcId: VPC,
                SecurityGroupIngress: [
                    { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIp: "10.0.0.0/16" },
                    { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, CidrIp: "10.1.0.0/16" },
                    { IpProtocol: "tcp", FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: { "Fn::GetAtt": ["DevAppSg", "GroupId"] } },
                ],
                SecurityGroupEgress: [{ IpProtocol: "-1", FromPort: 0, ToPort: 0, DestinationPrefixListId: "pl-0123456789abcdef0" }],
            },
        });
    });

    it("keeps a group without egress rules closed, as Pulumi leaves it, with CloudFormation's match-nothing rule", () => {
        const group = translated(planned("aws:ec2/securityGroup:SecurityGroup", "closed", { vpcId: VPC }));
        assert.strictEqual(group.Properties.GroupDescription, "Managed by Pulumi");
        assert.deepStrictEqual(group.Properties.SecurityGroupEgress, [{ CidrIp: "255.255.255.255/32", IpProtocol: "icmp", FromPort: 252, ToPort: 86, Description: "Disallow all traffic" }]);
    });
});
