import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudtrail.Trail", () => {
    it("becomes an AWS::CloudTrail::Trail that logs unless told not to, with CloudFormation's selector operators", () => {
        const trail = planned("aws:cloudtrail/trail:Trail", "dev-trail", {
            name: "dev-trail", s3BucketName: "dev-trail-1a2b3c4", isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true,
            advancedEventSelectors: [{ name: "S3 writes", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.ARN", startsWiths: ["arn:aws:s3:::data/"] }] }],
        });
        assert.deepStrictEqual(translated(trail), {
            Type: "AWS::CloudTrail::Trail",
            Properties: {
                TrailName: "dev-trail", S3BucketName: "dev-trail-1a2b3c4", IsLogging: true, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true,
                AdvancedEventSelectors: [{ Name: "S3 writes", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.ARN", StartsWith: [{ "Fn::Sub": "arn:${AWS::Partition}:s3:::data/" }] }] }],
            },
        });
    });
});
