/**
 * The alarm catalogue (O2): one table of what to alarm on per kind of resource, and a pure function
 * that turns "what to watch + per-environment overrides" into alarm specs. Adding an alarm is a row
 * here, not another constructor call.
 *
 * Metric names, dimensions and statistics are the ones AWS publishes:
 * - ECS (`AWS/ECS`): service-level CPU/memory need both ClusterName and ServiceName.
 * - ALB (`AWS/ApplicationELB`): target-group metrics need TargetGroup *and* LoadBalancer (the ARN
 *   suffixes `targetgroup/...` and `app/...`); latency is `TargetResponseTime` in seconds. A service
 *   deployed with CANARY/LINEAR/BLUE_GREEN has two groups and ECS swaps which one is live at the end
 *   of each deployment: its alarms combine both (counts summed, the p99 as the MAX of both p99s).
 * - API Gateway REST (`AWS/ApiGateway`): ApiName + Stage; `5XXError`/`4XXError` averaged are the
 *   error rate (0..1), latency in milliseconds.
 * - DynamoDB (`AWS/DynamoDB`): `ReadThrottleEvents`/`WriteThrottleEvents` exist per TableName;
 *   `SystemErrors` exists only per TableName *and* Operation, so it is summed over operations.
 * - RDS (`AWS/RDS`): DBInstanceIdentifier; free storage in bytes.
 * - ElastiCache (`AWS/ElastiCache`): published per node cluster (CacheClusterId); a replication
 *   group's members are `<group>-001`, `<group>-002`, ...: watch each.
 * - CloudFront (`AWS/CloudFront`): DistributionId + Region `Global`, published in us-east-1 only;
 *   `5xxErrorRate`/`4xxErrorRate` are percentages (0..100).
 * - WAF (`AWS/WAFV2`): WebACL (the ACL's name) + Rule (`ALL` for the whole ACL) + Region, except for
 *   CLOUDFRONT-scope ACLs, which have no Region dimension and publish in us-east-1.
 *
 * Rows whose signal an SLO covers (`coveredBy`) notify the ticket topic instead of paging when the
 * target's tier has SLOs: the SLO's burn-rate alerts page. They stay because deployments roll back
 * on them (the ALB rows) and because they see a problem minutes before a burn alert does.
 */

import type { SloKind, SloTier } from "./slo-catalogue";

export type ResourceKind = "ecsService" | "albTargetGroup" | "apiGatewayStage" | "dynamodbTable" | "rdsInstance" | "cache" | "cloudfrontDistribution" | "webAcl";

export type Comparison = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
export type TreatMissingData = "notBreaching" | "breaching" | "ignore" | "missing";
export type Statistic = "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount";
/**
 * How the series of one metric over several values of a dimension combine into the alarmed one:
 * SUM for counts, MAX for percentiles and other non-additive statistics (a sum of p99s means nothing).
 */
export type Aggregation = "SUM" | "MAX";

/** Alarm on the metric combined over these values of one more dimension (CloudWatch metric math). */
export interface SumOver<V = string> {
    readonly dimension: string;
    readonly values: readonly V[];
    /** @default "SUM" */
    readonly aggregation?: Aggregation;
}

/**
 * Something to watch. `name` is a short, stable label (letters, digits, dashes) used in alarm
 * names; the other fields may be outputs of other resources (`V` is `pulumi.Input<string>` there).
 */
export type WatchTarget<V = string> =
    | { readonly kind: "ecsService"; readonly name: string; readonly clusterName: V; readonly serviceName: V }
    | {
        readonly kind: "albTargetGroup";
        readonly name: string;
        readonly loadBalancerArnSuffix: V;
        readonly targetGroupArnSuffix: V;
        /** The second group of a CANARY/LINEAR/BLUE_GREEN service: its alarms then combine both groups. */
        readonly alternateTargetGroupArnSuffix?: V;
    }
    | { readonly kind: "apiGatewayStage"; readonly name: string; readonly apiName: V; readonly stageName: V }
    | { readonly kind: "dynamodbTable"; readonly name: string; readonly tableName: V }
    | { readonly kind: "rdsInstance"; readonly name: string; readonly instanceId: V }
    | { readonly kind: "cache"; readonly name: string; readonly cacheClusterId: V }
    /** Its alarms must live in us-east-1, where CloudFront publishes (`alarmRegion`). */
    | { readonly kind: "cloudfrontDistribution"; readonly name: string; readonly distributionId: V; readonly alarmRegion?: string }
    /** `region`: the Region dimension of a REGIONAL ACL (absent for CLOUDFRONT scope); `alarmRegion`: where the metrics are. */
    | { readonly kind: "webAcl"; readonly name: string; readonly aclName: V; readonly region?: string; readonly alarmRegion?: string };

