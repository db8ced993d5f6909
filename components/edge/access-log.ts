/**
 * The stage's JSON access-log line (E3): one object per request with what an on-call engineer
 * needs to trace a call from CloudFront to the service and to see why the authorizer refused it.
 */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    ip: "$context.identity.sourceIp",
    caller: "$context.identity.caller",
    user: "$context.identity.user",
    principal: "$context.authorizer.principalId",
    requestTime: "$context.requestTime",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    status: "$context.status",
    protocol: "$context.protocol",
    responseLength: "$context.responseLength",
    integrationLatency: "$context.integrationLatency",
    integrationStatus: "$context.integration.status",
    responseLatency: "$context.responseLatency",
    authorizerError: "$context.authorizer.error",
    authorizerStatus: "$context.authorizer.status",
    wafError: "$context.waf.error",
    xrayTraceId: "$context.xrayTraceId",
};

/** The format string API Gateway wants: a single-line JSON template of `$context` variables. */
export function accessLogFormat(fields: Readonly<Record<string, string>> = ACCESS_LOG_FIELDS): string {
    return JSON.stringify(fields);
}
