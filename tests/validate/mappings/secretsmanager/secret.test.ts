import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.secretsmanager.Secret", () => {
    it("becomes an AWS::SecretsManager::Secret, with its resource policy as an AWS::SecretsManager::ResourcePolicy", () => {
        const secret = planned("aws:secretsmanager/secret:Secret", "origin", {
            name: "dev/edge/origin-verify", description: "header value", kmsKeyId: "alias/dev", recoveryWindowInDays: 0,
            policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "secretsmanager:DeleteSecret", Resource: "*" }] }),
        });
        assert.deepStrictEqual(cfnOf(translate(secret), "origin"), [
            ["Origin", { Type: "AWS::SecretsManager::Secret", Properties: { Name: "dev/edge/origin-verify", Description: "header value", KmsKeyId: "alias/dev" } }],
            ["OriginPolicy", {
                Type: "AWS::SecretsManager::ResourcePolicy",
                Properties: { SecretId: { Ref: "Origin" }, ResourcePolicy: { Statement: [{ Effect: "Deny", Principal: "*", Action: "secretsmanager:DeleteSecret", Resource: "*" }] } },
            }],
        ]);
    });
});
