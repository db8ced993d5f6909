import { DataTierArgs, TableSpec } from "../../components/data";

/** A table with a sort key and an INCLUDE index: the shape most services declare. */
export const SAMPLE_TABLE: TableSpec = {
    name: "Entities",
    attributes: { pk: "S", sk: "S", name: "S", attributes: "M" },
    partitionKey: "pk",
    sortKey: "sk",
    globalSecondaryIndexes: [{ name: "NameIndex", partitionKey: "name", projection: { type: "INCLUDE", include: ["attributes"] } }],
};

export const CLIENTS = ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb"];
export const SUBNETS = ["subnet-0a", "subnet-0b", "subnet-0c"];

/** Every store on, defaults otherwise (the production shape). */
export function fullArgs(overrides: Partial<DataTierArgs> = {}): DataTierArgs {
    return {
        vpcId: "vpc-0123",
        isolatedSubnetIds: SUBNETS,
        clientSecurityGroupIds: CLIENTS,
        tables: [SAMPLE_TABLE],
        postgres: { iamDatabaseUser: "app" },
        cache: {},
        ...overrides,
    };
}
