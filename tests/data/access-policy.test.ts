import * as assert from "assert";
import { DataAccessResources, taskRoleStatements } from "../../components/data/access-policy";

const TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/orders-Entities";
const STREAM = `${TABLE}/stream/2025-01-01T00:00:00.000`;
const KEY = "arn:aws:kms:us-east-1:123456789012:key/1111";
const DB_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1-AbCdEf";
const CACHE_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/cache/auth-token-AbCdEf";

const all: DataAccessResources = {
    partition: "aws",
    region: "us-east-1",
    accountId: "123456789012",
    keyArn: KEY,
    tables: [{ arn: TABLE, streamArn: STREAM }],
    readStreams: false,
    secretArns: [DB_SECRET, CACHE_SECRET],
    iamDatabase: { resourceId: "db-ABC", user: "app" },
};

describe("task role statements", () => {
    it("grants exactly item access, the two secrets, key use through the services and rds-db:connect", () => {
        assert.deepStrictEqual(taskRoleStatements(all), [
            {
                Sid: "DynamoDbItems",
                Effect: "Allow",
                Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"],
                Resource: [TABLE, `${TABLE}/index/*`],
            },
            { Sid: "ReadDataSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [DB_SECRET, CACHE_SECRET] },
            {
                Sid: "UseDataKeyThroughServices",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: KEY,
                Condition: { StringEquals: { "kms:ViaService": ["dynamodb.us-east-1.amazonaws.com", "secretsmanager.us-east-1.amazonaws.com"] } },
            },
            { Sid: "ConnectToDatabaseWithIam", Effect: "Allow", Action: ["rds-db:connect"], Resource: "arn:aws:rds-db:us-east-1:123456789012:dbuser:db-ABC/app" },
        ]);
    });

    it("never grants a wildcard action, and no wildcard resource beyond the tables' indexes", () => {
        for (const s of taskRoleStatements({ ...all, readStreams: true })) {
            for (const action of [s.Action].flat()) {
                assert.ok(!action.includes("*"), `${s.Sid}: ${action}`);
            }
            for (const resource of [s.Resource].flat()) {
                assert.ok(!resource.includes("*") || resource === `${TABLE}/index/*`, `${s.Sid}: ${resource}`);
            }
        }
    });

    it("grants stream reads on the stream ARN only when asked", () => {
        assert.ok(!taskRoleStatements(all).some((s) => s.Sid === "DynamoDbStreams"));
        const streams = taskRoleStatements({ ...all, readStreams: true }).find((s) => s.Sid === "DynamoDbStreams");
        assert.deepStrictEqual(streams, { Sid: "DynamoDbStreams", Effect: "Allow", Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], Resource: [STREAM] });
    });

    it("grants nothing for stores that are off", () => {
        assert.deepStrictEqual(taskRoleStatements({ ...all, tables: [], secretArns: [], iamDatabase: undefined }), []);
    });

    it("limits the key to Decrypt through Secrets Manager when there are no tables", () => {
        const kms = taskRoleStatements({ ...all, tables: [] }).find((s) => s.Sid === "UseDataKeyThroughServices")!;
        assert.deepStrictEqual(kms.Action, ["kms:Decrypt"]);
        assert.deepStrictEqual(kms.Condition, { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com"] } });
    });
});