/** One row of the catalogue. */
export interface AlarmDefinition {
    /** Key of the alarm within its kind; what overrides name (`ecsService.cpu.threshold=90`). */
    readonly metric: string;
    readonly metricName: string;
    /** A plain statistic, or a percentile such as `p99` (an extended statistic). */
    readonly statistic: Statistic | `p${number}`;
    readonly threshold: number;
    readonly comparison: Comparison;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
    readonly treatMissingData: TreatMissingData;
    /** Why this alarm matters and in which unit the threshold is. */
    readonly description: string;
    /** The metric exists only per value of this extra dimension: alarm on the combination (metric math). */
    readonly sumOver?: SumOver<string>;
    /**
     * How the metric combines when it is alarmed over several values of a dimension (its `sumOver`,
     * or both target groups of a service with an alternate group). @default "SUM"
     */
    readonly aggregation?: Aggregation;
    /** The SLO of the target's tier that covers this signal: with SLOs, the alarm tickets instead of paging. */
    readonly coveredBy?: SloKind;
}

interface KindEntry {
    readonly namespace: string;
    /** The SLO tier of this kind of resource (SLO_CATALOGUE), if it has one. */
    readonly sloTier?: SloTier;
    readonly alarms: readonly AlarmDefinition[];
}

/** DynamoDB data-plane operations whose SystemErrors are summed; CloudWatch allows at most 10 metrics in an alarm's math. */
export const DYNAMODB_OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems"] as const;

const above = (metric: string, metricName: string, statistic: AlarmDefinition["statistic"], threshold: number, periodSeconds: number, evaluationPeriods: number, description: string, extra: Partial<AlarmDefinition> = {}): AlarmDefinition => ({
    metric,
    metricName,
    statistic,
    threshold,
    comparison: "GreaterThanThreshold",
    periodSeconds,
    evaluationPeriods,
    // No data means no traffic or a stopped resource, not a failure; the other alarms see outages.
    treatMissingData: "notBreaching",
    description,
    ...extra,
});

export const ALARM_CATALOGUE: Readonly<Record<ResourceKind, KindEntry>> = {
    ecsService: {
        namespace: "AWS/ECS",
        alarms: [
            above("cpu", "CPUUtilization", "Average", 80, 300, 2, "ECS service CPU above 80% (percent of reserved CPU)"),
            above("memory", "MemoryUtilization", "Average", 80, 300, 2, "ECS service memory above 80% (percent of reserved memory)"),
        ],
    },
    albTargetGroup: {
        namespace: "AWS/ApplicationELB",
        sloTier: "service",
        alarms: [
            above("target5xx", "HTTPCode_Target_5XX_Count", "Sum", 10, 60, 3, "5xx responses from the targets (count per minute)", { coveredBy: "availability" }),
            above("latencyP99", "TargetResponseTime", "p99", 0.5, 60, 5, "p99 target response time (seconds)", { aggregation: "MAX", coveredBy: "latency" }),
            above("unhealthyHosts", "UnHealthyHostCount", "Maximum", 0, 60, 2, "targets failing health checks (count)"),
        ],
    },
    apiGatewayStage: {
        namespace: "AWS/ApiGateway",
        sloTier: "apiGateway",
        alarms: [
            above("errors5xx", "5XXError", "Average", 0.01, 300, 2, "share of requests answered 5xx (0..1)", { coveredBy: "availability" }),
            above("errors4xx", "4XXError", "Average", 0.05, 300, 2, "share of requests answered 4xx (0..1)"),
            above("latencyP99", "Latency", "p99", 1000, 300, 2, "p99 latency at the stage (milliseconds)", { coveredBy: "latency" }),
        ],
    },
    dynamodbTable: {
        namespace: "AWS/DynamoDB",
        sloTier: "dynamodb",
        alarms: [
            above("readThrottles", "ReadThrottleEvents", "Sum", 0, 300, 1, "throttled read events on the table and its indexes (count)", { coveredBy: "availability" }),
            above("writeThrottles", "WriteThrottleEvents", "Sum", 0, 300, 1, "throttled write events on the table and its indexes (count)", { coveredBy: "availability" }),
            above("systemErrors", "SystemErrors", "Sum", 0, 300, 1, "requests failed by DynamoDB with HTTP 500 (count, summed over operations)", {
                sumOver: { dimension: "Operation", values: DYNAMODB_OPERATIONS },
                coveredBy: "availability",
            }),
        ],
    },
    rdsInstance: {
        namespace: "AWS/RDS",
        alarms: [
            above("cpu", "CPUUtilization", "Average", 80, 300, 3, "database instance CPU above 80% (percent)"),
            above("freeStorage", "FreeStorageSpace", "Minimum", 10 * 1024 ** 3, 300, 1, "free storage below 10 GiB (bytes)", { comparison: "LessThanThreshold" }),
            above("connections", "DatabaseConnections", "Maximum", 100, 300, 2, "open database connections (count); size to the instance class's max_connections"),
        ],
    },
    cache: {
        namespace: "AWS/ElastiCache",
        sloTier: "cache",
        alarms: [
            above("engineCpu", "EngineCPUUtilization", "Average", 90, 300, 2, "CPU of the (single-threaded) engine above 90% (percent)"),
            above("evictions", "Evictions", "Sum", 100, 300, 2, "keys evicted for lack of memory (count per 5 minutes)"),
            above("memory", "DatabaseMemoryUsagePercentage", "Average", 80, 300, 2, "memory used by data above 80% (percent of maxmemory)"),
        ],
    },
    cloudfrontDistribution: {
        namespace: "AWS/CloudFront",
        alarms: [
            above("errors5xx", "5xxErrorRate", "Average", 1, 300, 2, "share of viewer requests answered 5xx (percent)"),
            above("errors4xx", "4xxErrorRate", "Average", 10, 300, 2, "share of viewer requests answered 4xx (percent)"),
        ],
    },
    webAcl: {
        namespace: "AWS/WAFV2",
        alarms: [
            above("blockedRequests", "BlockedRequests", "Sum", 1000, 300, 1, "requests the web ACL blocked in 5 minutes (count): an attack, a scan or a rule blocking real users"),
        ],
    },
};

