import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.sns.TopicSubscription", () => {
    it("becomes an AWS::SNS::Subscription on the topic it names, by reference", () => {
        const topic = planned("aws:sns/topic:Topic", "prod-alerts", { name: "prod-alerts" }, { id: "arn:aws:sns:us-east-1:123456789012:prod-alerts" });
        const subscription = planned("aws:sns/topicSubscription:TopicSubscription", "prod-alerts-email-ops@example.com", {
            topic: topic.id, protocol: "email", endpoint: "ops@example.com", endpointAutoConfirms: false, confirmationTimeoutInMinutes: 1,
        }, { dependsOn: [topic.urn] });
        const cfn = cfnOf(translate(topic, subscription), "prod-alerts-email-ops@example.com");
        assert.strictEqual(cfn.length, 1);
        assert.deepStrictEqual(cfn[0][1], { Type: "AWS::SNS::Subscription", Properties: { TopicArn: { "Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${ProdAlerts.TopicName}" }, Protocol: "email", Endpoint: "ops@example.com" } });
    });
});
