import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat } from "./access-log";
import { ResolvedSecureApiArgs } from "./args";
import { serviceTrustPolicy } from "../iam/policy";
import { PrivateLink } from "./private-link";
import {
    defaultBurst,
    deploymentFingerprint,
    HttpMethod,
    integrationPath,
    methodSettingsPath,
    needsCacheCluster,
    pathParameters,
    planResources,
    resourceKey,
    RouteSpec,
} from "./routes";
import { ORIGIN_VERIFY_HEADER } from "./waf-rules";

/** The smallest API Gateway cache (GB): enough for the reference data route; a cluster is billed per hour. */
export const CACHE_CLUSTER_SIZE = "0.5";
/** TLS 1.3 and 1.2 only, for the execute-api endpoint CloudFront calls (API Gateway's egress to the ALB is TLS 1.2). */
export const API_SECURITY_POLICY = "SecurityPolicy_TLS13_1_2_2021_06";

export interface RestApiParts {
    readonly restApi: aws.apigateway.RestApi;
    readonly stage: aws.apigateway.Stage;
    readonly accessLogGroup: aws.cloudwatch.LogGroup;
}

/** The REST API shell: created first so the authorizer can reference it. */
export function createRestApiShell(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): aws.apigateway.RestApi {
    return new aws.apigateway.RestApi(`${name}-api`, {
        name: `${name}-api`,
        description: "Public API of the platform, behind CloudFront and WAF, private integration to the internal ALB",
        // REGIONAL, not EDGE: CloudFront is ours (own WAF, headers, logging); an edge-optimised API would add a second, unmanaged distribution.
        endpointConfiguration: { types: "REGIONAL" },
        // The execute-api endpoint's default policy (TLS_1_0) still accepts TLS 1.0: refuse below 1.2.
        // STRICT also makes API Gateway match SNI to Host, which CloudFront's requests do (both are
        // the execute-api name), so nothing can reach this API under another API's name.
        securityPolicy: API_SECURITY_POLICY,
        endpointAccessMode: "STRICT",
        minimumCompressionSize: "1024",
        tags: args.tags,
    }, { parent });
}

/**
 * API Gateway writes access and execution logs through one role per account and region. Created
 * here because nothing else in the platform owns it; a second SecureApi in the same account and
 * region must pass `manageAccountLogRole: false` (there is one setting, last writer wins).
 */
function accountLogRole(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): aws.apigateway.Account {
    const role = new aws.iam.Role(`${name}-apigw-logs-role`, {
        assumeRolePolicy: JSON.stringify(serviceTrustPolicy("apigateway.amazonaws.com")),
        description: "API Gateway account-level role to write CloudWatch Logs",
        tags: args.tags,
    }, { parent });
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-apigw-logs-policy`, {
        role: role.name,
        policyArn: "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    }, { parent });
    return new aws.apigateway.Account(`${name}-apigw-account`, { cloudwatchRoleArn: role.arn }, { parent, dependsOn: [attachment] });
}

function methodRequestParameters(route: RouteSpec): Record<string, boolean> {
    return Object.fromEntries([
        ...pathParameters(route.path).map((p) => [`method.request.path.${p}`, true]),
        ...(route.cacheKeyQueryStrings ?? []).map((q) => [`method.request.querystring.${q}`, false]),
    ]);
}

function integrationRequestParameters(route: RouteSpec): Record<string, string> {
    return {
        ...Object.fromEntries(pathParameters(route.path).map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`])),
        // The services never need the edge's secret; do not hand it on.
        [`integration.request.header.${ORIGIN_VERIFY_HEADER}`]: "'-'",
        // The verified caller, for services behind an authenticated route (set by the authorizer, not by the client).
        ...(route.auth === "required" ? { "integration.request.header.x-authenticated-sub": "context.authorizer.principalId" } : {}),
    };
}

/**
 * Resources, methods and HTTP_PROXY integrations over the link, a deployment re-created when the
 * route table changes, the stage with JSON access logs, X-Ray, metrics, cache, and the per-route
 * throttling and caching.
 */
