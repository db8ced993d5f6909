import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.s3.BucketPolicy", () => {
    it("becomes an AWS::S3::BucketPolicy on the bucket's Ref, with ARNs built from the bucket as Fn::Sub", () => {
        const bucket = planned("aws:s3/bucket:Bucket", "dev-trail", {}, { id: "dev-trail-1a2b3c4", state: { arn: "arn:aws:s3:::dev-trail-1a2b3c4" } });
        const policy = planned("aws:s3/bucketPolicy:BucketPolicy", "dev-trail-policy", {
            bucket: bucket.id,
            policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::dev-trail-1a2b3c4", "arn:aws:s3:::dev-trail-1a2b3c4/*"] }] }),
        }, { dependsOn: [bucket.urn] });
        assert.deepStrictEqual(translated(policy, bucket), {
            Type: "AWS::S3::BucketPolicy",
            Properties: {
                Bucket: { Ref: "DevTrail" },
                PolicyDocument: { Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [{ "Fn::GetAtt": ["DevTrail", "Arn"] }, { "Fn::Sub": "${DevTrail.Arn}/*" }] }] },
            },
        });
    });
});
