/**
 * Service levels as data (L1): one row per tier and kind (availability, latency) with its objective,
 * its window and how CloudWatch counts good and bad events; the error-budget and burn-rate
 * arithmetic; the metric-math each burn window alarms on; and the CloudWatch limits those alarms
 * must respect. Pure: the components turn these specs into alarms and dashboards.
 *
 * The reference service levels (REQUIREMENTS.md) give each tier an availability target and a latency
 * bound. Two ways of counting events, whichever CloudWatch can do for the tier's metrics:
 * - `requests`: the share of bad requests over the window, from counts (5XX and request counts) or
 *   from percentile-rank statistics (`PR(0:t)`: the percentage of requests at most `t`), which
 *   count requests under the bound instead of averaging percentiles.
 * - `minutes`: the share of bad minutes, where a metric cannot be counted per request: DynamoDB
 *   publishes no percentiles of SuccessfulRequestLatency (Minimum, Maximum, Average, SampleCount
 *   only), so a minute is bad when an operation's average latency passes the bound; the cache's
 *   availability is whether its engine reports at all (node-based clusters publish no error count).
 */

import { evaluationRangeProblem, periodProblem } from "./alarm-catalogue";

export type SloTier = "apiGateway" | "service" | "dynamodb" | "cache";
export const SLO_TIERS: readonly SloTier[] = ["apiGateway", "service", "dynamodb", "cache"];
export type SloKind = "availability" | "latency";
export const SLO_KINDS: readonly SloKind[] = ["availability", "latency"];
export type SliStyle = "requests" | "minutes";

/** The reference service levels (REQUIREMENTS.md, "Reference service levels"): availability %, latency bound in ms. */
export const REFERENCE_SERVICE_LEVELS: Readonly<Record<SloTier, { readonly availability: number; readonly latencyMs: number; readonly label: string }>> = {
    apiGateway: { availability: 99.95, latencyMs: 50, label: "API Gateway" },
    service: { availability: 99.9, latencyMs: 100, label: "ECS services" },
    cache: { availability: 99.99, latencyMs: 5, label: "ElastiCache" },
    dynamodb: { availability: 99.99, latencyMs: 10, label: "DynamoDB" },
};

/**
 * Share of requests (or minutes) that must be within the latency bound. The reference table gives a
 * bound, not a share; 99 % reads it as a p99, as the fixed alarms did. Overridable per environment.
 */
export const DEFAULT_LATENCY_OBJECTIVE = 99;
/** SRE practice: budgets over 30 days. */
export const DEFAULT_WINDOW_DAYS = 30;

/** DynamoDB operations the SLOs count (SystemErrors and latency exist only per operation): what a REST service calls. */
export const DYNAMODB_SLO_OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query"] as const;

/** Metrics that CloudWatch publishes percentiles for, so that `PR(...)` can count requests under a bound. */
export const PERCENTILE_METRICS: ReadonlySet<string> = new Set([
    "AWS/ApplicationELB TargetResponseTime",
    "AWS/ApiGateway Latency",
    "AWS/ApiGateway IntegrationLatency",
    "AWS/ElastiCache SuccessfulReadRequestLatency",
    "AWS/ElastiCache SuccessfulWriteRequestLatency",
]);

/** Something an SLO is measured on. `name` is a short label used in alarm names; values may be outputs (`V`). */
export type SloTarget<V = string> =
    | { readonly tier: "apiGateway"; readonly name: string; readonly apiName: V; readonly stageName: V }
    /** Both target groups of a CANARY/LINEAR/BLUE_GREEN service (ECS swaps the live one). */
    | { readonly tier: "service"; readonly name: string; readonly loadBalancerArnSuffix: V; readonly targetGroupArnSuffixes: readonly V[] }
    | { readonly tier: "dynamodb"; readonly name: string; readonly tableName: V }
    /** The member clusters of a replication group (`<group>-001`, ...): ElastiCache publishes per node. */
    | { readonly tier: "cache"; readonly name: string; readonly cacheClusterIds: readonly V[] };

/** One row of the catalogue. */
export interface SloDefinition {
    readonly tier: SloTier;
    readonly kind: SloKind;
    readonly style: SliStyle;
    /** Percent of good events (requests or minutes) over the window. */
    readonly objective: number;
    readonly windowDays: number;
    /** Latency bound in milliseconds (latency SLOs). */
    readonly thresholdMs?: number;
    /** What is counted, in words (docs, dashboards, alarm descriptions). */
    readonly description: string;
}

