import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.kms.Key", () => {
    it("becomes an AWS::KMS::Key with rotation, deletion window and its policy as a document", () => {
        const key = planned("aws:kms/key:Key", "dev-logs-key", {
            description: "logs", enableKeyRotation: true, deletionWindowInDays: 30, customerMasterKeySpec: "SYMMETRIC_DEFAULT", isEnabled: true,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Encrypt*", Resource: "*" }] }),
        });
        assert.deepStrictEqual(translated(key), {
            Type: "AWS::KMS::Key",
            Properties: {
                Description: "logs", KeySpec: "SYMMETRIC_DEFAULT", Enabled: true, EnableKeyRotation: true, PendingWindowInDays: 30,
                KeyPolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Encrypt*", Resource: "*" }] },
            },
        });
    });
});
