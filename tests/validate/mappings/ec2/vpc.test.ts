import * as assert from "assert";
import { cfnOf, planned, translate, translated } from "../../fixtures";

describe("mapping aws.ec2.Vpc", () => {
    it("becomes an AWS::EC2::VPC with its CIDR, DNS settings and tags", () => {
        const vpc = planned("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.20.0.0/16", enableDnsHostnames: true, enableDnsSupport: true, instanceTenancy: "default", tags: { Name: "dev-vpc" } });
        assert.deepStrictEqual(translated(vpc), {
            Type: "AWS::EC2::VPC",
            Properties: { CidrBlock: "10.20.0.0/16", EnableDnsHostnames: true, EnableDnsSupport: true, InstanceTenancy: "default", Tags: [{ Key: "Name", Value: "dev-vpc" }] },
        });
    });

    it("adds an Amazon-provided IPv6 block as an AWS::EC2::VPCCidrBlock of its own", () => {
        const t = translate(planned("aws:ec2/vpc:Vpc", "dual", { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true }));
        assert.deepStrictEqual(cfnOf(t, "dual")[1], ["DualIpv6Cidr", { Type: "AWS::EC2::VPCCidrBlock", Properties: { VpcId: { Ref: "Dual" }, AmazonProvidedIpv6CidrBlock: true } }]);
    });
});
