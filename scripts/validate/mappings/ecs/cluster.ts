import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const cluster = resourceMapping<aws.ecs.ClusterArgs>({
    pulumiType: "aws:ecs/cluster:Cluster",
    cfnType: "AWS::ECS::Cluster",
    // A cluster's Ref is its name; Pulumi's id is its ARN.
    attributes: { arn: "Arn", id: "Arn", name: REF },
    translate: (i, ctx) => {
        const exec = i.configuration?.executeCommandConfiguration;
        const storage = i.configuration?.managedStorageConfiguration;
        return {
            properties: {
                ClusterName: verbatim(i.name),
                ClusterSettings: i.settings?.map((s) => ({ Name: s.name, Value: s.value })),
                Configuration: {
                    ExecuteCommandConfiguration: exec && {
                        KmsKeyId: exec.kmsKeyId,
                        Logging: exec.logging,
                        LogConfiguration: exec.logConfiguration && {
                            CloudWatchEncryptionEnabled: exec.logConfiguration.cloudWatchEncryptionEnabled,
                            CloudWatchLogGroupName: exec.logConfiguration.cloudWatchLogGroupName,
                            S3BucketName: exec.logConfiguration.s3BucketName,
                            S3EncryptionEnabled: exec.logConfiguration.s3BucketEncryptionEnabled,
                            S3KeyPrefix: exec.logConfiguration.s3KeyPrefix,
                        },
                    },
                    ManagedStorageConfiguration: storage && { KmsKeyId: storage.kmsKeyId, FargateEphemeralStorageKmsKeyId: storage.fargateEphemeralStorageKmsKeyId },
                },
                ServiceConnectDefaults: i.serviceConnectDefaults && { Namespace: i.serviceConnectDefaults.namespace },
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
