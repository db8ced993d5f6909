import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierSettings } from "./defaults";

/** What every store builder receives from the DataTier. */
export interface StoreContext {
    /** The DataTier's name; children are named `${name}-<role>`. */
    readonly name: string;
    readonly parent: pulumi.Resource;
    readonly settings: TierSettings;
    /** The tier's customer managed key (D4). */
    readonly key: aws.kms.Key;
}

/** Network placement of the server-based stores (PostgreSQL, cache). */
export interface StoreNetwork {
    readonly vpcId: pulumi.Input<string>;
    readonly isolatedSubnetIds: pulumi.Input<string>[];
    readonly clientSecurityGroupIds: pulumi.Input<string>[];
}

/**
 * A store's security group: ingress on its port from each client group only, and no egress rule
 * at all (the provider removes AWS's default allow-all egress; a data store never opens connections).
 */
export function storeSecurityGroup(ctx: StoreContext, role: string, port: number, network: StoreNetwork): aws.ec2.SecurityGroup {
    const { name, parent } = ctx;
    const group = new aws.ec2.SecurityGroup(`${name}-${role}-sg`, {
        vpcId: network.vpcId,
        description: `${name} ${role}: clients on ${port} only`,
        revokeRulesOnDelete: true,
        tags: { ...ctx.settings.tags, Name: `${name}-${role}` },
    }, { parent });
    network.clientSecurityGroupIds.forEach((client, i) => {
        new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-client-${i}`, {
            securityGroupId: group.id,
            referencedSecurityGroupId: client,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            description: `${role} clients`,
            tags: ctx.settings.tags,
        }, { parent });
    });
    return group;
}
