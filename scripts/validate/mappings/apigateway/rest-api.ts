import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson, verbatim } from "../../values";

export const restApi = resourceMapping<aws.apigateway.RestApiArgs>({
    pulumiType: "aws:apigateway/restApi:RestApi",
    cfnType: "AWS::ApiGateway::RestApi",
    attributes: { id: REF, rootResourceId: "RootResourceId" },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            Description: i.description,
            // One endpoint type in Pulumi, a list of them in CloudFormation.
            EndpointConfiguration: i.endpointConfiguration && {
                Types: [i.endpointConfiguration.types],
                VpcEndpointIds: i.endpointConfiguration.vpcEndpointIds,
                IpAddressType: i.endpointConfiguration.ipAddressType,
            },
            EndpointAccessMode: i.endpointAccessMode,
            SecurityPolicy: i.securityPolicy,
            // A string in Pulumi (so that -1 can mean "off"), a number in CloudFormation.
            MinimumCompressionSize: i.minimumCompressionSize === undefined ? undefined : Number(i.minimumCompressionSize),
            BinaryMediaTypes: i.binaryMediaTypes,
            ApiKeySourceType: i.apiKeySource,
            DisableExecuteApiEndpoint: i.disableExecuteApiEndpoint,
            FailOnWarnings: i.failOnWarnings,
            Mode: i.putRestApiMode,
            Body: parseJson(i.body),
            Parameters: i.parameters,
            Policy: parseJson(i.policy),
            Tags: ctx.tags(i.tags),
        },
    }),
});
