import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const internetGateway = resourceMapping<aws.ec2.InternetGatewayArgs>({
    pulumiType: "aws:ec2/internetGateway:InternetGateway",
    cfnType: "AWS::EC2::InternetGateway",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: { Tags: ctx.tags(i.tags) },
        // Pulumi attaches the gateway through its own vpcId; CloudFormation needs the attachment as a resource.
        companions: i.vpcId === undefined
            ? undefined
            : { Attachment: { type: "AWS::EC2::VPCGatewayAttachment", properties: { VpcId: i.vpcId, InternetGatewayId: ctx.self() } } },
    }),
});
