import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/**
 * The rules of both web ACLs (E2), as plain data: AWS managed rule groups, a rate-based rule per
 * client IP and, on the REGIONAL ACL only, the origin-verify rule that blocks any request that did
 * not come through CloudFront.
 */

/** The AWS managed rule groups of E2, in evaluation order (cheapest and most decisive first). */
export const MANAGED_RULE_GROUPS: readonly string[] = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesSQLiRuleSet",
];

/** WAF's bounds for a rate-based rule's limit (requests per evaluation window per key). */
export const MIN_WAF_RATE_LIMIT = 10;
export const MAX_WAF_RATE_LIMIT = 2_000_000_000;
/** The evaluation window of the rate rule, seconds: `wafRateLimit` is per 5 minutes per IP. */
export const WAF_RATE_WINDOW_SECONDS = 300;

/** Header CloudFront adds to every origin request to the API; its value is a secret. */
export const ORIGIN_VERIFY_HEADER = "x-origin-verify";

export interface WafRulesOptions {
    /** Prefix of every rule's CloudWatch metric name. */
    readonly metricPrefix: string;
    /** Requests per 5 minutes per client IP before the rate rule blocks. */
    readonly rateLimit: number;
    /** When set, the first rule blocks requests whose `x-origin-verify` header is not exactly this secret. */
    readonly originSecret?: pulumi.Input<string>;
}

export function wafRateLimitProblem(limit: number): string | undefined {
    return Number.isInteger(limit) && limit >= MIN_WAF_RATE_LIMIT && limit <= MAX_WAF_RATE_LIMIT
        ? undefined
        : `a whole number of requests per 5 minutes per IP from ${MIN_WAF_RATE_LIMIT} to ${MAX_WAF_RATE_LIMIT}`;
}

function visibility(metricName: string): aws.types.input.wafv2.WebAclRuleVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

/** The web ACL's own visibility config (default action metrics). */
export function aclVisibility(metricPrefix: string): aws.types.input.wafv2.WebAclVisibilityConfig {
    return { cloudwatchMetricsEnabled: true, metricName: `${metricPrefix}-acl`, sampledRequestsEnabled: true };
}

/**
 * What the rate rule counts per. Behind CloudFront (the ACL that checks the origin header), every
 * request arrives from a CloudFront address shared by many viewers, so counting per source IP would
 * throttle crowds of users at once; the viewer's address is in X-Forwarded-For, which CloudFront
 * appends to. WAF reads the header's first address, which a client can forge, so this regional limit
 * is a second line only: the CLOUDFRONT ACL counts real source IPs and is the one that holds.
 */
function rateKey(behindCloudFront: boolean): Pick<aws.types.input.wafv2.WebAclRuleStatementRateBasedStatement, "aggregateKeyType" | "forwardedIpConfig"> {
    return behindCloudFront
        ? { aggregateKeyType: "FORWARDED_IP", forwardedIpConfig: { headerName: "X-Forwarded-For", fallbackBehavior: "MATCH" } }
        : { aggregateKeyType: "IP" };
}

/**
 * The rule list, priorities from 0 in order: origin verify (if any), rate limit, then the managed
 * groups. The origin check runs first so that traffic bypassing CloudFront costs no further rule
 * evaluations; the rate rule runs before the managed groups so a flood is cut before inspection.
 */
export function wafRules(options: WafRulesOptions): aws.types.input.wafv2.WebAclRule[] {
    const rules: Omit<aws.types.input.wafv2.WebAclRule, "priority">[] = [];
    if (options.originSecret !== undefined) {
        rules.push({
            name: "require-cloudfront-origin-header",
            action: { block: {} },
            statement: {
                notStatement: {
                    statement: {
                        byteMatchStatement: {
                            fieldToMatch: { singleHeader: { name: ORIGIN_VERIFY_HEADER } },
                            positionalConstraint: "EXACTLY",
                            searchString: options.originSecret,
                            textTransformations: [{ priority: 0, type: "NONE" }],
                        },
                    },
                },
            },
            visibilityConfig: visibility(`${options.metricPrefix}-origin-verify`),
        });
    }
    rules.push({
        name: "rate-limit-per-ip",
        action: { block: {} },
        statement: { rateBasedStatement: { limit: options.rateLimit, evaluationWindowSec: WAF_RATE_WINDOW_SECONDS, ...rateKey(options.originSecret !== undefined) } },
        visibilityConfig: visibility(`${options.metricPrefix}-rate-limit`),
    });
    for (const group of MANAGED_RULE_GROUPS) {
        rules.push({
            name: group,
            // `none` keeps each managed rule's own action (block); `count` would only observe.
            overrideAction: { none: {} },
            statement: { managedRuleGroupStatement: { vendorName: "AWS", name: group } },
            visibilityConfig: visibility(`${options.metricPrefix}-${group}`),
        });
    }
    return rules.map((rule, priority) => ({ ...rule, priority }));
}

/** Headers WAF must never write to its logs: the caller's token and the origin secret. */
export const WAF_REDACTED_HEADERS: readonly string[] = ["authorization", ORIGIN_VERIFY_HEADER];
