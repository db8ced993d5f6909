import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudwatch.Dashboard", () => {
    it("becomes an AWS::CloudWatch::Dashboard whose body spells the account as a pseudo-parameter", () => {
        const body = JSON.stringify({ widgets: [{ type: "alarm", properties: { alarms: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:dev-cpu"] } }] });
        assert.deepStrictEqual(translated(planned("aws:cloudwatch/dashboard:Dashboard", "dev", { dashboardName: "dev", dashboardBody: body })), {
            Type: "AWS::CloudWatch::Dashboard",
            Properties: { DashboardName: "dev", DashboardBody: { "Fn::Sub": body.replace("arn:aws:cloudwatch:us-east-1:123456789012", "arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}") } },
        });
    });
});
