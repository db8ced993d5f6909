import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.xray.Group", () => {
    it("becomes an AWS::XRay::Group with its filter and insights", () => {
        const group = planned("aws:xray/group:Group", "dev-xray", { groupName: "dev", filterExpression: "annotation.environment = \"dev\"", insightsConfiguration: { insightsEnabled: true, notificationsEnabled: true } });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::XRay::Group",
            Properties: { GroupName: "dev", FilterExpression: "annotation.environment = \"dev\"", InsightsConfiguration: { InsightsEnabled: true, NotificationsEnabled: true } },
        });
    });
});
