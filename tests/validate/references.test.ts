import * as assert from "assert";
import { buildReferenceIndex, resolveString } from "../../scripts/validate/references";

const target = (logicalId: string, attribute = "Ref") => ({ logicalId, attribute });
const all = new Set(["Key", "Other", "Group", "GroupStream"]);

describe("references", () => {
    it("keeps a value that two resources claim literal: it identifies neither", () => {
        const index = buildReferenceIndex([{ value: "shared", target: target("Key") }, { value: "shared", target: target("Other") }]);
        assert.strictEqual(resolveString("shared", index, "us-east-1", all), "shared");
    });

    it("prefers the first attribute a resource declares for a value", () => {
        const index = buildReferenceIndex([{ value: "k-1", target: target("Key") }, { value: "k-1", target: target("Key", "KeyId") }]);
        assert.deepStrictEqual(resolveString("k-1", index, "us-east-1", all), { Ref: "Key" });
    });

    it("matches the longest ARN when one ARN is a prefix of another", () => {
        const group = "arn:aws:logs:us-east-1:123456789012:log-group:/a";
        const index = buildReferenceIndex([{ value: group, target: target("Group", "Arn") }, { value: `${group}-stream`, target: target("GroupStream", "Arn") }]);
        assert.deepStrictEqual(resolveString(`${group}-stream/*`, index, "us-east-1", all), { "Fn::Sub": "${GroupStream.Arn}/*" });
    });

    it("escapes a literal ${ in a string it turns into a Fn::Sub", () => {
        const index = buildReferenceIndex([]);
        assert.deepStrictEqual(resolveString("arn:aws:s3:::b/${aws:username}", index, "us-east-1", all), { "Fn::Sub": "arn:${AWS::Partition}:s3:::b/${!aws:username}" });
    });

    it("keeps a region in an ARN that is not the template's region", () => {
        const index = buildReferenceIndex([]);
        assert.deepStrictEqual(resolveString("arn:aws:sns:eu-west-1:123456789012:t", index, "us-east-1", all), { "Fn::Sub": "arn:${AWS::Partition}:sns:eu-west-1:${AWS::AccountId}:t" });
    });

    it("leaves strings without references or ARNs alone", () => {
        assert.strictEqual(resolveString("10.0.0.0/16 ${not a sub}", buildReferenceIndex([]), "us-east-1", all), "10.0.0.0/16 ${not a sub}");
    });
});
