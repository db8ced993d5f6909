import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudfront.Function", () => {
    it("becomes an AWS::CloudFront::Function with its code as is and its runtime in the config", () => {
        const fn = planned("aws:cloudfront/function:Function", "normalise", { name: "normalise", runtime: "cloudfront-js-2.0", code: "function handler(e) { return e.request; }", publish: true });
        assert.deepStrictEqual(translated(fn), {
            Type: "AWS::CloudFront::Function",
            Properties: { Name: "normalise", FunctionCode: "function handler(e) { return e.request; }", AutoPublish: true, FunctionConfig: { Comment: "", Runtime: "cloudfront-js-2.0" } },
        });
    });
});
