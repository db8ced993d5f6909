import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/** CloudFormation writes a method's integration inside the AWS::ApiGateway::Method. */
export const integration = foldMapping<aws.apigateway.IntegrationArgs>({
    pulumiType: "aws:apigateway/integration:Integration",
    noEquivalent: {
        restApi: "names the method, which the integration is written inside",
        resourceId: "names the method, which the integration is written inside",
        httpMethod: "names the method, which the integration is written inside",
        tlsConfig: "AWS::ApiGateway::Method has no TLS setting for integrations",
    },
    fold: (i) => ({
        targetType: "aws:apigateway/method:Method",
        properties: {
            Integration: {
                Type: i.type,
                IntegrationHttpMethod: i.integrationHttpMethod,
                Uri: i.uri,
                ConnectionType: i.connectionType,
                ConnectionId: i.connectionId,
                IntegrationTarget: i.integrationTarget,
                Credentials: i.credentials,
                CacheKeyParameters: i.cacheKeyParameters,
                CacheNamespace: i.cacheNamespace,
                ContentHandling: i.contentHandling,
                PassthroughBehavior: i.passthroughBehavior,
                RequestParameters: i.requestParameters,
                RequestTemplates: i.requestTemplates,
                ResponseTransferMode: i.responseTransferMode,
                TimeoutInMillis: i.timeoutMilliseconds,
            },
        },
    }),
});
