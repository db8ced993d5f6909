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
 * A store's security group: ingress on its port from each client group only, and no other egress
 * (the provider removes AWS's default allow-all egress; a data store never calls out). With
 * `replicas`, its members also reach each other on the port: cache replicas open connections to
 * their primary. Whether ElastiCache's replication passes through the group is not documented; the
 * two rules make it work either way and admit nothing but the group's own nodes.
 */
export function storeSecurityGroup(ctx: StoreContext, role: string, port: number, network: StoreNetwork, replicas = false): aws.ec2.SecurityGroup {
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
    if (replicas) {
        const self = { securityGroupId: group.id, referencedSecurityGroupId: group.id, ipProtocol: "tcp", fromPort: port, toPort: port, description: `${role} replicas to their primary`, tags: ctx.settings.tags };
        new aws.vpc.SecurityGroupIngressRule(`${name}-${role}-from-replicas`, self, { parent });
        new aws.vpc.SecurityGroupEgressRule(`${name}-${role}-to-primary`, self, { parent });
    }
    return group;
}
