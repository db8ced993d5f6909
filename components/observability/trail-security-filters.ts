/**
 * Metric filters on the CloudTrail log group and the alarms on them (the CIS AWS Foundations
 * benchmark's monitoring controls for root use and unauthorized API calls). Data, not code: a new
 * control is a new row.
 */
export interface SecurityFilter {
    /** Short key, used in resource and metric names. */
    readonly key: string;
    readonly metricName: string;
    /** CloudWatch Logs filter pattern over CloudTrail's JSON events. */
    readonly pattern: string;
    readonly description: string;
}

export const SECURITY_FILTERS: readonly SecurityFilter[] = [
    {
        key: "root-use",
        metricName: "RootAccountUsage",
        // Root activity that is not an AWS service acting on the account's behalf.
        pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
        description: "the root user was used",
    },
    {
        key: "unauthorized-api-calls",
        metricName: "UnauthorizedApiCalls",
        // Log delivery and HeadBucket probes return AccessDenied routinely; they are noise.
        pattern: '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
        description: "API calls were refused for lack of permission",
    },
];

/** Namespace of the environment's security metrics; per environment so that two environments in one account do not add up. */
export function securityNamespace(environment: string): string {
    return `Platform/${environment}/Security`;
}
