import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.servicediscovery.PrivateDnsNamespace", () => {
    it("becomes an AWS::ServiceDiscovery::PrivateDnsNamespace in its VPC", () => {
        const vpc = planned("aws:ec2/vpc:Vpc", "dev-vpc", {}, { id: "vpc-0123456789abcdef0" });
        const namespace = planned("aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", "dev-namespace", { name: "dev.mesh.internal", description: "mesh", vpc: vpc.id }, { dependsOn: [vpc.urn] });
        assert.deepStrictEqual(translated(namespace, vpc), {
            Type: "AWS::ServiceDiscovery::PrivateDnsNamespace",
            Properties: { Name: "dev.mesh.internal", Description: "mesh", Vpc: { Ref: "DevVpc" } },
        });
    });
});
