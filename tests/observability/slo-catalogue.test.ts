import * as assert from "assert";
import { parseSloOverride, parseSloOverrides } from "../../components/observability/alarm-overrides";
import {
    badMinutesToAlarm, budgetEvents, budgetMinutes, BURN_ALERTS, burnAlertSpecs, burnRate, daysToExhaust, errorBudget, isExpression, MAX_ALARM_METRICS, metricMathProblem,
    PERCENTILE_METRICS, REFERENCE_SERVICE_LEVELS, SliMetric, SLO_CATALOGUE, SLO_TIERS, sloDefinition, sloProblems, sloSpecs, SloTarget, WindowAlarmSpec,
} from "../../components/observability/slo-catalogue";
import { burnAlertRule, sloReport } from "../../components/observability/slo-alarms";

const TARGETS: Record<string, SloTarget> = {
    apiGateway: { tier: "apiGateway", name: "api", apiName: "dev-api", stageName: "v1" },
    service: { tier: "service", name: "alb", loadBalancerArnSuffix: "app/alb/1", targetGroupArnSuffixes: ["targetgroup/a/1"] },
    dynamodb: { tier: "dynamodb", name: "table", tableName: "dev-Entities" },
    cache: { tier: "cache", name: "cache", cacheClusterIds: ["dev-cache-001"] },
};
const twoGroups: SloTarget = { tier: "service", name: "alb", loadBalancerArnSuffix: "app/alb/1", targetGroupArnSuffixes: ["targetgroup/a/1", "targetgroup/b/2"] };
const twoNodes: SloTarget = { tier: "cache", name: "cache", cacheClusterIds: ["c-001", "c-002"] };

const spec = (tier: string, kind: "availability" | "latency", entries: string[] = [], target = TARGETS[tier]) =>
    sloSpecs(target, parseSloOverrides(entries).overrides).find((s) => s.kind === kind)!;
const metricsOf = (w: WindowAlarmSpec) => w.queries.filter((q): q is SliMetric => !isExpression(q));

describe("SLO arithmetic (worked examples)", () => {
    it("turns an objective into a budget: 99.9 % over 30 days is 0.1 % of requests, 43.2 minutes of full outage", () => {
        assert.strictEqual(errorBudget(99.9), 0.001);
        assert.strictEqual(budgetMinutes(99.9, 30), 43.2);
        assert.strictEqual(budgetMinutes(99.95, 30), 21.6);
        assert.strictEqual(budgetMinutes(99.99, 30), 4.32);
        assert.strictEqual(budgetMinutes(99, 30), 432);
        // 1 million requests a month at 99.95 %: 500 may fail.
        assert.strictEqual(budgetEvents(99.95, 1_000_000), 500);
    });

    it("derives the SRE workbook's burn rates from budget shares: 2 % in 1 h is 14.4x, 5 % in 6 h is 6x over 30 days", () => {
        const [fast, slow] = BURN_ALERTS;
        assert.deepStrictEqual([fast.longMinutes, fast.shortMinutes, slow.longMinutes, slow.shortMinutes], [60, 5, 360, 30]);
        assert.strictEqual(burnRate(fast, 30), 14.4);
        assert.strictEqual(burnRate(slow, 30), 6);
        // A shorter window lowers the rate that spends the same share: 7 days -> 3.36x and 1.4x.
        assert.strictEqual(burnRate(fast, 7), 3.36);
        assert.strictEqual(burnRate(slow, 7), 1.4);
        // At 14.4x a 30-day budget is gone in a little over 2 days; at 6x in 5.
        assert.strictEqual(daysToExhaust(14.4, 30), 2.083333333);
        assert.strictEqual(daysToExhaust(6, 30), 5);
    });

    it("alarms a request SLO when the window's bad share reaches rate x budget: 99.9 % at 14.4x is 1.44 % of requests", () => {
        const [fast, slow] = burnAlertSpecs(spec("service", "availability"));
        assert.deepStrictEqual([fast.long.threshold, fast.short.threshold, slow.long.threshold, slow.short.threshold], [0.0144, 0.0144, 0.006, 0.006]);
        assert.deepStrictEqual([fast.long.periodSeconds, fast.short.periodSeconds, slow.long.periodSeconds, slow.short.periodSeconds], [3600, 300, 21600, 1800]);
        assert.ok([fast.long, fast.short].every((w) => w.evaluationPeriods === 1 && w.datapointsToAlarm === 1 && w.comparison === "GreaterThanOrEqualToThreshold"));
        // 99.95 % at the stage: 0.72 % of requests in the last hour and the last 5 minutes page.
        assert.strictEqual(burnAlertSpecs(spec("apiGateway", "availability"))[0].long.threshold, 0.0072);
    });

    it("counts bad minutes for minute SLOs: 99 % at 14.4x is 9 of the last 60 minutes, rounded up to whole minutes", () => {
        assert.strictEqual(badMinutesToAlarm(14.4, 99, 60), 9); // 8.64 -> 9
        assert.strictEqual(badMinutesToAlarm(14.4, 99, 5), 1); // 0.72 -> 1
        assert.strictEqual(badMinutesToAlarm(6, 99, 360), 22); // 21.6 -> 22
        assert.strictEqual(badMinutesToAlarm(6, 99, 30), 2); // 1.8 -> 2
        // 1.5 x 10 % x 60 is 9 exactly, though 9.000000000000002 in floating point: 9 minutes, not 10.
        assert.strictEqual(badMinutesToAlarm(1.5, 90, 60), 9);
        // 99.99 %: a single bad minute in an hour already burns 166x.
        assert.strictEqual(badMinutesToAlarm(14.4, 99.99, 60), 1);
        const [fast, slow] = burnAlertSpecs(spec("dynamodb", "latency"));
        assert.deepStrictEqual([fast.long.periodSeconds, fast.long.evaluationPeriods, fast.long.datapointsToAlarm], [60, 60, 9]);
        assert.deepStrictEqual([slow.long.evaluationPeriods, slow.long.datapointsToAlarm, slow.short.evaluationPeriods, slow.short.datapointsToAlarm], [360, 22, 30, 2]);
        // Whole minutes fire at or above the nominal rate: 9 / (60 x 1 %) = 15x.
        assert.strictEqual(fast.long.effectiveBurnRate, 15);
        assert.strictEqual(burnAlertSpecs(spec("cache", "availability"))[0].long.effectiveBurnRate, 166.666666667);
    });
});

