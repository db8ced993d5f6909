import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const replicationGroup = resourceMapping<aws.elasticache.ReplicationGroupArgs>({
    pulumiType: "aws:elasticache/replicationGroup:ReplicationGroup",
    cfnType: "AWS::ElastiCache::ReplicationGroup",
    attributes: { id: REF, primaryEndpointAddress: "PrimaryEndPoint.Address", readerEndpointAddress: "ReaderEndPoint.Address" },
    noEquivalent: {
        applyImmediately: "CloudFormation applies changes in the maintenance window or at once as ElastiCache decides",
        authTokenUpdateStrategy: "CloudFormation rotates the token with its own strategy",
        authTokenWoVersion: "a Pulumi-side trigger for rotating a write-only token",
    },
    translate: (i, ctx) => ({
        properties: {
            ReplicationGroupId: verbatim(i.replicationGroupId),
            ReplicationGroupDescription: i.description,
            Engine: i.engine,
            EngineVersion: i.engineVersion,
            CacheNodeType: i.nodeType,
            ClusterMode: i.clusterMode,
            NumCacheClusters: i.numCacheClusters,
            NumNodeGroups: i.numNodeGroups,
            ReplicasPerNodeGroup: i.replicasPerNodeGroup,
            NodeGroupConfiguration: pascalCaseKeys(i.nodeGroupConfigurations),
            AutomaticFailoverEnabled: i.automaticFailoverEnabled,
            MultiAZEnabled: i.multiAzEnabled,
            PreferredCacheClusterAZs: i.preferredCacheClusterAzs,
            CacheParameterGroupName: i.parameterGroupName,
            CacheSubnetGroupName: i.subnetGroupName,
            SecurityGroupIds: i.securityGroupIds,
            CacheSecurityGroupNames: i.securityGroupNames,
            Port: i.port,
            NetworkType: i.networkType,
            IpDiscovery: i.ipDiscovery,
            AtRestEncryptionEnabled: i.atRestEncryptionEnabled,
            KmsKeyId: i.kmsKeyId,
            TransitEncryptionEnabled: i.transitEncryptionEnabled,
            TransitEncryptionMode: i.transitEncryptionMode,
            AuthToken: i.authToken ?? i.authTokenWo,
            UserGroupIds: i.userGroupIds,
            AutoMinorVersionUpgrade: i.autoMinorVersionUpgrade,
            PreferredMaintenanceWindow: i.maintenanceWindow,
            SnapshotRetentionLimit: i.snapshotRetentionLimit,
            SnapshotWindow: i.snapshotWindow,
            SnapshotName: i.snapshotName,
            SnapshotArns: i.snapshotArns,
            DataTieringEnabled: i.dataTieringEnabled,
            Durability: i.durability,
            GlobalReplicationGroupId: i.globalReplicationGroupId,
            NotificationTopicArn: i.notificationTopicArn,
            // Pulumi names one destination; CloudFormation says which kind it is.
            LogDeliveryConfigurations: i.logDeliveryConfigurations?.map((l) => ({
                DestinationType: l.destinationType,
                LogFormat: l.logFormat,
                LogType: l.logType,
                DestinationDetails: l.destinationType === "kinesis-firehose" ? { KinesisFirehoseDetails: { DeliveryStream: l.destination } } : { CloudWatchLogsDetails: { LogGroup: l.destination } },
            })),
            Tags: ctx.tags(i.tags),
        },
        // ElastiCache takes a final snapshot only when Pulumi names one, as CloudFormation's Snapshot policy does.
        deletionPolicy: i.finalSnapshotIdentifier === undefined ? undefined : "Snapshot",
    }),
});