export function createRestApi(
    name: string,
    args: ResolvedSecureApiArgs,
    restApi: aws.apigateway.RestApi,
    link: PrivateLink,
    authorizer: aws.apigateway.Authorizer,
    parent: pulumi.Resource,
): RestApiParts {
    const routes = args.allRoutes;
    const resources = new Map<string, aws.apigateway.Resource>();
    for (const spec of planResources(routes)) {
        resources.set(spec.path, new aws.apigateway.Resource(`${name}-res-${spec.key}`, {
            restApi: restApi.id,
            parentId: spec.parentPath === undefined ? restApi.rootResourceId : resources.get(spec.parentPath)!.id,
            pathPart: spec.pathPart,
        }, { parent }));
    }

    const scheme = args.albListenerProtocol.toLowerCase();
    const host = args.albHostName ?? args.albDnsName;
    const children: pulumi.Resource[] = [];
    for (const route of routes) {
        const resource = resources.get(route.path)!;
        for (const httpMethod of route.methods) {
            const id = `${name}-${resourceKey(route.path)}-${httpMethod}`;
            const method = new aws.apigateway.Method(`${id}-method`, {
                restApi: restApi.id,
                resourceId: resource.id,
                httpMethod,
                authorization: route.auth === "required" ? "CUSTOM" : "NONE",
                ...(route.auth === "required" ? { authorizerId: authorizer.id } : {}),
                requestParameters: methodRequestParameters(route),
            }, { parent });
            const integration = new aws.apigateway.Integration(`${id}-integration`, {
                restApi: restApi.id,
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                type: "HTTP_PROXY",
                integrationHttpMethod: httpMethod,
                connectionType: "VPC_LINK",
                connectionId: link.connectionId,
                ...(link.integrationTarget !== undefined ? { integrationTarget: link.integrationTarget } : {}),
                // With a private integration the link routes; the URI sets the Host header, the TLS name and
                // the exact path the ALB sees (a proxy integration sends the URI's path, parameters filled
                // in, without the stage; docs/request-paths.md says why).
                uri: pulumi.interpolate`${scheme}://${host}:${args.albListenerPort}${integrationPath(route.path)}`,
                requestParameters: integrationRequestParameters(route),
                cacheKeyParameters: route.cacheTtlSeconds > 0 ? Object.keys(methodRequestParameters(route)) : [],
                timeoutMilliseconds: 29000,
            }, { parent });
            children.push(method, integration);
        }
    }

    const deployment = new aws.apigateway.Deployment(`${name}-deployment`, {
        restApi: restApi.id,
        description: "Managed by Pulumi; replaced whenever the route table or integration mode changes",
        // A deployment is a snapshot: without a new one, route changes never reach the stage. Pulumi
        // replaces it create-before-delete, so the stage moves to the new snapshot before the old one goes.
        triggers: { redeployment: deploymentFingerprint(routes, { integrationMode: args.integrationMode, stage: args.stageName, backendPath: "uri" }) },
    }, { parent, dependsOn: children });

    const accessLogGroup = new aws.cloudwatch.LogGroup(`${name}-api-access-logs`, {
        name: `/aws/apigateway/${name}-api/${args.stageName}/access`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKmsKeyArn,
        tags: args.tags,
    }, { parent, protect: args.protect });
    const account = (args.manageAccountLogRole ?? true) ? [accountLogRole(name, args, parent)] : [];
    const caches = needsCacheCluster(routes);
    const stage = new aws.apigateway.Stage(`${name}-stage`, {
        restApi: restApi.id,
        deployment: deployment.id,
        stageName: args.stageName,
        xrayTracingEnabled: true,
        accessLogSettings: { destinationArn: accessLogGroup.arn, format: accessLogFormat() },
        cacheClusterEnabled: caches,
        ...(caches ? { cacheClusterSize: CACHE_CLUSTER_SIZE } : {}),
        tags: args.tags,
    }, { parent, dependsOn: account });

    // The stage-wide baseline beneath the per-route settings: a method added later (or one a route
    // entry misses) is still logged at ERROR and measured. Per-method entries override it.
    new aws.apigateway.MethodSettings(`${name}-stage-settings`, {
        restApi: restApi.id,
        stageName: stage.stageName,
        methodPath: "*/*",
        settings: { metricsEnabled: true, loggingLevel: "ERROR", dataTraceEnabled: false },
    }, { parent });
    for (const route of routes) {
        for (const httpMethod of route.methods) {
            new aws.apigateway.MethodSettings(`${name}-${resourceKey(route.path)}-${httpMethod}-settings`, {
                restApi: restApi.id,
                stageName: stage.stageName,
                methodPath: methodSettingsPath(route.path, httpMethod as HttpMethod),
                settings: {
                    metricsEnabled: true,
                    loggingLevel: "ERROR",
                    // Full request/response logging would write tokens and personal data to the logs.
                    dataTraceEnabled: false,
                    throttlingRateLimit: route.throttleRps,
                    throttlingBurstLimit: route.burst ?? defaultBurst(route.throttleRps),
                    cachingEnabled: route.cacheTtlSeconds > 0,
                    cacheTtlInSeconds: route.cacheTtlSeconds,
                    cacheDataEncrypted: true,
                    // Only IAM-authorised callers may bypass the cache with Cache-Control: max-age=0; others are served from it.
                    requireAuthorizationForCacheControl: true,
                    unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITHOUT_RESPONSE_HEADER",
                },
            }, { parent });
        }
    }
    return { restApi, stage, accessLogGroup };
}