describe("SLO catalogue", () => {
    it("holds one availability and one latency SLO per tier, with the reference service levels", () => {
        for (const tier of SLO_TIERS) {
            assert.deepStrictEqual(SLO_CATALOGUE.filter((d) => d.tier === tier).map((d) => d.kind).sort(), ["availability", "latency"], tier);
            assert.strictEqual(sloDefinition(tier, "availability").objective, REFERENCE_SERVICE_LEVELS[tier].availability);
            assert.strictEqual(sloDefinition(tier, "availability").windowDays, 30);
        }
        assert.deepStrictEqual(
            SLO_TIERS.map((t) => [t, REFERENCE_SERVICE_LEVELS[t].availability, REFERENCE_SERVICE_LEVELS[t].latencyMs]),
            [["apiGateway", 99.95, 50], ["service", 99.9, 100], ["dynamodb", 99.99, 10], ["cache", 99.99, 5]],
        );
        // The stage's latency includes the integration: the gateway's 50 ms plus the services' 100 ms.
        assert.deepStrictEqual(SLO_TIERS.map((t) => sloDefinition(t, "latency").thresholdMs), [150, 100, 10, 5]);
    });

    it("counts requests under the bound with percentile ranks, in each metric's unit, only where CloudWatch has percentiles", () => {
        const stats = (tier: string) => metricsOf(burnAlertSpecs(spec(tier, "latency"))[0].long).map((m) => `${m.metricName} ${m.stat}`);
        assert.deepStrictEqual(stats("apiGateway"), ["Latency PR(0:150)"]);
        assert.deepStrictEqual(stats("service"), ["TargetResponseTime PR(0:0.1)", "TargetResponseTime SampleCount"]);
        assert.deepStrictEqual(stats("cache"), ["SuccessfulReadRequestLatency PR(0:5000)", "SuccessfulReadRequestLatency SampleCount", "SuccessfulWriteRequestLatency PR(0:5000)", "SuccessfulWriteRequestLatency SampleCount"]);
        // DynamoDB publishes no percentiles: average per operation per minute, never PR.
        assert.ok(stats("dynamodb").every((s) => s === "SuccessfulRequestLatency Average"));
        assert.ok(!PERCENTILE_METRICS.has("AWS/DynamoDB SuccessfulRequestLatency"));
    });

    it("weights each target group's percentile rank by its requests, so that the idle group of a canary drops out", () => {
        const w = burnAlertSpecs(spec("service", "latency", [], twoGroups))[0].long;
        const exprs = w.queries.filter(isExpression).map((q) => `${q.id}=${q.expression}`);
        assert.deepStrictEqual(exprs, ["w0=pr0 * n0 / 100", "w1=pr1 * n1 / 100", "good=SUM([w0, w1])", "valid=SUM([n0, n1])", "bad=1 - good / valid"]);
        assert.deepStrictEqual(metricsOf(w).map((m) => m.dimensions.TargetGroup), ["targetgroup/a/1", "targetgroup/a/1", "targetgroup/b/2", "targetgroup/b/2"]);
        assert.strictEqual(w.resultId, "bad");
    });

    it("counts DynamoDB failures and throttles against every request, and a silent cache as down", () => {
        const a = burnAlertSpecs(spec("dynamodb", "availability"))[0].long;
        assert.deepStrictEqual(metricsOf(a).map((m) => m.metricName), ["SystemErrors", "SystemErrors", "SystemErrors", "SystemErrors", "SystemErrors", "ReadThrottleEvents", "WriteThrottleEvents", "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"]);
        assert.deepStrictEqual(a.queries.filter(isExpression).map((q) => q.expression), ["SUM([s0, s1, s2, s3, s4, tr, tw])", "SUM([failed, cr, cw])", "failed / valid"]);
        const c = burnAlertSpecs(spec("cache", "availability", [], twoNodes))[0].long;
        assert.deepStrictEqual([c.comparison, c.threshold, c.treatMissingData], ["LessThanThreshold", 1, "breaching"]);
        assert.deepStrictEqual(c.queries.filter(isExpression).map((q) => q.expression), ["MAX([c0, c1])"]);
    });

    it("keeps every SLO of every tier within what CloudWatch accepts, with two target groups and two cache nodes too", () => {
        for (const target of [...Object.values(TARGETS), twoGroups, twoNodes]) {
            for (const s of sloSpecs(target)) {
                assert.deepStrictEqual(sloProblems(s), [], s.key);
                for (const b of burnAlertSpecs(s)) {
                    for (const w of [b.long, b.short]) {
                        assert.ok(metricsOf(w).length <= MAX_ALARM_METRICS, `${w.key}: ${metricsOf(w).length} metrics`);
                        assert.ok(metricsOf(w).every((m) => m.periodSeconds === w.periodSeconds), w.key);
                    }
                }
            }
        }
    });

    it("names a burn alert's composite rule after both of its windows", () => {
        assert.strictEqual(burnAlertRule("dev-slo-api-availability-fast-1h", "dev-slo-api-availability-fast-5m"), 'ALARM("dev-slo-api-availability-fast-1h") AND ALARM("dev-slo-api-availability-fast-5m")');
        const report = sloReport("dev-edge", spec("apiGateway", "availability"));
        assert.deepStrictEqual(report.alerts.map((a) => [a.alarm, a.notify, a.windows.map((w) => w.alarm)]), [
            ["dev-edge-slo-api-availability-fast", "page", ["dev-edge-slo-api-availability-fast-1h", "dev-edge-slo-api-availability-fast-5m"]],
            ["dev-edge-slo-api-availability-slow", "ticket", ["dev-edge-slo-api-availability-slow-6h", "dev-edge-slo-api-availability-slow-30m"]],
        ]);
        assert.strictEqual(report.budgetMinutes, 21.6);
    });
});

