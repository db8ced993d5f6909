import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.elasticache.SubnetGroup", () => {
    it("becomes an AWS::ElastiCache::SubnetGroup", () => {
        assert.deepStrictEqual(translated(planned("aws:elasticache/subnetGroup:SubnetGroup", "cache", { name: "dev-cache", description: "isolated", subnetIds: ["subnet-0123456789abcdef0"] })), {
            Type: "AWS::ElastiCache::SubnetGroup",
            Properties: { CacheSubnetGroupName: "dev-cache", Description: "isolated", SubnetIds: ["subnet-0123456789abcdef0"] },
        });
    });
});
