import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.elasticache.ParameterGroup", () => {
    it("becomes an AWS::ElastiCache::ParameterGroup with its parameters as a map", () => {
        const group = planned("aws:elasticache/parameterGroup:ParameterGroup", "cache", { family: "valkey8", description: "lru", parameters: [{ name: "maxmemory-policy", value: "allkeys-lru" }] });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::ElastiCache::ParameterGroup",
            Properties: { CacheParameterGroupFamily: "valkey8", Description: "lru", Properties: { "maxmemory-policy": "allkeys-lru" } },
        });
    });
});
