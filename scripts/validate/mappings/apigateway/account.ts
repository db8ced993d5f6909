import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const apiGatewayAccount = resourceMapping<aws.apigateway.AccountArgs>({
    pulumiType: "aws:apigateway/account:Account",
    cfnType: "AWS::ApiGateway::Account",
    attributes: {},
    translate: (i) => ({ properties: { CloudWatchRoleArn: i.cloudwatchRoleArn } }),
});