const ref = REFERENCE_SERVICE_LEVELS;

export const SLO_CATALOGUE: readonly SloDefinition[] = [
    { tier: "apiGateway", kind: "availability", style: "requests", objective: ref.apiGateway.availability, windowDays: DEFAULT_WINDOW_DAYS,
        description: "requests the stage answers without a 5XX (5XXError averaged over the window)" },
    // API Gateway's Latency includes the integration: the gateway's own 50 ms on top of the services' 100 ms.
    { tier: "apiGateway", kind: "latency", style: "requests", objective: DEFAULT_LATENCY_OBJECTIVE, windowDays: DEFAULT_WINDOW_DAYS,
        thresholdMs: ref.apiGateway.latencyMs + ref.service.latencyMs, description: "requests the stage answers within the bound, integration included (PR of Latency)" },
    { tier: "service", kind: "availability", style: "requests", objective: ref.service.availability, windowDays: DEFAULT_WINDOW_DAYS,
        description: "requests the service's targets answer without a 5XX (HTTPCode_Target_5XX_Count / RequestCount)" },
    { tier: "service", kind: "latency", style: "requests", objective: DEFAULT_LATENCY_OBJECTIVE, windowDays: DEFAULT_WINDOW_DAYS,
        thresholdMs: ref.service.latencyMs, description: "requests the service's targets answer within the bound (PR of TargetResponseTime)" },
    { tier: "dynamodb", kind: "availability", style: "requests", objective: ref.dynamodb.availability, windowDays: DEFAULT_WINDOW_DAYS,
        description: "requests that neither fail (SystemErrors) nor are throttled, of all requests (consumed-capacity sample counts plus failures)" },
    { tier: "dynamodb", kind: "latency", style: "minutes", objective: DEFAULT_LATENCY_OBJECTIVE, windowDays: DEFAULT_WINDOW_DAYS,
        thresholdMs: ref.dynamodb.latencyMs, description: "minutes in which every operation's average SuccessfulRequestLatency is within the bound (DynamoDB publishes no percentiles)" },
    { tier: "cache", kind: "availability", style: "minutes", objective: ref.cache.availability, windowDays: DEFAULT_WINDOW_DAYS,
        description: "minutes in which a node of the cache reports its engine (EngineCPUUtilization samples; a silent cache is down)" },
    { tier: "cache", kind: "latency", style: "requests", objective: DEFAULT_LATENCY_OBJECTIVE, windowDays: DEFAULT_WINDOW_DAYS,
        thresholdMs: ref.cache.latencyMs, description: "reads and writes the engine serves within the bound (PR of SuccessfulRead/WriteRequestLatency, Valkey 7.2+)" },
];

// ---------------------------------------------------------------------------------------------
// Budget and burn-rate arithmetic.

/**
 * A multi-window burn-rate alert (Google SRE workbook, "Alerting on SLOs"): it fires when the last
 * `longMinutes` and the last `shortMinutes` both spend the budget at `budgetShare` of the whole
 * budget per long window or faster. The short window makes it stop soon after the burn stops.
 */
export interface BurnAlert {
    readonly name: "fast" | "slow";
    /** Share of the window's budget spent in one long window at the alerting rate. */
    readonly budgetShare: number;
    readonly longMinutes: number;
    readonly shortMinutes: number;
    /** Where the composite alarm notifies: the alert topic (page) or the ticket topic. */
    readonly notify: "page" | "ticket";
}

/** 2 % of a 30-day budget in 1 h is 14.4x, 5 % in 6 h is 6x; the short windows are 1/12 of the long ones. */
export const BURN_ALERTS: readonly BurnAlert[] = [
    { name: "fast", budgetShare: 0.02, longMinutes: 60, shortMinutes: 5, notify: "page" },
    { name: "slow", budgetShare: 0.05, longMinutes: 360, shortMinutes: 30, notify: "ticket" },
];

const MINUTES_PER_DAY = 1440;

/** The error budget: the share of events allowed to be bad (99.9 % -> 0.001). */
export function errorBudget(objective: number): number {
    return round((100 - objective) / 100);
}

/** The budget as minutes of total outage over the window (99.9 % over 30 days -> 43.2 min). */
export function budgetMinutes(objective: number, windowDays: number): number {
    return round(errorBudget(objective) * windowDays * MINUTES_PER_DAY);
}

