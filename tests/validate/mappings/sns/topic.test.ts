import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.sns.Topic", () => {
    it("becomes an AWS::SNS::Topic with its KMS key, per-protocol delivery logging, and its policy as an AWS::SNS::TopicPolicy", () => {
        const topic = planned("aws:sns/topic:Topic", "dev-alerts", {
            name: "dev-alerts", displayName: "dev alerts", kmsMasterKeyId: "alias/aws/sns",
            sqsSuccessFeedbackRoleArn: "arn:aws:iam::123456789012:role/sns-logs", sqsSuccessFeedbackSampleRate: 100,
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }] }),
        });
        assert.deepStrictEqual(cfnOf(translate(topic), "dev-alerts"), [
            ["DevAlerts", {
                Type: "AWS::SNS::Topic",
                Properties: {
                    TopicName: "dev-alerts", DisplayName: "dev alerts", KmsMasterKeyId: "alias/aws/sns",
                    DeliveryStatusLogging: [{ Protocol: "sqs", SuccessFeedbackRoleArn: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/sns-logs" }, SuccessFeedbackSampleRate: "100" }],
                },
            }],
            ["DevAlertsPolicy", {
                Type: "AWS::SNS::TopicPolicy",
                Properties: { Topics: [{ Ref: "DevAlerts" }], PolicyDocument: { Statement: [{ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "*" }] } },
            }],
        ]);
    });
});
