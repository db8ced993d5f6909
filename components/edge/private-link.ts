import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedSecureApiArgs } from "./args";

/**
 * The private integration's network path (E5), in either mode, and the security-group rules that
 * make the link (or the NLB) the only thing besides the services' own tier that reaches the ALB
 * from the edge.
 */
export interface PrivateLink {
    /** `connectionId` of the integrations: the V2 link id, or the V1 link id. */
    readonly connectionId: pulumi.Output<string>;
    /** `integrationTarget` of the integrations: the ALB's ARN with a V2 link; unset with V1 (the link names its NLB). */
    readonly integrationTarget?: pulumi.Input<string>;
    /** The security group of what talks to the ALB (the link's ENIs, or the NLB). */
    readonly securityGroupId: pulumi.Output<string>;
    readonly nlbArn?: pulumi.Output<string>;
}

function edgeSecurityGroup(name: string, role: string, description: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(`${name}-${role}-sg`, {
        vpcId: args.vpcId,
        description,
        // No inline rules: the separate rule resources below are the only ones, so nothing is open by default.
        tags: { ...args.tags, Name: `${name}-${role}` },
    }, { parent });
    new aws.vpc.SecurityGroupEgressRule(`${name}-${role}-to-alb`, {
        securityGroupId: group.id,
        referencedSecurityGroupId: args.albSecurityGroupId,
        ipProtocol: "tcp",
        fromPort: args.albListenerPort,
        toPort: args.albListenerPort,
        description: `${args.albListenerProtocol} to the internal ALB listener`,
    }, { parent });
    new aws.vpc.SecurityGroupIngressRule(`${name}-alb-from-${role}`, {
        securityGroupId: args.albSecurityGroupId,
        referencedSecurityGroupId: group.id,
        ipProtocol: "tcp",
        fromPort: args.albListenerPort,
        toPort: args.albListenerPort,
        description: `API Gateway private integration (${role})`,
    }, { parent });
    return group;
}

export function createPrivateLink(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): PrivateLink {
    if (args.integrationMode === "vpc-link-v2") {
        const group = edgeSecurityGroup(name, "vpc-link", "ENIs of the API Gateway VPC link V2; may reach only the internal ALB listener", args, parent);
        // One ENI per subnet; API Gateway places them and the link then serves REST integrations on any ALB of the VPC.
        const link = new aws.apigatewayv2.VpcLink(`${name}-vpc-link`, {
            name: `${name}-vpc-link`,
            subnetIds: args.privateSubnetIds,
            securityGroupIds: [group.id],
            tags: args.tags,
        }, { parent });
        return { connectionId: link.id, integrationTarget: args.albArn, securityGroupId: group.id };
    }

    const group = edgeSecurityGroup(name, "nlb", "Internal NLB in front of the ALB (VPC link V1); may reach only the ALB listener", args, parent);
    const nlb = new aws.lb.LoadBalancer(`${name}-nlb`, {
        internal: true,
        loadBalancerType: "network",
        subnets: args.privateSubnetIds,
        securityGroups: [group.id],
        // PrivateLink traffic (the VPC link) is not matched by inbound rules; with no inbound rules the
        // NLB then accepts only the link, and nothing else in the VPC can use it to bypass the edge.
        enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: "off",
        enableCrossZoneLoadBalancing: true,
        enableDeletionProtection: args.protect,
        tags: { ...args.tags, Name: `${name}-nlb` },
    }, { parent, protect: args.protect });
    const targetGroup = new aws.lb.TargetGroup(`${name}-alb-targets`, {
        targetType: "alb",
        protocol: "TCP",
        port: args.albListenerPort,
        vpcId: args.vpcId,
        healthCheck: {
            enabled: true,
            protocol: args.albListenerProtocol,
            path: "/",
            // Any answer from the ALB (including its default 404) proves the ALB is up; the services'
            // own health is the ALB's business, per target group.
            matcher: "200-499",
            interval: 30,
            healthyThreshold: 3,
            unhealthyThreshold: 3,
        },
        tags: args.tags,
    }, { parent });
    new aws.lb.TargetGroupAttachment(`${name}-alb-target`, {
        targetGroupArn: targetGroup.arn,
        // An ALB can only be registered once it has a listener on the target port: wait for it.
        targetId: pulumi.all([args.albArn, args.albListenerArn]).apply(([albArn]) => albArn),
        port: args.albListenerPort,
    }, { parent });
    new aws.lb.Listener(`${name}-nlb-listener`, {
        loadBalancerArn: nlb.arn,
        port: args.albListenerPort,
        // TCP pass-through: with an HTTPS ALB listener, TLS ends at the ALB, not at the NLB.
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: targetGroup.arn }],
        tags: args.tags,
    }, { parent });
    const link = new aws.apigateway.VpcLink(`${name}-vpc-link-v1`, {
        name: `${name}-vpc-link-v1`,
        description: "Legacy VPC link V1 to the internal NLB (reference design)",
        targetArn: nlb.arn,
        tags: args.tags,
    }, { parent });
    return { connectionId: link.id, securityGroupId: group.id, nlbArn: nlb.arn };
}
