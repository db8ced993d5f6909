import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const stage = resourceMapping<aws.apigateway.StageArgs>({
    pulumiType: "aws:apigateway/stage:Stage",
    cfnType: "AWS::ApiGateway::Stage",
    // A stage's Ref is its name, which is how method settings and usage plans name it.
    attributes: { stageName: REF },
    translate: (i, ctx) => ({
        properties: {
            RestApiId: i.restApi,
            StageName: i.stageName,
            DeploymentId: i.deployment,
            Description: i.description,
            AccessLogSetting: i.accessLogSettings && { DestinationArn: i.accessLogSettings.destinationArn, Format: i.accessLogSettings.format },
            CacheClusterEnabled: i.cacheClusterEnabled,
            CacheClusterSize: i.cacheClusterSize,
            TracingEnabled: i.xrayTracingEnabled,
            Variables: i.variables,
            ClientCertificateId: i.clientCertificateId,
            DocumentationVersion: i.documentationVersion,
            CanarySetting: i.canarySettings && {
                DeploymentId: i.canarySettings.deploymentId,
                PercentTraffic: i.canarySettings.percentTraffic,
                StageVariableOverrides: i.canarySettings.stageVariableOverrides,
                UseStageCache: i.canarySettings.useStageCache,
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