export const RESOURCE_KINDS = Object.keys(ALARM_CATALOGUE) as ResourceKind[];

/** What an override may change. */
export type OverrideField = "threshold" | "periods" | "period";
export const OVERRIDE_FIELDS: readonly OverrideField[] = ["threshold", "periods", "period"];

/** A per-environment change of one catalogue value, e.g. `{ kind: "ecsService", metric: "cpu", field: "threshold", value: 90 }`. */
export interface AlarmOverride {
    readonly kind: ResourceKind;
    readonly metric: string;
    readonly field: OverrideField;
    readonly value: number;
}

/** The alarm as it will be created: a catalogue row for one target, overrides applied. */
export interface AlarmSpec<V = string> {
    /** `<target name>-<metric>`: unique per component, stable, used in resource names. */
    readonly key: string;
    readonly kind: ResourceKind;
    readonly target: string;
    readonly metric: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly statistic: AlarmDefinition["statistic"];
    readonly threshold: number;
    readonly comparison: Comparison;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
    readonly treatMissingData: TreatMissingData;
    readonly description: string;
    readonly dimensions: Readonly<Record<string, V>>;
    /** Set when the metric is alarmed combined over several values of one dimension. */
    readonly sumOver?: SumOver<V | string>;
    /** Which topic it notifies: the alert topic (page) or, when an SLO covers the signal, the ticket topic. */
    readonly notify: "page" | "ticket";
    /** The region the alarm must live in when it is not the stack's (CloudFront metrics: us-east-1). */
    readonly region?: string;
}

/** The values of one more dimension a target's metrics are combined over, if any (both target groups of a shifted service). */
export function combinedOver<V>(target: WatchTarget<V>): SumOver<V> | undefined {
    if (target.kind === "albTargetGroup" && target.alternateTargetGroupArnSuffix !== undefined) {
        return { dimension: "TargetGroup", values: [target.targetGroupArnSuffix, target.alternateTargetGroupArnSuffix] };
    }
    return undefined;
}

/** The CloudWatch dimensions of a target, by the names AWS publishes them under. */
export function dimensionsOf<V>(target: WatchTarget<V>): Record<string, V> {
    switch (target.kind) {
        case "ecsService":
            return { ClusterName: target.clusterName, ServiceName: target.serviceName };
        case "albTargetGroup":
            return { LoadBalancer: target.loadBalancerArnSuffix, TargetGroup: target.targetGroupArnSuffix };
        case "apiGatewayStage":
            return { ApiName: target.apiName, Stage: target.stageName };
        case "dynamodbTable":
            return { TableName: target.tableName };
        case "rdsInstance":
            return { DBInstanceIdentifier: target.instanceId };
        case "cache":
            return { CacheClusterId: target.cacheClusterId };
        case "cloudfrontDistribution":
            return { DistributionId: target.distributionId, Region: "Global" as V };
        case "webAcl":
            return { WebACL: target.aclName, Rule: "ALL" as V, ...(target.region !== undefined ? { Region: target.region as V } : {}) };
    }
}

/** Where a target's alarms must live, when not in the stack's region. */
function alarmRegionOf<V>(target: WatchTarget<V>): string | undefined {
    return target.kind === "cloudfrontDistribution" || target.kind === "webAcl" ? target.alarmRegion : undefined;
}

