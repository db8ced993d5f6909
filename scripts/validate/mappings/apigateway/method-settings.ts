import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/**
 * Pulumi's `methodPath` is `<resource path without its leading slash, "/" escaped as "~1">/<verb>`
 * (`api~1v1~1data/GET`, or `*\/*` for every method). CloudFormation takes path and verb apart and
 * escapes the whole path behind one slash: `/~1api~1v1~1data`, or `/*`.
 */
export function resourcePathAndMethod(methodPath: string): { ResourcePath: string; HttpMethod: string } {
    const cut = methodPath.lastIndexOf("/");
    const path = methodPath.slice(0, cut);
    return { ResourcePath: path === "*" ? "/*" : `/~1${path}`, HttpMethod: methodPath.slice(cut + 1) };
}

/** CloudFormation keeps method settings in the stage's `MethodSettings` list. */
export const methodSettings = foldMapping<aws.apigateway.MethodSettingsArgs>({
    pulumiType: "aws:apigateway/methodSettings:MethodSettings",
    noEquivalent: {
        restApi: "names the stage, which the settings are written inside",
        stageName: "names the stage, which the settings are written inside",
    },
    fold: (i) => ({
        targetType: "aws:apigateway/stage:Stage",
        properties: {
            // requireAuthorizationForCacheControl and unauthorizedCacheControlHeaderStrategy have no
            // CloudFormation property; they stay API Gateway's defaults in the translation.
            MethodSettings: [{
                ...(i.methodPath === undefined ? {} : resourcePathAndMethod(i.methodPath)),
                CachingEnabled: i.settings?.cachingEnabled,
                CacheTtlInSeconds: i.settings?.cacheTtlInSeconds,
                CacheDataEncrypted: i.settings?.cacheDataEncrypted,
                DataTraceEnabled: i.settings?.dataTraceEnabled,
                LoggingLevel: i.settings?.loggingLevel,
                MetricsEnabled: i.settings?.metricsEnabled,
                ThrottlingBurstLimit: i.settings?.throttlingBurstLimit,
                ThrottlingRateLimit: i.settings?.throttlingRateLimit,
            }],
        },
    }),
});
