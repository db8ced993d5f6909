import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const vpcLink = resourceMapping<aws.apigatewayv2.VpcLinkArgs>({
    pulumiType: "aws:apigatewayv2/vpcLink:VpcLink",
    cfnType: "AWS::ApiGatewayV2::VpcLink",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: { Name: i.name, SubnetIds: i.subnetIds, SecurityGroupIds: i.securityGroupIds, Tags: ctx.tags(i.tags, "map") },
    }),
});
