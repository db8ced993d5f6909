import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudwatch.LogGroup", () => {
    it("becomes an AWS::Logs::LogGroup with retention and its KMS key", () => {
        const group = planned("aws:cloudwatch/logGroup:LogGroup", "dev-flow-logs", { name: "/vpc/dev/flow-logs", retentionInDays: 30, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::Logs::LogGroup",
            Properties: { LogGroupName: "/vpc/dev/flow-logs", RetentionInDays: 30, KmsKeyId: { "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
        });
    });

    it("is retained on delete when Pulumi would skip destroying it", () => {
        assert.strictEqual(translated(planned("aws:cloudwatch/logGroup:LogGroup", "g", { skipDestroy: true })).DeletionPolicy, "Retain");
    });
});
