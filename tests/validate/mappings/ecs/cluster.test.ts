import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ecs.Cluster", () => {
    it("becomes an AWS::ECS::Cluster with its settings and Service Connect namespace, S3 encryption renamed", () => {
        const cluster = planned("aws:ecs/cluster:Cluster", "dev-cluster", {
            settings: [{ name: "containerInsights", value: "enhanced" }],
            serviceConnectDefaults: { namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0123456789abcdef" },
            configuration: { executeCommandConfiguration: { logging: "OVERRIDE", logConfiguration: { s3BucketName: "exec-logs", s3BucketEncryptionEnabled: true } } },
        });
        assert.deepStrictEqual(translated(cluster), {
            Type: "AWS::ECS::Cluster",
            Properties: {
                ClusterSettings: [{ Name: "containerInsights", Value: "enhanced" }],
                Configuration: { ExecuteCommandConfiguration: { Logging: "OVERRIDE", LogConfiguration: { S3BucketName: "exec-logs", S3EncryptionEnabled: true } } },
                ServiceConnectDefaults: { Namespace: { "Fn::Sub": "arn:${AWS::Partition}:servicediscovery:${AWS::Region}:${AWS::AccountId}:namespace/ns-0123456789abcdef" } },
            },
        });
    });
});
