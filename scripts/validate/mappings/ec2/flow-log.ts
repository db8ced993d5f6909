import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const flowLog = resourceMapping<aws.ec2.FlowLogArgs>({
    pulumiType: "aws:ec2/flowLog:FlowLog",
    cfnType: "AWS::EC2::FlowLog",
    attributes: { id: REF },
    translate: (i, ctx) => {
        // Pulumi has one input per kind of logged resource; CloudFormation one id and its kind.
        const [resourceType, resourceId] = ([
            ["VPC", i.vpcId],
            ["Subnet", i.subnetId],
            ["NetworkInterface", i.eniId],
            ["TransitGateway", i.transitGatewayId],
            ["TransitGatewayAttachment", i.transitGatewayAttachmentId],
            ["RegionalNatGateway", i.regionalNatGatewayId],
        ] as const).find(([, id]) => id !== undefined) ?? [undefined, undefined];
        return {
            properties: {
                ResourceType: resourceType,
                ResourceId: resourceId,
                TrafficType: i.trafficType,
                LogDestinationType: i.logDestinationType,
                LogDestination: i.logDestination,
                DeliverLogsPermissionArn: i.iamRoleArn,
                DeliverCrossAccountRole: i.deliverCrossAccountRole,
                LogFormat: i.logFormat,
                MaxAggregationInterval: i.maxAggregationInterval,
                DestinationOptions: i.destinationOptions && {
                    FileFormat: i.destinationOptions.fileFormat,
                    HiveCompatiblePartitions: i.destinationOptions.hiveCompatiblePartitions,
                    PerHourPartition: i.destinationOptions.perHourPartition,
                },
                TagFieldSpecifications: i.tagFieldSpecifications?.map((t) => ({ ResourceType: t.resourceType, TagKeys: t.tagKeys })),
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
