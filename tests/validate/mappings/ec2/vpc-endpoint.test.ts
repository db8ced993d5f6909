import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.VpcEndpoint", () => {
    it("becomes an AWS::EC2::VPCEndpoint of the gateway kind on route tables", () => {
        const endpoint = planned("aws:ec2/vpcEndpoint:VpcEndpoint", "dev-s3", {
            vpcId: "vpc-0123456789abcdef0", serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway", routeTableIds: ["rtb-0123456789abcdef0"],
        });
        assert.deepStrictEqual(translated(endpoint), {
            Type: "AWS::EC2::VPCEndpoint",
            Properties: { VpcId: "vpc-0123456789abcdef0", ServiceName: "com.amazonaws.us-east-1.s3", VpcEndpointType: "Gateway", RouteTableIds: ["rtb-0123456789abcdef0"] },
        });
    });

    it("becomes an interface endpoint with private DNS, its policy as a document and Pulumi's DNS flag as CloudFormation's enum", () => {
        const endpoint = planned("aws:ec2/vpcEndpoint:VpcEndpoint", "dev-logs", {
            vpcId: "vpc-0123456789abcdef0", serviceName: "com.amazonaws.us-east-1.logs", vpcEndpointType: "Interface", privateDnsEnabled: true,
            subnetIds: ["subnet-0123456789abcdef0"], securityGroupIds: ["sg-0123456789abcdef0"],
            dnsOptions: { dnsRecordIpType: "ipv4", privateDnsOnlyForInboundResolverEndpoint: false },
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "logs:*", Resource: "*" }] }),
        });
        assert.deepStrictEqual(translated(endpoint).Properties, {
            VpcId: "vpc-0123456789abcdef0", ServiceName: "com.amazonaws.us-east-1.logs", VpcEndpointType: "Interface",
            SubnetIds: ["subnet-0123456789abcdef0"], SecurityGroupIds: ["sg-0123456789abcdef0"], PrivateDnsEnabled: true,
            DnsOptions: { DnsRecordIpType: "ipv4", PrivateDnsOnlyForInboundResolverEndpoint: "AllResolvers" },
            PolicyDocument: { Statement: [{ Effect: "Allow", Principal: "*", Action: "logs:*", Resource: "*" }] },
        });
    });
});
