import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, isPercentile } from "./alarm-catalogue";

/** What a metric alarm is made of, whether it comes from the catalogue or from a log metric filter. */
export type AlarmShape<V> = Pick<
    AlarmSpec<V>,
    "namespace" | "metricName" | "statistic" | "threshold" | "comparison" | "periodSeconds" | "evaluationPeriods" | "treatMissingData" | "description" | "dimensions" | "sumOver"
> & { readonly region?: string };

/**
 * MetricAlarm args for a spec: alarm *and* OK actions to the alert topic (so that chat and mail see
 * recoveries too), a percentile as an extended statistic, and metric math (SUM, or MAX for
 * percentiles) where the metric is combined over several values of one more dimension.
 */
export function metricAlarmArgs(alarmName: string, spec: AlarmShape<pulumi.Input<string>>, topicArn: pulumi.Input<string>): aws.cloudwatch.MetricAlarmArgs {
    const common = {
        name: alarmName,
        alarmDescription: spec.description,
        comparisonOperator: spec.comparison,
        threshold: spec.threshold,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.evaluationPeriods,
        treatMissingData: spec.treatMissingData,
        actionsEnabled: true,
        alarmActions: [topicArn],
        okActions: [topicArn],
        // CloudFront's metrics (and its WAF's) exist only in us-east-1; the alarm must live there.
        ...(spec.region !== undefined ? { region: spec.region } : {}),
    };
    if (spec.sumOver !== undefined) {
        const sumOver = spec.sumOver;
        const aggregation = sumOver.aggregation ?? "SUM";
        return {
            ...common,
            metricQueries: [
                ...sumOver.values.map((value, i) => ({
                    id: `m${i}`,
                    returnData: false,
                    metric: {
                        namespace: spec.namespace,
                        metricName: spec.metricName,
                        stat: spec.statistic,
                        period: spec.periodSeconds,
                        dimensions: { ...spec.dimensions, [sumOver.dimension]: value },
                    },
                })),
                // SUM/MAX of empty series is empty, so an idle resource stays "missing data", not 0.
                aggregation === "SUM"
                    ? { id: "total", expression: "SUM(METRICS())", label: `${spec.metricName} (all ${sumOver.dimension}s)`, returnData: true }
                    : { id: "highest", expression: `${aggregation}(METRICS())`, label: `${spec.metricName} (${aggregation} over ${sumOver.dimension}s)`, returnData: true },
            ],
        };
    }
    return {
        ...common,
        namespace: spec.namespace,
        metricName: spec.metricName,
        period: spec.periodSeconds,
        dimensions: spec.dimensions,
        ...(isPercentile(spec.statistic) ? { extendedStatistic: spec.statistic } : { statistic: spec.statistic }),
    };
}
