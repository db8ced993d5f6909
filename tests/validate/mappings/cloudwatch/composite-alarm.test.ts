import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.cloudwatch.CompositeAlarm", () => {
    it("becomes an AWS::CloudWatch::CompositeAlarm with its rule, its actions on the topic, and after the alarms it combines", () => {
        const topic = planned("aws:sns/topic:Topic", "dev-alerts", {}, { state: { arn: "arn:aws:sns:us-east-1:123456789012:dev-alerts" } });
        const window = (name: string) => planned("aws:cloudwatch/metricAlarm:MetricAlarm", name, {
            name, comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 0.0144,
            metricQueries: [{ id: "e", returnData: false, metric: { namespace: "AWS/ApiGateway", metricName: "5XXError", period: 3600, stat: "Average" } }, { id: "bad", expression: "e", returnData: true }],
        });
        const long = window("dev-slo-api-availability-fast-1h");
        const short = window("dev-slo-api-availability-fast-5m");
        const composite = planned("aws:cloudwatch/compositeAlarm:CompositeAlarm", "dev-slo-api-availability-fast", {
            alarmName: "dev-slo-api-availability-fast",
            alarmRule: 'ALARM("dev-slo-api-availability-fast-1h") AND ALARM("dev-slo-api-availability-fast-5m")',
            alarmDescription: "PAGE",
            actionsEnabled: true,
            alarmActions: ["arn:aws:sns:us-east-1:123456789012:dev-alerts"],
            okActions: ["arn:aws:sns:us-east-1:123456789012:dev-alerts"],
        }, { dependsOn: [long.urn, short.urn, topic.urn] });
        const [[, cfn]] = cfnOf(translate(topic, long, short, composite), composite.name);
        const ids = (name: string) => cfnOf(translate(topic, long, short, composite), name)[0][0];
        assert.strictEqual(cfn.Type, "AWS::CloudWatch::CompositeAlarm");
        assert.deepStrictEqual(cfn.Properties.AlarmActions, [{ Ref: ids("dev-alerts") }]);
        assert.deepStrictEqual(cfn.Properties.OKActions, [{ Ref: ids("dev-alerts") }]);
        assert.strictEqual(cfn.Properties.AlarmName, "dev-slo-api-availability-fast");
        assert.strictEqual(cfn.Properties.ActionsEnabled, true);
        assert.strictEqual(cfn.Properties.AlarmRule, 'ALARM("dev-slo-api-availability-fast-1h") AND ALARM("dev-slo-api-availability-fast-5m")');
        // CloudWatch refuses a rule naming alarms that do not exist yet: both windows come first.
        assert.deepStrictEqual(cfn.DependsOn, [ids("dev-slo-api-availability-fast-1h"), ids("dev-slo-api-availability-fast-5m")]);
    });

    it("writes an actions suppressor as CloudFormation's three properties", () => {
        const composite = planned("aws:cloudwatch/compositeAlarm:CompositeAlarm", "c", {
            alarmName: "c", alarmRule: 'ALARM("a")', actionsSuppressor: { alarm: "maintenance", waitPeriod: 60, extensionPeriod: 120 },
        });
        const [[, cfn]] = cfnOf(translate(composite), "c");
        assert.deepStrictEqual([cfn.Properties.ActionsSuppressor, cfn.Properties.ActionsSuppressorWaitPeriod, cfn.Properties.ActionsSuppressorExtensionPeriod], ["maintenance", 60, 120]);
    });
});
