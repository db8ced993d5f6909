import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/**
 * The provider passes `methodPath` to API Gateway unchanged, as the key of the stage's
 * `methodSettings` and inside the UpdateStage patch path: the resource path with every `/` escaped
 * as `~1`, the leading one included, then the verb (`~1api~1v1~1data/GET`), or `*\/*` for every
 * method of the stage. CloudFormation spells the same key with one unescaped slash in front
 * (`ResourcePath: /~1api~1v1~1data`, or `/*`) and the verb apart. The translation only moves that
 * slash: a key in any other shape is refused rather than repaired, so that a template that
 * validates stands for the key AWS would really receive.
 */
export function resourcePathAndMethod(methodPath: string): { ResourcePath: string; HttpMethod: string } {
    const cut = methodPath.lastIndexOf("/");
    const path = methodPath.slice(0, cut);
    const method = methodPath.slice(cut + 1);
    if (cut < 0 || !/^(\*|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method) || !(path === "*" || path === "~1" || /^(~1[^/~]+)+$/.test(path))) {
        throw new Error(`methodPath ${JSON.stringify(methodPath)} is not a key API Gateway knows: expected the resource path with every "/" escaped as "~1" (the leading one too) and the verb or "*", such as "~1api~1v1~1data/GET", or "*/*"`);
    }
    // The root resource is `~1` in the key and a lone `/` in CloudFormation.
    return { ResourcePath: path === "*" ? "/*" : path === "~1" ? "/" : `/${path}`, HttpMethod: method };
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
