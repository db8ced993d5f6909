import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.dynamodb.Table", () => {
    it("becomes an AWS::DynamoDB::Table with its key schema, index, stream, recovery and KMS encryption", () => {
        const table = planned("aws:dynamodb/table:Table", "entities", {
            name: "dev-entities-Entities", billingMode: "PAY_PER_REQUEST", hashKey: "pk", rangeKey: "sk",
            attributes: [{ name: "pk", type: "S" }, { name: "sk", type: "S" }, { name: "name", type: "S" }],
            globalSecondaryIndexes: [{ name: "NameIndex", keySchemas: [{ attributeName: "name", keyType: "HASH" }], projectionType: "INCLUDE", nonKeyAttributes: ["attributes"] }],
            streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES", pointInTimeRecovery: { enabled: true },
            serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
            deletionProtectionEnabled: true,
        });
        assert.deepStrictEqual(translated(table), {
            Type: "AWS::DynamoDB::Table",
            Properties: {
                TableName: "dev-entities-Entities", BillingMode: "PAY_PER_REQUEST",
                AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }, { AttributeName: "name", AttributeType: "S" }],
                KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
                GlobalSecondaryIndexes: [{ IndexName: "NameIndex", KeySchema: [{ AttributeName: "name", KeyType: "HASH" }], Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["attributes"] } }],
                StreamSpecification: { StreamViewType: "NEW_AND_OLD_IMAGES" },
                PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
                SSESpecification: { SSEEnabled: true, SSEType: "KMS", KMSMasterKeyId: { "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab" } },
                DeletionProtectionEnabled: true,
            },
        });
    });
});
