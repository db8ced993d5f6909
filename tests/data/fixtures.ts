import { DataTierArgs, ENTITIES_TABLE } from "../../components/data";

export const CLIENTS = ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb"];
export const SUBNETS = ["subnet-0a", "subnet-0b", "subnet-0c"];

/** Every store on, defaults otherwise (the production shape). */
export function fullArgs(overrides: Partial<DataTierArgs> = {}): DataTierArgs {
    return {
        vpcId: "vpc-0123",
        isolatedSubnetIds: SUBNETS,
        clientSecurityGroupIds: CLIENTS,
        tables: [ENTITIES_TABLE],
        postgres: { iamDatabaseUser: "app" },
        cache: {},
        ...overrides,
    };
}
