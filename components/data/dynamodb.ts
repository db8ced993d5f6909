import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { StoreContext } from "./store-context";
import { attributeDefinitions, gsiBlocks, TableSpec } from "./table-spec";

export interface CreatedTable {
    readonly spec: TableSpec;
    readonly table: aws.dynamodb.Table;
}

/** Physical table name: the tier and the spec name only, so no other arg can rename (replace) it. */
export function tableName(tier: string, spec: TableSpec): string {
    return `${tier}-${spec.name}`;
}

/** The autoscaled dimensions of a provisioned table: read and write, on the table and on each GSI. */
function scalingTargets(spec: TableSpec, physicalName: pulumi.Input<string>) {
    const capacity = spec.capacity!;
    const targets = [
        { key: "table", kind: "table", resourceId: pulumi.interpolate`table/${physicalName}` },
        ...(spec.globalSecondaryIndexes ?? []).map((gsi) => ({ key: gsi.name, kind: "index", resourceId: pulumi.interpolate`table/${physicalName}/index/${gsi.name}` })),
    ];
    return targets.flatMap((t) =>
        (["read", "write"] as const).map((dim) => ({
            key: `${t.key}-${dim}`,
            resourceId: t.resourceId,
            scalableDimension: `dynamodb:${t.kind}:${dim === "read" ? "Read" : "Write"}CapacityUnits`,
            metric: dim === "read" ? "DynamoDBReadCapacityUtilization" : "DynamoDBWriteCapacityUtilization",
            range: capacity[dim],
        })),
    );
}

export function createTables(ctx: StoreContext, specs: readonly TableSpec[]): CreatedTable[] {
    const { name, parent, settings, key } = ctx;
    return specs.map((spec) => {
        const billingMode = spec.billingMode ?? "PAY_PER_REQUEST";
        const provisioned = billingMode === "PROVISIONED" ? spec.capacity : undefined;
        const stream = spec.stream ?? "NEW_AND_OLD_IMAGES";
        const logical = `${name}-table-${spec.name}`;
        const table = new aws.dynamodb.Table(logical, {
            name: tableName(name, spec),
            billingMode,
            hashKey: spec.partitionKey,
            rangeKey: spec.sortKey,
            attributes: attributeDefinitions(spec),
            globalSecondaryIndexes: gsiBlocks(spec),
            readCapacity: provisioned?.read.min,
            writeCapacity: provisioned?.write.min,
            pointInTimeRecovery: { enabled: true },
            serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
            deletionProtectionEnabled: settings.deletionProtection,
            streamEnabled: stream !== false,
            streamViewType: stream === false ? undefined : stream,
            ttl: spec.ttlAttribute !== undefined ? { enabled: true, attributeName: spec.ttlAttribute } : undefined,
            tags: { ...settings.tags, Name: tableName(name, spec) },
        }, {
            parent,
            protect: settings.protect,
            // Autoscaling moves provisioned capacity; without this every update would reset it to the minimum.
            ignoreChanges: provisioned ? ["readCapacity", "writeCapacity", "globalSecondaryIndexes[*].readCapacity", "globalSecondaryIndexes[*].writeCapacity"] : undefined,
        });
        if (provisioned) {
            for (const target of scalingTargets(spec, table.name)) {
                const scalable = new aws.appautoscaling.Target(`${logical}-${target.key}`, {
                    serviceNamespace: "dynamodb",
                    resourceId: target.resourceId,
                    scalableDimension: target.scalableDimension,
                    minCapacity: target.range.min,
                    maxCapacity: target.range.max,
                    tags: settings.tags,
                }, { parent });
                new aws.appautoscaling.Policy(`${logical}-${target.key}`, {
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: scalable.serviceNamespace,
                    resourceId: scalable.resourceId,
                    scalableDimension: scalable.scalableDimension,
                    targetTrackingScalingPolicyConfiguration: {
                        targetValue: provisioned.targetUtilization ?? 70,
                        predefinedMetricSpecification: { predefinedMetricType: target.metric },
                    },
                }, { parent });
            }
        }
        return { spec, table };
    });
}