/** The budget as bad events among `events` over the window. */
export function budgetEvents(objective: number, events: number): number {
    return Math.floor(errorBudget(objective) * events);
}

/** How many times faster than "exactly on budget" an alert fires: budgetShare x window / long window. */
export function burnRate(alert: Pick<BurnAlert, "budgetShare" | "longMinutes">, windowDays: number): number {
    return round((alert.budgetShare * windowDays * MINUTES_PER_DAY) / alert.longMinutes);
}

/** Days until the whole budget is gone at a burn rate. */
export function daysToExhaust(rate: number, windowDays: number): number {
    return round(windowDays / rate);
}

/** For `minutes` SLIs: bad minutes out of `windowMinutes` that reach the burn rate (at least one). */
export function badMinutesToAlarm(rate: number, objective: number, windowMinutes: number): number {
    // The small epsilon keeps 14.4 x 0.01 x 60 = 8.64 from becoming 9.000000001 -> 10.
    return Math.max(1, Math.ceil(rate * errorBudget(objective) * windowMinutes - 1e-9));
}

function round(x: number): number {
    return Math.round(x * 1e9) / 1e9;
}

// ---------------------------------------------------------------------------------------------
// The SLO as it will be alarmed: a catalogue row for one target, overrides applied.

export interface SloSpec<V = string> {
    /** `<target>-<kind>`: unique per component, used in alarm names. */
    readonly key: string;
    readonly tier: SloTier;
    readonly kind: SloKind;
    readonly style: SliStyle;
    readonly target: SloTarget<V>;
    readonly objective: number;
    readonly windowDays: number;
    readonly thresholdMs?: number;
    readonly description: string;
}

/** A per-environment change of one SLO value, e.g. `{ tier: "service", kind: "latency", field: "thresholdMs", value: 200 }`. */
export interface SloOverride {
    readonly tier: SloTier;
    readonly kind: SloKind;
    readonly field: SloOverrideField;
    readonly value: number;
}
export type SloOverrideField = "objective" | "windowDays" | "thresholdMs";
export const SLO_OVERRIDE_FIELDS: readonly SloOverrideField[] = ["objective", "windowDays", "thresholdMs"];

/** Windows longer than the 455 days CloudWatch keeps hourly data cannot be read back; 90 days is plenty. */
export const MAX_WINDOW_DAYS = 90;

export function sloDefinition(tier: SloTier, kind: SloKind): SloDefinition {
    return SLO_CATALOGUE.find((d) => d.tier === tier && d.kind === kind)!;
}

/** Why an override is unusable on its own, or undefined (consistency of the result is `sloProblems`). */
export function sloOverrideProblem(o: { tier: string; kind: string; field: string; value: number }): string | undefined {
    if (!SLO_TIERS.includes(o.tier as SloTier)) {
        return `unknown tier "${o.tier}" (known: ${SLO_TIERS.join(", ")})`;
    }
    if (!SLO_KINDS.includes(o.kind as SloKind)) {
        return `unknown SLO "${o.kind}" (known: ${SLO_KINDS.join(", ")})`;
    }
    if (!SLO_OVERRIDE_FIELDS.includes(o.field as SloOverrideField)) {
        return `unknown field "${o.field}" (known: ${SLO_OVERRIDE_FIELDS.join(", ")})`;
    }
    if (!Number.isFinite(o.value)) {
        return `${o.field} must be a number`;
    }
    if (o.field === "objective" && !(o.value > 0 && o.value < 100)) {
        return "objective must be a percentage above 0 and below 100";
    }
    if (o.field === "windowDays" && !(Number.isInteger(o.value) && o.value >= 1 && o.value <= MAX_WINDOW_DAYS)) {
        return `windowDays must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}`;
    }
    if (o.field === "thresholdMs") {
        if (o.kind !== "latency") {
            return "thresholdMs applies to latency SLOs only";
        }
        if (!(o.value > 0)) {
            return "thresholdMs must be above 0";
        }
    }
    return undefined;
}

