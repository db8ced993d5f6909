import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.Subnet", () => {
    it("becomes an AWS::EC2::Subnet placed by AZ ID in its VPC, with its launch DNS options grouped", () => {
        const vpc = planned("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.20.0.0/16" }, { id: "vpc-0123456789abcdef0" });
        const subnet = planned("aws:ec2/subnet:Subnet", "dev-private-use1-az1", {
            vpcId: vpc.id,
            cidrBlock: "10.20.0.0/20",
            availabilityZoneId: "use1-az1",
            mapPublicIpOnLaunch: false,
            privateDnsHostnameTypeOnLaunch: "resource-name",
            enableResourceNameDnsARecordOnLaunch: true,
        }, { dependsOn: [vpc.urn] });
        assert.deepStrictEqual(translated(subnet, vpc), {
            Type: "AWS::EC2::Subnet",
            Properties: {
                VpcId: { Ref: "DevVpc" },
                AvailabilityZoneId: "use1-az1",
                CidrBlock: "10.20.0.0/20",
                MapPublicIpOnLaunch: false,
                PrivateDnsNameOptionsOnLaunch: { HostnameType: "resource-name", EnableResourceNameDnsARecord: true },
            },
        });
    });
});