export function isPercentile(statistic: string): boolean {
    return /^p\d+(\.\d+)?$/.test(statistic);
}

/**
 * Alarm specs for one target: its kind's catalogue rows with the overrides for that kind applied.
 * `sloTiers`: the tiers that have SLOs here; rows those SLOs cover ticket instead of paging.
 */
export function alarmSpecs<V>(target: WatchTarget<V>, overrides: readonly AlarmOverride[] = [], sloTiers: readonly SloTier[] = []): AlarmSpec<V>[] {
    const entry = ALARM_CATALOGUE[target.kind];
    const region = alarmRegionOf(target);
    const sloCovered = entry.sloTier !== undefined && sloTiers.includes(entry.sloTier);
    const dimensions = dimensionsOf(target);
    const across = combinedOver(target);
    return entry.alarms.map((def) => {
        const over: SumOver<V | string> | undefined = def.sumOver ?? across;
        const sumOver = over && (def.aggregation !== undefined ? { ...over, aggregation: def.aggregation } : over);
        const mine = overrides.filter((o) => o.kind === target.kind && o.metric === def.metric);
        const pick = (field: OverrideField, fallback: number) => mine.filter((o) => o.field === field).at(-1)?.value ?? fallback;
        return {
            key: `${target.name}-${def.metric}`,
            kind: target.kind,
            target: target.name,
            metric: def.metric,
            namespace: entry.namespace,
            metricName: def.metricName,
            statistic: def.statistic,
            threshold: pick("threshold", def.threshold),
            comparison: def.comparison,
            periodSeconds: pick("period", def.periodSeconds),
            evaluationPeriods: pick("periods", def.evaluationPeriods),
            treatMissingData: def.treatMissingData,
            description: def.description,
            dimensions,
            ...(sumOver ? { sumOver } : {}),
            notify: sloCovered && def.coveredBy !== undefined ? "ticket" : "page",
            ...(region !== undefined ? { region } : {}),
        };
    });
}

/** CloudWatch: a period of 10, 20 or 30 s (high resolution) or a multiple of 60 s. */
export function periodProblem(seconds: number): string | undefined {
    return Number.isInteger(seconds) && seconds > 0 && ([10, 20, 30].includes(seconds) || seconds % 60 === 0) ? undefined : "a period of 10, 20, 30 or a multiple of 60 seconds";
}

/** Why an override is unusable, or undefined. Catalogue keys are checked so that a typo does not silently do nothing. */
export function overrideProblem(o: { kind: string; metric: string; field: string; value: number }): string | undefined {
    if (!RESOURCE_KINDS.includes(o.kind as ResourceKind)) {
        return `unknown resource kind "${o.kind}" (known: ${RESOURCE_KINDS.join(", ")})`;
    }
    const metrics = ALARM_CATALOGUE[o.kind as ResourceKind].alarms.map((a) => a.metric);
    if (!metrics.includes(o.metric)) {
        return `unknown alarm "${o.metric}" for ${o.kind} (known: ${metrics.join(", ")})`;
    }
    if (!OVERRIDE_FIELDS.includes(o.field as OverrideField)) {
        return `unknown field "${o.field}" (known: ${OVERRIDE_FIELDS.join(", ")})`;
    }
    if (!Number.isFinite(o.value)) {
        return `${o.field} must be a number`;
    }
    if (o.field === "periods" && !(Number.isInteger(o.value) && o.value >= 1)) {
        return "periods must be a whole number of at least 1";
    }
    if (o.field === "period") {
        return periodProblem(o.value);
    }
    return undefined;
}

/** Why a finished spec would be refused by CloudWatch, or undefined. */
export function specProblem(spec: AlarmSpec<unknown>): string | undefined {
    const period = periodProblem(spec.periodSeconds);
    if (period !== undefined) {
        return period;
    }
    return evaluationRangeProblem(spec.periodSeconds, spec.evaluationPeriods);
}

/** PutMetricAlarm: Period x EvaluationPeriods at most one day for periods under an hour, seven days otherwise. */
export const MAX_EVALUATION_SECONDS_SHORT_PERIOD = 86_400;
export const MAX_EVALUATION_SECONDS = 604_800;

export function evaluationRangeProblem(periodSeconds: number, evaluationPeriods: number): string | undefined {
    const short = periodSeconds < 3600;
    const limit = short ? MAX_EVALUATION_SECONDS_SHORT_PERIOD : MAX_EVALUATION_SECONDS;
    return periodSeconds * evaluationPeriods > limit
        ? `${evaluationPeriods} periods of ${periodSeconds} s exceed the ${short ? "one-day" : "seven-day"} evaluation range CloudWatch allows${short ? " for periods under an hour" : ""}`
        : undefined;
}
