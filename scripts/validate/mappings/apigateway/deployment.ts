import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const deployment = resourceMapping<aws.apigateway.DeploymentArgs>({
    pulumiType: "aws:apigateway/deployment:Deployment",
    cfnType: "AWS::ApiGateway::Deployment",
    attributes: { id: REF },
    noEquivalent: {
        triggers: "Pulumi's way to force a new deployment; CloudFormation needs a new logical id for that",
        variables: "stage variables belong on the AWS::ApiGateway::Stage",
    },
    translate: (i) => ({ properties: { RestApiId: i.restApi, Description: i.description } }),
});
