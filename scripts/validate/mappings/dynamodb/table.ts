import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

function keySchema(hashKey: string | undefined, rangeKey: string | undefined) {
    return [
        ...(hashKey === undefined ? [] : [{ AttributeName: hashKey, KeyType: "HASH" }]),
        ...(rangeKey === undefined ? [] : [{ AttributeName: rangeKey, KeyType: "RANGE" }]),
    ];
}

function throughput(read: number | undefined, write: number | undefined) {
    return read === undefined && write === undefined ? undefined : { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

const RESTORE = "CloudFormation cannot create a table from a backup or a point in time";

export const table = resourceMapping<aws.dynamodb.TableArgs>({
    pulumiType: "aws:dynamodb/table:Table",
    cfnType: "AWS::DynamoDB::Table",
    attributes: { id: REF, name: REF, arn: "Arn", streamArn: "StreamArn" },
    noEquivalent: {
        replicas: "replicas make a global table, which is AWS::DynamoDB::GlobalTable in CloudFormation",
        globalTableWitness: "replicas make a global table, which is AWS::DynamoDB::GlobalTable in CloudFormation",
        restoreSourceName: RESTORE,
        restoreSourceTableArn: RESTORE,
        restoreDateTime: RESTORE,
        restoreToLatestTime: RESTORE,
        restoreBackupArn: RESTORE,
    },
    translate: (i, ctx) => ({
        properties: {
            TableName: verbatim(i.name),
            BillingMode: i.billingMode,
            TableClass: i.tableClass,
            AttributeDefinitions: i.attributes?.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
            // Pulumi names the keys; CloudFormation lists them with their roles.
            KeySchema: keySchema(i.hashKey, i.rangeKey),
            ProvisionedThroughput: throughput(i.readCapacity, i.writeCapacity),
            OnDemandThroughput: pascalCaseKeys(i.onDemandThroughput),
            WarmThroughput: pascalCaseKeys(i.warmThroughput),
            GlobalSecondaryIndexes: i.globalSecondaryIndexes?.map((g) => ({
                IndexName: g.name,
                KeySchema: g.keySchemas?.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })) ?? keySchema(g.hashKey, g.rangeKey),
                Projection: { ProjectionType: g.projectionType, NonKeyAttributes: g.nonKeyAttributes },
                ProvisionedThroughput: throughput(g.readCapacity, g.writeCapacity),
                OnDemandThroughput: pascalCaseKeys(g.onDemandThroughput),
                WarmThroughput: pascalCaseKeys(g.warmThroughput),
            })),
            LocalSecondaryIndexes: i.localSecondaryIndexes?.map((l) => ({
                IndexName: l.name,
                KeySchema: keySchema(i.hashKey, l.rangeKey),
                Projection: { ProjectionType: l.projectionType, NonKeyAttributes: l.nonKeyAttributes },
            })),
            // Pulumi switches the stream on and picks its view; CloudFormation has a stream when it has a view.
            StreamSpecification: i.streamEnabled ? { StreamViewType: i.streamViewType } : undefined,
            PointInTimeRecoverySpecification: i.pointInTimeRecovery && {
                PointInTimeRecoveryEnabled: i.pointInTimeRecovery.enabled,
                RecoveryPeriodInDays: i.pointInTimeRecovery.recoveryPeriodInDays,
            },
            // Pulumi's "enabled" means a customer or AWS managed KMS key; "disabled" is AWS owned, which CloudFormation spells SSEEnabled false.
            SSESpecification: i.serverSideEncryption && {
                SSEEnabled: i.serverSideEncryption.enabled,
                SSEType: i.serverSideEncryption.enabled ? "KMS" : undefined,
                KMSMasterKeyId: i.serverSideEncryption.kmsKeyArn,
            },
            TimeToLiveSpecification: i.ttl && { Enabled: i.ttl.enabled ?? true, AttributeName: i.ttl.attributeName },
            DeletionProtectionEnabled: i.deletionProtectionEnabled,
            ImportSourceSpecification: pascalCaseKeys(i.importTable),
            Tags: ctx.tags(i.tags),
        },
    }),
});
