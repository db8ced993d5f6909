import { PolicyStatement } from "../iam/policy";

/** Item-level actions a service needs on its own tables; no scans, no table administration. */
export const TABLE_ITEM_ACTIONS: readonly string[] = [
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:Query",
    "dynamodb:BatchGetItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
];

/** Reading a stream by its ARN. `dynamodb:ListStreams` is left out: it only works on `*`. */
export const STREAM_READ_ACTIONS: readonly string[] = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];

export interface DataAccessResources {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
    readonly keyArn: string;
    readonly tables: readonly { readonly arn: string; readonly streamArn?: string }[];
    readonly readStreams: boolean;
    /** Secrets the service reads (the DB master secret). */
    readonly secretArns: readonly string[];
    /** The DB instance's resource id (`db-...`) and the user to connect as with IAM authentication. */
    readonly iamDatabase?: { readonly resourceId: string; readonly user: string };
    /** The replication group and the IAM-enabled user the service connects to the cache as. */
    readonly iamCache?: { readonly replicationGroupId: string; readonly userId: string };
}

/**
 * The statements a task role needs to use exactly these resources. KMS use is limited to calls that
 * DynamoDB and Secrets Manager make on the role's behalf, so the role cannot use the key directly.
 */
export function taskRoleStatements(r: DataAccessResources): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    const viaServices: string[] = [];
    if (r.tables.length > 0) {
        statements.push({
            Sid: "DynamoDbItems",
            Effect: "Allow",
            Action: [...TABLE_ITEM_ACTIONS],
            // Queries on a GSI authorise against the index ARN, not the table's.
            Resource: r.tables.flatMap((t) => [t.arn, `${t.arn}/index/*`]),
        });
        viaServices.push(`dynamodb.${r.region}.amazonaws.com`);
    }
    const streams = r.tables.flatMap((t) => (t.streamArn !== undefined ? [t.streamArn] : []));
    if (r.readStreams && streams.length > 0) {
        statements.push({ Sid: "DynamoDbStreams", Effect: "Allow", Action: [...STREAM_READ_ACTIONS], Resource: streams });
    }
    if (r.secretArns.length > 0) {
        statements.push({ Sid: "ReadDataSecrets", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [...r.secretArns] });
        viaServices.push(`secretsmanager.${r.region}.amazonaws.com`);
    }
    if (viaServices.length > 0) {
        statements.push({
            Sid: "UseDataKeyThroughServices",
            Effect: "Allow",
            // Writes to a table encrypted with a customer managed key need a data key; reads only decrypt.
            Action: r.tables.length > 0 ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"],
            Resource: r.keyArn,
            Condition: { StringEquals: { "kms:ViaService": viaServices } },
        });
    }
    if (r.iamDatabase !== undefined) {
        statements.push({
            Sid: "ConnectToDatabaseWithIam",
            Effect: "Allow",
            Action: ["rds-db:connect"],
            Resource: `arn:${r.partition}:rds-db:${r.region}:${r.accountId}:dbuser:${r.iamDatabase.resourceId}/${r.iamDatabase.user}`,
        });
    }
    if (r.iamCache !== undefined) {
        // IAM authentication checks elasticache:Connect on both the cache and the user it connects as.
        const arn = (kind: string, id: string) => `arn:${r.partition}:elasticache:${r.region}:${r.accountId}:${kind}:${id}`;
        statements.push({
            Sid: "ConnectToCacheWithIam",
            Effect: "Allow",
            Action: ["elasticache:Connect"],
            Resource: [arn("replicationgroup", r.iamCache.replicationGroupId), arn("user", r.iamCache.userId)],
        });
    }
    return statements;
}
