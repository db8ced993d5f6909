import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.elasticache.ReplicationGroup", () => {
    it("becomes an AWS::ElastiCache::ReplicationGroup with encryption at rest and in transit", () => {
        const group = planned("aws:elasticache/replicationGroup:ReplicationGroup", "cache", {
            replicationGroupId: "dev-cache", description: "read-through cache", engine: "valkey", engineVersion: "8.1", nodeType: "cache.t4g.small", numCacheClusters: 2,
            automaticFailoverEnabled: true, multiAzEnabled: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, authToken: "t0k3n-t0k3n-t0k3n-t0k3n",
            subnetGroupName: "dev-cache", securityGroupIds: ["sg-0123456789abcdef0"], port: 6379, snapshotRetentionLimit: 7, applyImmediately: true, finalSnapshotIdentifier: "dev-cache-final",
            logDeliveryConfigurations: [{ destination: "/elasticache/dev", destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" }],
        });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::ElastiCache::ReplicationGroup",
            Properties: {
                ReplicationGroupId: "dev-cache", ReplicationGroupDescription: "read-through cache", Engine: "valkey", EngineVersion: "8.1", CacheNodeType: "cache.t4g.small", NumCacheClusters: 2,
                AutomaticFailoverEnabled: true, MultiAZEnabled: true, CacheSubnetGroupName: "dev-cache", SecurityGroupIds: ["sg-0123456789abcdef0"], Port: 6379,
                AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, AuthToken: "t0k3n-t0k3n-t0k3n-t0k3n", SnapshotRetentionLimit: 7,
                LogDeliveryConfigurations: [{ DestinationType: "cloudwatch-logs", LogFormat: "json", LogType: "slow-log", DestinationDetails: { CloudWatchLogsDetails: { LogGroup: "/elasticache/dev" } } }],
            },
            DeletionPolicy: "Snapshot",
            UpdateReplacePolicy: "Snapshot",
        });
    });
});
