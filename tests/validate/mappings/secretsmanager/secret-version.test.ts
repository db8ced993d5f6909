import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.secretsmanager.SecretVersion", () => {
    it("sets the SecretString of the secret it names", () => {
        const secret = planned("aws:secretsmanager/secret:Secret", "origin", { name: "dev/origin" }, { id: "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/origin-AbCdEf" });
        const version = planned("aws:secretsmanager/secretVersion:SecretVersion", "origin-value", { secretId: secret.id, secretString: "s3cr3t" }, { dependsOn: [secret.urn] });
        assert.deepStrictEqual(cfnOf(translate(secret, version), "origin")[0][1].Properties, { Name: "dev/origin", SecretString: "s3cr3t" });
    });
});
