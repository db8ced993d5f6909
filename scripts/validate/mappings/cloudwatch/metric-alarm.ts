import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

/** Pulumi takes metric dimensions as a map; CloudFormation as a name/value list. */
function dimensions(map: Readonly<Record<string, string>> | undefined) {
    const entries = Object.entries(map ?? {});
    return entries.length === 0 ? undefined : entries.map(([Name, Value]) => ({ Name, Value }));
}

export const metricAlarm = resourceMapping<aws.cloudwatch.MetricAlarmArgs>({
    pulumiType: "aws:cloudwatch/metricAlarm:MetricAlarm",
    cfnType: "AWS::CloudWatch::Alarm",
    attributes: { arn: "Arn" },
    translate: (i, ctx) => ({
        properties: {
            AlarmName: verbatim(i.name),
            AlarmDescription: i.alarmDescription,
            ActionsEnabled: i.actionsEnabled,
            AlarmActions: i.alarmActions,
            OKActions: i.okActions,
            InsufficientDataActions: i.insufficientDataActions,
            Namespace: i.namespace,
            MetricName: i.metricName,
            Dimensions: dimensions(i.dimensions),
            Statistic: i.statistic,
            ExtendedStatistic: i.extendedStatistic,
            Unit: i.unit,
            Period: i.period,
            Metrics: i.metricQueries?.map((q) => ({
                Id: q.id,
                Expression: q.expression,
                Label: q.label,
                ReturnData: q.returnData,
                Period: q.period,
                AccountId: q.accountId,
                MetricStat: q.metric && {
                    Metric: { Namespace: q.metric.namespace, MetricName: q.metric.metricName, Dimensions: dimensions(q.metric.dimensions) },
                    Period: q.metric.period,
                    Stat: q.metric.stat,
                    Unit: q.metric.unit,
                },
            })),
            ComparisonOperator: i.comparisonOperator,
            Threshold: i.threshold,
            ThresholdMetricId: i.thresholdMetricId,
            EvaluationPeriods: i.evaluationPeriods,
            DatapointsToAlarm: i.datapointsToAlarm,
            EvaluationInterval: i.evaluationInterval,
            EvaluationCriteria: i.evaluationCriteria && {
                PromQLCriteria: {
                    Query: i.evaluationCriteria.promqlCriteria?.query,
                    PendingPeriod: i.evaluationCriteria.promqlCriteria?.pendingPeriod,
                    RecoveryPeriod: i.evaluationCriteria.promqlCriteria?.recoveryPeriod,
                },
            },
            EvaluateLowSampleCountPercentile: i.evaluateLowSampleCountPercentiles,
            TreatMissingData: i.treatMissingData,
            WarmUpConfiguration: i.warmUpConfiguration && {
                WarmUpPeriodDurationInMinutes: i.warmUpConfiguration.warmUpPeriodDurationInMinutes,
                OnlyStartEvaluatingAfterWarmUpPeriodEnds: i.warmUpConfiguration.onlyStartEvaluatingAfterWarmUpPeriodEnds,
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
