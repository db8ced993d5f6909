import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const authorizer = resourceMapping<aws.apigateway.AuthorizerArgs>({
    pulumiType: "aws:apigateway/authorizer:Authorizer",
    cfnType: "AWS::ApiGateway::Authorizer",
    attributes: { id: REF },
    translate: (i) => ({
        properties: {
            RestApiId: i.restApi,
            Name: i.name,
            Type: i.type,
            AuthorizerUri: i.authorizerUri,
            AuthorizerCredentials: i.authorizerCredentials,
            AuthorizerResultTtlInSeconds: i.authorizerResultTtlInSeconds,
            IdentitySource: i.identitySource,
            IdentityValidationExpression: i.identityValidationExpression,
            ProviderARNs: i.providerArns,
        },
    }),
});
