import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { KeyUser, serviceKeyPolicy } from "../kms/key-policy";
import { DataTierArgs } from "./args";

/** The services that use the tier's key, from the stores that are on. */
export function dataKeyUsers(args: Pick<DataTierArgs, "tables" | "postgres" | "cache">): KeyUser[] {
    const users: KeyUser[] = [];
    if ((args.tables ?? []).length > 0) {
        users.push("dynamodb");
    }
    if (args.postgres !== undefined) {
        // CloudWatch Logs encrypts the RDS log exports with the key.
        users.push("rds", "logs");
    }
    if (args.cache !== undefined) {
        users.push("elasticache");
    }
    if (args.postgres !== undefined || args.cache !== undefined) {
        users.push("secretsmanager");
    }
    return users;
}

/** One customer managed key per tier, rotated yearly, for every store and secret of the tier (D4). */
export function createDataKey(name: string, parent: pulumi.Resource, users: readonly KeyUser[], protect: boolean, tags: Record<string, string>) {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const region = aws.getRegionOutput({}, { parent });
    const key = new aws.kms.Key(`${name}-key`, {
        description: `${name}: encrypts the data tier (tables, database, cache, secrets)`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([identity.accountId, partition.partition, region.region]).apply(([accountId, part, reg]) =>
            JSON.stringify(serviceKeyPolicy({ accountId, region: reg, partition: part }, users)),
        ),
        tags,
    }, { parent, protect });
    const alias = new aws.kms.Alias(`${name}-key`, { name: `alias/${name}-data`, targetKeyId: key.keyId }, { parent });
    return { key, alias, accountId: identity.accountId, partition: partition.partition, region: region.region };
}