/** The SLOs of a target: its tier's catalogue rows with that tier's overrides applied (the last one of a field wins). */
export function sloSpecs<V>(target: SloTarget<V>, overrides: readonly SloOverride[] = []): SloSpec<V>[] {
    return SLO_CATALOGUE.filter((d) => d.tier === target.tier).map((d) => {
        const mine = overrides.filter((o) => o.tier === d.tier && o.kind === d.kind);
        const pick = (field: SloOverrideField, fallback: number | undefined) => mine.filter((o) => o.field === field).at(-1)?.value ?? fallback;
        const thresholdMs = pick("thresholdMs", d.thresholdMs);
        return {
            key: `${target.name}-${d.kind}`,
            tier: d.tier,
            kind: d.kind,
            style: d.style,
            target,
            objective: pick("objective", d.objective)!,
            windowDays: pick("windowDays", d.windowDays)!,
            ...(thresholdMs !== undefined ? { thresholdMs } : {}),
            description: d.description,
        };
    });
}

// ---------------------------------------------------------------------------------------------
// The metric math of one window.

/** A metric query of a metric-math alarm or dashboard: a metric statistic or an expression. */
export type SliQuery<V = string> =
    | { readonly id: string; readonly namespace: string; readonly metricName: string; readonly stat: string; readonly dimensions: Readonly<Record<string, V>>; readonly periodSeconds: number; readonly label?: string }
    | { readonly id: string; readonly expression: string; readonly label?: string };

export type SliMetric<V = string> = Exclude<SliQuery<V>, { readonly expression: string }>;

export function isExpression<V>(q: SliQuery<V>): q is Extract<SliQuery<V>, { expression: string }> {
    return "expression" in q;
}

/**
 * What one window of an SLO alarms on: `queries` with exactly one result (`resultId`). For
 * `requests`, the result is the share of bad requests over one period as long as the window; for
 * `minutes`, it is a per-minute value compared with `minuteThreshold` (`minuteComparison`).
 */
export interface Sli<V = string> {
    readonly queries: readonly SliQuery<V>[];
    readonly resultId: string;
    readonly minuteThreshold?: number;
    readonly minuteComparison?: "GreaterThanThreshold" | "LessThanThreshold";
    /** What a minute without data means (`minutes` SLIs): an idle table is fine, a silent cache is down. */
    readonly treatMissingData: "notBreaching" | "breaching";
}

const metric = <V>(id: string, namespace: string, metricName: string, stat: string, dimensions: Record<string, V>, periodSeconds: number) =>
    ({ id, namespace, metricName, stat, dimensions, periodSeconds }) as SliQuery<V>;
const expr = <V>(id: string, expression: string, label?: string) => ({ id, expression, ...(label ? { label } : {}) }) as SliQuery<V>;
const list = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(", ");

/** CloudWatch's percentile rank: the percentage of values above 0 and at most `bound` (lower bound exclusive, upper inclusive). */
export function percentileRank(bound: number): string {
    return `PR(0:${bound})`;
}

/**
 * Bad share over weighted percentile ranks: each series' PR (percent of its requests within the
 * bound) weighted by its request count, so that an idle series (missing PR) weighs nothing.
 */
function weightedRankShare<V>(series: { dims: Record<string, V>; namespace: string; metricName: string; weightMetric: string; weightStat: string }[], bound: number, period: number, label: string): SliQuery<V>[] {
    const n = series.length;
    return [
        ...series.flatMap((s, i) => [
            metric(`pr${i}`, s.namespace, s.metricName, percentileRank(bound), s.dims, period),
            metric(`n${i}`, s.namespace, s.weightMetric, s.weightStat, s.dims, period),
        ]),
        ...series.map((_, i) => expr<V>(`w${i}`, `pr${i} * n${i} / 100`)),
        // SUM over a list of series adds what each has at a timestamp, so one idle series drops out.
        expr<V>("good", n === 1 ? "w0" : `SUM([${list("w", n)}])`),
        expr<V>("valid", n === 1 ? "n0" : `SUM([${list("n", n)}])`),
        expr<V>("bad", "1 - good / valid", label),
    ];
}

