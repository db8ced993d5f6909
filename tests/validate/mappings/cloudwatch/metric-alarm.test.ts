import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudwatch.MetricAlarm", () => {
    it("becomes an AWS::CloudWatch::Alarm with its actions on the topic it depends on and dimensions as a list", () => {
        const topic = planned("aws:sns/topic:Topic", "dev-alerts", {}, { state: { arn: "arn:aws:sns:us-east-1:123456789012:dev-alerts" } });
        const alarm = planned("aws:cloudwatch/metricAlarm:MetricAlarm", "dev-cpu", {
            name: "dev-cpu", namespace: "AWS/ECS", metricName: "CPUUtilization", dimensions: { ClusterName: "dev" }, statistic: "Average", period: 300,
            evaluationPeriods: 2, threshold: 80, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching",
            alarmActions: ["arn:aws:sns:us-east-1:123456789012:dev-alerts"], okActions: ["arn:aws:sns:us-east-1:123456789012:dev-alerts"],
        }, { dependsOn: [topic.urn] });
        assert.deepStrictEqual(translated(alarm, topic), {
            Type: "AWS::CloudWatch::Alarm",
            Properties: {
                AlarmName: "dev-cpu", AlarmActions: [{ Ref: "DevAlerts" }], OKActions: [{ Ref: "DevAlerts" }], Namespace: "AWS/ECS", MetricName: "CPUUtilization",
                Dimensions: [{ Name: "ClusterName", Value: "dev" }], Statistic: "Average", Period: 300, ComparisonOperator: "GreaterThanThreshold",
                Threshold: 80, EvaluationPeriods: 2, TreatMissingData: "notBreaching",
            },
        });
    });

    it("writes metric math queries as Metrics with a MetricStat", () => {
        const alarm = planned("aws:cloudwatch/metricAlarm:MetricAlarm", "dev-5xx", {
            comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, threshold: 5,
            metricQueries: [{ id: "rate", expression: "100*errors/requests", returnData: true }, { id: "errors", metric: { namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", period: 60, stat: "Sum" } }],
        });
        assert.deepStrictEqual(translated(alarm).Properties.Metrics, [
            { Id: "rate", Expression: "100*errors/requests", ReturnData: true },
            { Id: "errors", MetricStat: { Metric: { Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count" }, Period: 60, Stat: "Sum" } },
        ]);
    });
});