describe("CloudWatch's limits on metric-math alarms, as checks", () => {
    const base = burnAlertSpecs(spec("service", "availability"))[0].long;

    it("refuses more than 10 metrics, a metric of another period, a percentile rank on a metric without percentiles", () => {
        const many = { ...base, queries: [...Array.from({ length: 11 }, (_, i) => ({ id: `m${i}`, namespace: "AWS/ApplicationELB", metricName: "RequestCount", stat: "Sum", dimensions: {}, periodSeconds: 3600 })), { id: "bad", expression: "SUM([m0, m1])" }] };
        assert.match(metricMathProblem(many)!, /11 metrics, CloudWatch allows at most 10/);
        const stray = { ...base, queries: [{ ...metricsOf(base)[0], periodSeconds: 60 }, ...base.queries.slice(1)] };
        assert.match(metricMathProblem(stray)!, /another period than the alarm's 3600 s/);
        const ranked = { ...base, queries: [{ ...metricsOf(base)[0], namespace: "AWS/DynamoDB", metricName: "SuccessfulRequestLatency", stat: "PR(0:10)" }, ...base.queries.slice(1)] };
        assert.match(metricMathProblem(ranked)!, /AWS\/DynamoDB SuccessfulRequestLatency has no percentiles/);
        assert.match(metricMathProblem({ ...base, resultId: "nothing" })!, /not one of the queries/);
    });

    it("refuses an evaluation range over a day for periods under an hour, and more bad minutes than the window has", () => {
        assert.match(metricMathProblem({ ...base, periodSeconds: 60, evaluationPeriods: 1441, queries: base.queries.map((q) => (isExpression(q) ? q : { ...q, periodSeconds: 60 })) })!, /one-day evaluation range/);
        assert.match(metricMathProblem({ ...base, periodSeconds: 45, queries: base.queries.map((q) => (isExpression(q) ? q : { ...q, periodSeconds: 45 })) })!, /period 45 s: expected a period of 10, 20, 30 or a multiple of 60 seconds/);
        assert.match(metricMathProblem({ ...base, datapointsToAlarm: 2 })!, /2 datapoints to alarm out of 1/);
    });
});

describe("SLO overrides", () => {
    it("applies an override to its tier and kind only, the last one of a field winning", () => {
        const overrides = parseSloOverrides(["service.latency.thresholdMs=200", "service.latency.thresholdMs=250", "service.availability.objective=99.5", "dynamodb.latency.windowDays=28"]).overrides;
        const [availability, latency] = sloSpecs(TARGETS.service, overrides);
        assert.deepStrictEqual([availability.objective, latency.thresholdMs, latency.objective, latency.windowDays], [99.5, 250, 99, 30]);
        assert.strictEqual(sloSpecs(TARGETS.dynamodb, overrides)[1].windowDays, 28);
        assert.strictEqual(metricsOf(burnAlertSpecs(latency)[0].long)[0].stat, "PR(0:0.25)");
    });

    it("refuses bad values, naming the entry and what is accepted", () => {
        const problem = (entry: string) => (parseSloOverride(entry) as { problem: string }).problem;
        assert.match(problem("web.latency.objective=99"), /"web\.latency\.objective=99": unknown tier "web"/);
        assert.match(problem("service.speed.objective=99"), /unknown SLO "speed"/);
        assert.match(problem("service.latency.colour=1"), /unknown field "colour"/);
        assert.match(problem("service.latency.objective=100"), /above 0 and below 100/);
        assert.match(problem("service.latency.objective=ninety"), /objective "ninety" is not a number/);
        assert.match(problem("service.latency.windowDays=7.5"), /whole number of days from 1 to 90/);
        assert.match(problem("service.availability.thresholdMs=200"), /latency SLOs only/);
        assert.match(problem("service.latency.thresholdMs=0"), /above 0/);
        assert.match(problem("latency=200"), /is not <tier>\./);
    });

    it("finds the SLOs an override makes inconsistent: alerts that could never fire, or fire within budget", () => {
        // 90 %: 14.4x the budget is 144 % of requests.
        assert.match(sloProblems(spec("service", "availability", ["service.availability.objective=90"])).join("\n"), /bad share of 1\.44 can never be reached/);
        // 3 days: 5 % of the budget in 6 h is 0.6x, an alert within budget.
        assert.match(sloProblems(spec("service", "availability", ["service.availability.windowDays=3"])).join("\n"), /slow burn rate 0\.6x .* at or below 1x/);
        // 90 % of minutes: 86 bad minutes in 60.
        assert.match(sloProblems(spec("dynamodb", "latency", ["dynamodb.latency.objective=90"])).join("\n"), /87 bad minutes can never happen in 60/);
        assert.deepStrictEqual(sloProblems(spec("service", "availability", ["service.availability.windowDays=28"])), []);
    });
});
