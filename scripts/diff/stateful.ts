/**
 * Resources that hold data or identity others depend on: replacing or deleting one loses data or
 * breaks every reference to it (a table, a database, a key that encrypts data, the VPC everything
 * runs in). In an environment whose platform is `production`, the diff refuses to pass a change
 * that replaces or deletes one unless `--allow-replace <urn>` names it.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
    "aws:dynamodb/table:Table",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:elasticache/cluster:Cluster",
    "aws:elasticache/serverlessCache:ServerlessCache",
    "aws:kms/key:Key",
    "aws:s3/bucket:Bucket",
    "aws:s3/bucketV2:BucketV2",
    "aws:cloudwatch/logGroup:LogGroup",
    "aws:secretsmanager/secret:Secret",
    "aws:cognito/userPool:UserPool",
    "aws:ecr/repository:Repository",
    "aws:efs/fileSystem:FileSystem",
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
]);

export function isStateful(type: string): boolean {
    return STATEFUL_TYPES.has(type);
}
