import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.ec2.InternetGateway", () => {
    it("becomes an AWS::EC2::InternetGateway plus the AWS::EC2::VPCGatewayAttachment that Pulumi's vpcId implies", () => {
        const vpc = planned("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.0.0.0/16" }, { id: "vpc-0123456789abcdef0" });
        const igw = planned("aws:ec2/internetGateway:InternetGateway", "dev-igw", { vpcId: vpc.id }, { dependsOn: [vpc.urn] });
        assert.deepStrictEqual(cfnOf(translate(vpc, igw), "dev-igw"), [
            ["DevIgw", { Type: "AWS::EC2::InternetGateway", Properties: {} }],
            ["DevIgwAttachment", { Type: "AWS::EC2::VPCGatewayAttachment", Properties: { VpcId: { Ref: "DevVpc" }, InternetGatewayId: { Ref: "DevIgw" } } }],
        ]);
    });

    it("has no attachment when Pulumi attaches it nowhere", () => {
        assert.strictEqual(cfnOf(translate(planned("aws:ec2/internetGateway:InternetGateway", "loose")), "loose").length, 1);
    });
});
