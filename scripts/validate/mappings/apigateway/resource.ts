import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const apiResource = resourceMapping<aws.apigateway.ResourceArgs>({
    pulumiType: "aws:apigateway/resource:Resource",
    cfnType: "AWS::ApiGateway::Resource",
    attributes: { id: REF },
    translate: (i) => ({ properties: { RestApiId: i.restApi, ParentId: i.parentId, PathPart: i.pathPart } }),
});
