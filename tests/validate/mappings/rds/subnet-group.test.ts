import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.rds.SubnetGroup", () => {
    it("becomes an AWS::RDS::DBSubnetGroup with Pulumi's default description", () => {
        assert.deepStrictEqual(translated(planned("aws:rds/subnetGroup:SubnetGroup", "dev-db", { name: "dev-db", subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] })), {
            Type: "AWS::RDS::DBSubnetGroup",
            Properties: { DBSubnetGroupName: "dev-db", DBSubnetGroupDescription: "Managed by Pulumi", SubnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] },
        });
    });
});
