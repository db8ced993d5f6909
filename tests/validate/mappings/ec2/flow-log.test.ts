import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ec2.FlowLog", () => {
    it("becomes an AWS::EC2::FlowLog naming the kind of resource it logs", () => {
        const flowLog = planned("aws:ec2/flowLog:FlowLog", "dev-flow-log", {
            vpcId: "vpc-0123456789abcdef0", trafficType: "ALL", logDestinationType: "s3", logDestination: "arn:aws:s3:::flow-logs",
            maxAggregationInterval: 60, destinationOptions: { fileFormat: "parquet", hiveCompatiblePartitions: true, perHourPartition: true },
        });
        assert.deepStrictEqual(translated(flowLog), {
            Type: "AWS::EC2::FlowLog",
            Properties: {
                ResourceType: "VPC", ResourceId: "vpc-0123456789abcdef0", TrafficType: "ALL", LogDestinationType: "s3",
                LogDestination: { "Fn::Sub": "arn:${AWS::Partition}:s3:::flow-logs" }, MaxAggregationInterval: 60,
                DestinationOptions: { FileFormat: "parquet", HiveCompatiblePartitions: true, PerHourPartition: true },
            },
        });
    });

    it("logs a subnet as ResourceType Subnet", () => {
        const properties = translated(planned("aws:ec2/flowLog:FlowLog", "f", { subnetId: "subnet-0123456789abcdef0", trafficType: "REJECT" })).Properties;
        assert.deepStrictEqual([properties.ResourceType, properties.ResourceId], ["Subnet", "subnet-0123456789abcdef0"]);
    });
});
