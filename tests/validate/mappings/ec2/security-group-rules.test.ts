import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const app = planned("aws:ec2/securityGroup:SecurityGroup", "dev-app-sg", { vpcId: "vpc-0123456789abcdef0" }, { id: "sg-0aaaaaaaaaaaaaaaa" });
const data = planned("aws:ec2/securityGroup:SecurityGroup", "dev-data-sg", { vpcId: "vpc-0123456789abcdef0" }, { id: "sg-0bbbbbbbbbbbbbbbb" });

describe("mapping aws.vpc.SecurityGroupIngressRule and SecurityGroupEgressRule", () => {
    it("makes an ingress rule from another tier's group an AWS::EC2::SecurityGroupIngress with a source group", () => {
        const rule = planned("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "dev-data-from-app-5432", {
            securityGroupId: data.id, referencedSecurityGroupId: app.id, ipProtocol: "tcp", fromPort: 5432, toPort: 5432, description: "PostgreSQL from the app tier", tags: { Name: "x" },
        }, { dependsOn: [data.urn, app.urn] });
        assert.deepStrictEqual(translated(rule, app, data), {
            Type: "AWS::EC2::SecurityGroupIngress",
            Properties: {
                GroupId: { "Fn::GetAtt": ["DevDataSg", "GroupId"] },
                IpProtocol: "tcp", FromPort: 5432, ToPort: 5432,
                SourceSecurityGroupId: { "Fn::GetAtt": ["DevAppSg", "GroupId"] },
                Description: "PostgreSQL from the app tier",
            },
        });
    });

    it("makes an egress rule to a prefix list an AWS::EC2::SecurityGroupEgress with a destination prefix list, `all` spelled -1", () => {
        const rule = planned("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "dev-app-to-s3", {
            securityGroupId: app.id, prefixListId: "pl-63a5400a", ipProtocol: "all",
        }, { dependsOn: [app.urn] });
        assert.deepStrictEqual(translated(rule, app).Properties, { GroupId: { "Fn::GetAtt": ["DevAppSg", "GroupId"] }, IpProtocol: "-1", DestinationPrefixListId: "pl-63a5400a" });
    });
});
