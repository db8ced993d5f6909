import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.kms.Alias", () => {
    it("becomes an AWS::KMS::Alias whose target is the key's Ref (its key id)", () => {
        const key = planned("aws:kms/key:Key", "dev-logs-key", {}, { id: "dev-logs-key-1a2b3c4", state: { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" } });
        const alias = planned("aws:kms/alias:Alias", "dev-logs-alias", { name: "alias/dev-logs", targetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, { dependsOn: [key.urn] });
        assert.deepStrictEqual(translated(alias, key), { Type: "AWS::KMS::Alias", Properties: { AliasName: "alias/dev-logs", TargetKeyId: { Ref: "DevLogsKey" } } });
    });
});
