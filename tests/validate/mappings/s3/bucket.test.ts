import * as assert from "assert";
import { planned, translate, translated } from "../../fixtures";

describe("mapping aws.s3.Bucket", () => {
    it("becomes an AWS::S3::Bucket with its name", () => {
        assert.deepStrictEqual(translated(planned("aws:s3/bucket:Bucket", "dev-trail", { bucket: "dev-trail-logs", forceDestroy: false, objectLockEnabled: false })), {
            Type: "AWS::S3::Bucket",
            Properties: { BucketName: "dev-trail-logs", ObjectLockEnabled: false },
        });
    });

    it("does not report forceDestroy, which CloudFormation has no counterpart for, as dropped", () => {
        assert.deepStrictEqual(translate(planned("aws:s3/bucket:Bucket", "b", { forceDestroy: true })).droppedInputs, []);
    });
});
