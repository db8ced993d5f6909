import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const method = resourceMapping<aws.apigateway.MethodArgs>({
    pulumiType: "aws:apigateway/method:Method",
    cfnType: "AWS::ApiGateway::Method",
    attributes: {},
    translate: (i) => ({
        properties: {
            RestApiId: i.restApi,
            ResourceId: i.resourceId,
            HttpMethod: i.httpMethod,
            AuthorizationType: i.authorization,
            AuthorizerId: i.authorizerId,
            AuthorizationScopes: i.authorizationScopes,
            ApiKeyRequired: i.apiKeyRequired,
            OperationName: i.operationName,
            RequestModels: i.requestModels,
            RequestParameters: i.requestParameters,
            RequestValidatorId: i.requestValidatorId,
        },
    }),
});
