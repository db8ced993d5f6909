/**
 * X-Ray sampling rules of an environment (O4), as plain specs. Rules apply account- and region-wide,
 * so each is named after the environment and matches only its services (`serviceName` pattern).
 */
export interface SamplingRuleSpec {
    /** Role of the rule, used in the resource name. */
    readonly key: string;
    /** At most 32 characters (X-Ray's limit). */
    readonly ruleName: string;
    /** 1..9999, lower wins. */
    readonly priority: number;
    /** Traces per second always kept before the rate applies. */
    readonly reservoirSize: number;
    /** Share of further requests traced, 0..1. */
    readonly fixedRate: number;
    readonly urlPath: string;
    readonly httpMethod: string;
    readonly serviceName: string;
}

export const MAX_SAMPLING_RULE_NAME = 32;

/**
 * Health checks are never traced (they would be most of the traces and tell nothing); everything
 * else keeps one trace a second plus `rate` of the rest.
 */
export function samplingRules(environment: string, rate: number, serviceName: string): SamplingRuleSpec[] {
    return [
        { key: "health", ruleName: `${environment}-health-checks`, priority: 100, reservoirSize: 0, fixedRate: 0, urlPath: "/health*", httpMethod: "GET", serviceName },
        { key: "default", ruleName: `${environment}-default`, priority: 9000, reservoirSize: 1, fixedRate: rate, urlPath: "*", httpMethod: "*", serviceName },
    ];
}