/** The metric math of an SLO for one window; `periodSeconds` is the window (`requests`) or 60 (`minutes`). */
export function sliOf<V>(spec: SloSpec<V>, periodSeconds: number): Sli<V> {
    const t = spec.target;
    const bad = `bad share of ${spec.key}`;
    const ms = spec.thresholdMs ?? 0;
    switch (t.tier) {
        case "apiGateway": {
            const dims = { ApiName: t.apiName, Stage: t.stageName } as Record<string, V>;
            if (spec.kind === "availability") {
                // 5XXError is 0 or 1 per request: its average over the window is the 5XX share.
                return { queries: [metric("e", "AWS/ApiGateway", "5XXError", "Average", dims, periodSeconds), expr("bad", "e", bad)], resultId: "bad", treatMissingData: "notBreaching" };
            }
            return { queries: [metric("pr", "AWS/ApiGateway", "Latency", percentileRank(ms), dims, periodSeconds), expr("bad", "1 - pr / 100", bad)], resultId: "bad", treatMissingData: "notBreaching" };
        }
        case "service": {
            const groups = t.targetGroupArnSuffixes.map((tg) => ({ LoadBalancer: t.loadBalancerArnSuffix, TargetGroup: tg }) as Record<string, V>);
            if (spec.kind === "availability") {
                const n = groups.length;
                return {
                    queries: [
                        ...groups.flatMap((dims, i) => [
                            metric(`e${i}`, "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", dims, periodSeconds),
                            metric(`r${i}`, "AWS/ApplicationELB", "RequestCount", "Sum", dims, periodSeconds),
                        ]),
                        // No 5XX at all publishes no datapoint: FILL makes it 0 where requests exist.
                        expr<V>("errors", n === 1 ? "FILL(e0, 0)" : `SUM(FILL([${list("e", n)}], 0))`),
                        expr<V>("requests", n === 1 ? "r0" : `SUM([${list("r", n)}])`),
                        expr<V>("bad", "errors / requests", bad),
                    ],
                    resultId: "bad",
                    treatMissingData: "notBreaching",
                };
            }
            return {
                queries: weightedRankShare(groups.map((dims) => ({ dims, namespace: "AWS/ApplicationELB", metricName: "TargetResponseTime", weightMetric: "TargetResponseTime", weightStat: "SampleCount" })), ms / 1000, periodSeconds, bad),
                resultId: "bad",
                treatMissingData: "notBreaching",
            };
        }
        case "dynamodb": {
            const table = { TableName: t.tableName } as Record<string, V>;
            const ops = DYNAMODB_SLO_OPERATIONS.map((op) => ({ ...table, Operation: op as unknown as V }));
            if (spec.kind === "availability") {
                // DynamoDB publishes SystemErrors and throttles only when non-zero; SUM over the list adds what exists.
                return {
                    queries: [
                        ...ops.map((dims, i) => metric(`s${i}`, "AWS/DynamoDB", "SystemErrors", "Sum", dims, periodSeconds)),
                        metric("tr", "AWS/DynamoDB", "ReadThrottleEvents", "Sum", table, periodSeconds),
                        metric("tw", "AWS/DynamoDB", "WriteThrottleEvents", "Sum", table, periodSeconds),
                        // SampleCount of consumed capacity: the requests that succeeded and consumed some.
                        metric("cr", "AWS/DynamoDB", "ConsumedReadCapacityUnits", "SampleCount", table, periodSeconds),
                        metric("cw", "AWS/DynamoDB", "ConsumedWriteCapacityUnits", "SampleCount", table, periodSeconds),
                        expr<V>("failed", `SUM([${list("s", ops.length)}, tr, tw])`),
                        expr<V>("valid", "SUM([failed, cr, cw])"),
                        expr<V>("bad", "failed / valid", bad),
                    ],
                    resultId: "bad",
                    treatMissingData: "notBreaching",
                };
            }
            return {
                queries: [...ops.map((dims, i) => metric(`l${i}`, "AWS/DynamoDB", "SuccessfulRequestLatency", "Average", dims, periodSeconds)), expr<V>("slowest", `MAX([${list("l", ops.length)}])`, `slowest operation average of ${spec.key} (ms)`)],
                resultId: "slowest",
                minuteThreshold: ms,
                minuteComparison: "GreaterThanThreshold",
                treatMissingData: "notBreaching",
            };
        }
        case "cache": {
            const nodes = t.cacheClusterIds.map((id) => ({ CacheClusterId: id }) as Record<string, V>);
            if (spec.kind === "availability") {
                return {
                    queries: [...nodes.map((dims, i) => metric(`c${i}`, "AWS/ElastiCache", "EngineCPUUtilization", "SampleCount", dims, periodSeconds)), expr<V>("reporting", nodes.length === 1 ? "c0" : `MAX([${list("c", nodes.length)}])`, `engine samples of ${spec.key}`)],
                    resultId: "reporting",
                    minuteThreshold: 1,
                    minuteComparison: "LessThanThreshold",
                    treatMissingData: "breaching",
                };
            }
            const series = nodes.flatMap((dims) => ["SuccessfulReadRequestLatency", "SuccessfulWriteRequestLatency"].map((metricName) => ({ dims, namespace: "AWS/ElastiCache", metricName, weightMetric: metricName, weightStat: "SampleCount" })));
            // The engine reports in microseconds.
            return { queries: weightedRankShare(series, ms * 1000, periodSeconds, bad), resultId: "bad", treatMissingData: "notBreaching" };
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The alarms of one SLO: a metric alarm per window, a composite per burn alert.

export interface WindowAlarmSpec<V = string> {
    /** `<slo key>-<alert>-<window>`, e.g. `alb-latency-fast-1h`. */
    readonly key: string;
    readonly alert: BurnAlert["name"];
    readonly windowMinutes: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
    readonly datapointsToAlarm: number;
    readonly threshold: number;
    readonly comparison: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold";
    readonly treatMissingData: "notBreaching" | "breaching";
    readonly queries: readonly SliQuery<V>[];
    readonly resultId: string;
    /** The burn rate at which it fires (above the nominal one for `minutes`, which count whole minutes). */
    readonly effectiveBurnRate: number;
    readonly description: string;
}

export interface BurnAlertSpec<V = string> {
    /** `<slo key>-<alert>`. */
    readonly key: string;
    readonly alert: BurnAlert;
    readonly burnRate: number;
    readonly long: WindowAlarmSpec<V>;
    readonly short: WindowAlarmSpec<V>;
}

export function windowLabel(minutes: number): string {
    return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

function windowAlarm<V>(spec: SloSpec<V>, alert: BurnAlert, rate: number, windowMinutes: number): WindowAlarmSpec<V> {
    const key = `${spec.key}-${alert.name}-${windowLabel(windowMinutes)}`;
    const budget = errorBudget(spec.objective);
    if (spec.style === "requests") {
        const sli = sliOf(spec, windowMinutes * 60);
        return {
            key, alert: alert.name, windowMinutes,
            // One period as long as the window: the alarm reads the window's share of bad requests.
            periodSeconds: windowMinutes * 60, evaluationPeriods: 1, datapointsToAlarm: 1,
            threshold: round(rate * budget), comparison: "GreaterThanOrEqualToThreshold", treatMissingData: sli.treatMissingData,
            queries: sli.queries, resultId: sli.resultId, effectiveBurnRate: rate,
            description: `${spec.key}: ${spec.objective}% over ${spec.windowDays} days; the last ${windowLabel(windowMinutes)} burn the budget at ${rate}x or faster (bad share >= ${round(rate * budget)})`,
        };
    }
    const sli = sliOf(spec, 60);
    const minutes = badMinutesToAlarm(rate, spec.objective, windowMinutes);
    return {
        key, alert: alert.name, windowMinutes,
        // One period per minute, "M out of N": M bad minutes in the window burn at the rate.
        periodSeconds: 60, evaluationPeriods: windowMinutes, datapointsToAlarm: minutes,
        threshold: sli.minuteThreshold!, comparison: sli.minuteComparison!, treatMissingData: sli.treatMissingData,
        queries: sli.queries, resultId: sli.resultId, effectiveBurnRate: round(minutes / (windowMinutes * budget)),
        description: `${spec.key}: ${spec.objective}% of minutes over ${spec.windowDays} days; ${minutes} bad minute(s) in the last ${windowLabel(windowMinutes)} burn the budget at ${rate}x or faster`,
    };
}

/** Both burn alerts of an SLO, each a long and a short window. */
export function burnAlertSpecs<V>(spec: SloSpec<V>): BurnAlertSpec<V>[] {
    return BURN_ALERTS.map((alert) => {
        const rate = burnRate(alert, spec.windowDays);
        return { key: `${spec.key}-${alert.name}`, alert, burnRate: rate, long: windowAlarm(spec, alert, rate, alert.longMinutes), short: windowAlarm(spec, alert, rate, alert.shortMinutes) };
    });
}

// ---------------------------------------------------------------------------------------------
// What CloudWatch refuses at deploy time, and what would make an SLO meaningless.

/** PutMetricAlarm: at most 10 metrics and 10 expressions (20 queries), exactly one returned. */
export const MAX_ALARM_METRICS = 10;
export const MAX_ALARM_EXPRESSIONS = 10;

/** Why CloudWatch would refuse a metric-math alarm's shape, or undefined. */
export function metricMathProblem<V>(alarm: Pick<WindowAlarmSpec<V>, "periodSeconds" | "evaluationPeriods" | "datapointsToAlarm" | "queries" | "resultId">): string | undefined {
    const metrics = alarm.queries.filter((q): q is SliMetric<V> => !isExpression(q));
    const expressions = alarm.queries.filter(isExpression);
    const ids = alarm.queries.map((q) => q.id);
    if (metrics.length > MAX_ALARM_METRICS) {
        return `${metrics.length} metrics, CloudWatch allows at most ${MAX_ALARM_METRICS} in an alarm`;
    }
    if (expressions.length > MAX_ALARM_EXPRESSIONS) {
        return `${expressions.length} expressions, CloudWatch allows at most ${MAX_ALARM_EXPRESSIONS} in an alarm`;
    }
    if (new Set(ids).size !== ids.length || !ids.every((id) => /^[a-z][a-zA-Z0-9_]*$/.test(id))) {
        return `query ids ${JSON.stringify(ids)} must be unique and start with a lower-case letter`;
    }
    if (!ids.includes(alarm.resultId)) {
        return `the result ${alarm.resultId} is not one of the queries`;
    }
    const stray = metrics.filter((m) => m.periodSeconds !== alarm.periodSeconds);
    if (stray.length > 0) {
        return `metrics ${stray.map((m) => m.id).join(", ")} have another period than the alarm's ${alarm.periodSeconds} s`;
    }
    const rankOnUnranked = metrics.filter((m) => /^PR\(/.test(m.stat) && !PERCENTILE_METRICS.has(`${m.namespace} ${m.metricName}`));
    if (rankOnUnranked.length > 0) {
        return `${rankOnUnranked.map((m) => `${m.namespace} ${m.metricName}`).join(", ")} has no percentiles, so no percentile rank`;
    }
    const period = periodProblem(alarm.periodSeconds);
    if (period !== undefined) {
        return `period ${alarm.periodSeconds} s: expected ${period}`;
    }
    const range = evaluationRangeProblem(alarm.periodSeconds, alarm.evaluationPeriods);
    if (range !== undefined) {
        return range;
    }
    if (!(Number.isInteger(alarm.datapointsToAlarm) && alarm.datapointsToAlarm >= 1 && alarm.datapointsToAlarm <= alarm.evaluationPeriods)) {
        return `${alarm.datapointsToAlarm} datapoints to alarm out of ${alarm.evaluationPeriods}`;
    }
    return undefined;
}

/** Why an SLO as specified is inconsistent (its alerts could never fire, or fire within budget), or undefined each. */
export function sloProblems<V>(spec: SloSpec<V>): string[] {
    const problems: string[] = [];
    if (!(spec.objective > 0 && spec.objective < 100)) {
        problems.push(`objective ${spec.objective}%: expected above 0 and below 100`);
    }
    if (!(Number.isInteger(spec.windowDays) && spec.windowDays >= 1 && spec.windowDays <= MAX_WINDOW_DAYS)) {
        problems.push(`window ${spec.windowDays} days: expected a whole number from 1 to ${MAX_WINDOW_DAYS}`);
    }
    if (spec.kind === "latency" && !(spec.thresholdMs !== undefined && spec.thresholdMs > 0)) {
        problems.push(`latency bound ${spec.thresholdMs} ms: expected above 0`);
    }
    if (problems.length > 0) {
        return problems;
    }
    for (const b of burnAlertSpecs(spec)) {
        if (b.burnRate <= 1) {
            problems.push(`${b.alert.name} burn rate ${b.burnRate}x over a ${spec.windowDays}-day window: at or below 1x the alert would fire while the budget lasts (a longer window raises it)`);
        }
        for (const w of [b.long, b.short]) {
            if (spec.style === "requests" && w.threshold >= 1) {
                problems.push(`${w.key}: a bad share of ${w.threshold} can never be reached (objective ${spec.objective}% x ${b.burnRate}x)`);
            }
            if (spec.style === "minutes" && w.datapointsToAlarm > w.evaluationPeriods) {
                problems.push(`${w.key}: ${w.datapointsToAlarm} bad minutes can never happen in ${w.evaluationPeriods}`);
            }
            const shape = metricMathProblem({ ...w, datapointsToAlarm: Math.min(w.datapointsToAlarm, w.evaluationPeriods) });
            if (shape !== undefined) {
                problems.push(`${w.key}: ${shape}`);
            }
        }
    }
    return problems;
}
