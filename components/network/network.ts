import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy, sourceAccount } from "../iam/policy";
import { azNumber } from "./az-ids";
import { planSubnets, SubnetTier } from "./cidr";
import { EgressMode, natGatewayAzs, needsPublicTier, planRouteTables } from "./egress";
import { naclRules } from "./nacl-rules";
import { Peer, planTierRules, SECURITY_TIERS, SecurityTier } from "./security-tiers";

/** Interface endpoints of N4: what a fully private VPC needs for ECS on Fargate, secrets, keys, logs, metrics and traces. */
export const DEFAULT_INTERFACE_ENDPOINTS: readonly string[] = [
    "ecr.api",
    "ecr.dkr",
    "logs",
    "secretsmanager",
    "kms",
    "sts",
    "ssm",
    "ssmmessages",
    "xray",
    "monitoring",
];

export interface NetworkArgs {
    /** AWS region of the VPC; endpoint service names are built from it. */
    region: string;
    /** IPv4 CIDR of the VPC, /16 to /22. Subnet ranges are derived from it (see `cidr.ts`). */
    cidrBlock: string;
    /**
     * AZ IDs (`use1-az1`), never AZ names: names map to different physical zones in every account.
     * Order does not matter; each AZ's subnets keep their ranges when AZs are added or removed.
     */
    azIds: string[];
    /**
     * Internet egress of the private tier. `none` builds no internet gateway and no public subnets.
     * @default "none" — a fully private VPC; AWS APIs are reached through endpoints.
     */
    egress?: EgressMode;
    /**
     * Interface endpoints (service suffixes such as `ecr.api`), each with private DNS in every AZ.
     * S3 and DynamoDB always get gateway endpoints, which cost nothing.
     * @default DEFAULT_INTERFACE_ENDPOINTS
     */
    interfaceEndpoints?: string[];
    /** Retention of the VPC flow log group, in days (a value CloudWatch Logs accepts). */
    flowLogRetentionDays: number;
    /**
     * ARN of the customer managed KMS key that encrypts the flow log group; its key policy must let
     * CloudWatch Logs of this account and region use it (the environment's observability key does).
     */
    flowLogKmsKeyArn: pulumi.Input<string>;
    /**
     * Port the application containers listen on; the load-balancer tier may reach the app tier on it.
     * @default 8080
     */
    appPort?: number;
    /**
     * Ports of the data stores that the app tier may reach in the data tier.
     * @default [5432, 6379] (PostgreSQL, Redis/Valkey)
     */
    dataPorts?: number[];
    /**
     * Ports that data stores in different isolated subnets open to each other (cache replicas
     * syncing from their primary); the isolated tier's NACL admits them between its subnets only.
     * @default [6379] (Redis/Valkey replication)
     */
    replicationPorts?: number[];
    /**
     * Protect the flow log group against deletion by Pulumi.
     * @default true
     */
    protect?: boolean;
}

/**
 * The shared VPC of an environment: three subnet tiers placed by AZ ID, egress per mode, endpoints,
 * NACLs, security-group tiers and flow logs.
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly vpcCidr: pulumi.Output<string>;
    public readonly azIds: string[];
    /** The AZ names that the AZ IDs map to in this account, in the order of `azIds`. */
    public readonly azNames: pulumi.Output<string[]>;
    public readonly publicSubnetIds: pulumi.Output<string>[];
    public readonly privateSubnetIds: pulumi.Output<string>[];
    public readonly isolatedSubnetIds: pulumi.Output<string>[];
    public readonly subnetCidrs: Record<SubnetTier, string[]>;
    public readonly publicRouteTableIds: pulumi.Output<string>[];
    public readonly privateRouteTableIds: pulumi.Output<string>[];
    public readonly isolatedRouteTableIds: pulumi.Output<string>[];
    public readonly securityGroupIds: Record<SecurityTier, pulumi.Output<string>>;
    public readonly natGatewayIds: pulumi.Output<string>[];
    public readonly interfaceEndpointIds: Record<string, pulumi.Output<string>>;
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:network:Network", name, {}, opts);
        const parent = this;
        const egress = args.egress ?? "none";
        const protect = args.protect ?? true;
        const interfaceEndpoints = args.interfaceEndpoints ?? [...DEFAULT_INTERFACE_ENDPOINTS];

        const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
            cidrBlock: args.cidrBlock,
            enableDnsSupport: true,
            // Private DNS of interface endpoints needs DNS hostnames.
            enableDnsHostnames: true,
            tags: { Name: `${name}-vpc` },
        }, { parent });

        // With no rules, the default group denies everything; anything that forgets a group fails closed.
        new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: { Name: `${name}-default-deny-all` } }, { parent });

        this.azNames = azNamesOf(args.azIds, parent);

        const tiers: SubnetTier[] = needsPublicTier(egress) ? ["public", "private", "isolated"] : ["private", "isolated"];
        const specs = planSubnets(args.cidrBlock, args.azIds, tiers, azNumber);
        const subnets = new Map<string, aws.ec2.Subnet>();
        for (const spec of specs) {
            subnets.set(spec.key, new aws.ec2.Subnet(`${name}-${spec.key}`, {
                vpcId: vpc.id,
                cidrBlock: spec.cidr,
                availabilityZoneId: spec.azId,
                mapPublicIpOnLaunch: false,
                tags: { Name: `${name}-${spec.key}`, tier: spec.tier },
            }, { parent }));
        }
        const subnet = (tier: SubnetTier, azId: string) => subnets.get(`${tier}-${azId}`)!;
        const tierIds = (tier: SubnetTier) => (tiers.includes(tier) ? args.azIds.map((az) => subnet(tier, az).id) : []);
        this.subnetCidrs = {
            public: specs.filter((s) => s.tier === "public").map((s) => s.cidr),
            private: specs.filter((s) => s.tier === "private").map((s) => s.cidr),
            isolated: specs.filter((s) => s.tier === "isolated").map((s) => s.cidr),
        };

        const igw = needsPublicTier(egress) ? new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: { Name: `${name}-igw` } }, { parent }) : undefined;
        const nats = new Map<string, aws.ec2.NatGateway>();
        for (const azId of natGatewayAzs(args.azIds, egress)) {
            const eip = new aws.ec2.Eip(`${name}-nat-${azId}`, { domain: "vpc", tags: { Name: `${name}-nat-${azId}` } }, { parent });
            nats.set(azId, new aws.ec2.NatGateway(`${name}-nat-${azId}`, {
                allocationId: eip.id,
                subnetId: subnet("public", azId).id,
                connectivityType: "public",
                tags: { Name: `${name}-nat-${azId}` },
            }, { parent, dependsOn: igw ? [igw] : [] }));
        }

        const routeTables = planRouteTables(args.azIds, egress).map((spec) => {
            const table = new aws.ec2.RouteTable(`${name}-rt-${spec.key}`, { vpcId: vpc.id, tags: { Name: `${name}-${spec.key}`, tier: spec.tier } }, { parent });
            if (spec.defaultRoute) {
                new aws.ec2.Route(`${name}-rt-${spec.key}-default`, {
                    routeTableId: table.id,
                    destinationCidrBlock: "0.0.0.0/0",
                    ...(spec.defaultRoute.kind === "internet-gateway" ? { gatewayId: igw!.id } : { natGatewayId: nats.get(spec.defaultRoute.natAzId)!.id }),
                }, { parent });
            }
            for (const azId of spec.azIds) {
                new aws.ec2.RouteTableAssociation(`${name}-rta-${spec.tier}-${azId}`, { subnetId: subnet(spec.tier, azId).id, routeTableId: table.id }, { parent });
            }
            return { spec, table };
        });
        const tableIds = (tier: SubnetTier) => routeTables.filter((t) => t.spec.tier === tier).map((t) => t.table.id);

        // Security-group tiers, with rules as separate resources so that later stacks can add their own.
        const groups = {} as Record<SecurityTier, aws.ec2.SecurityGroup>;
        for (const tier of SECURITY_TIERS) {
            groups[tier] = new aws.ec2.SecurityGroup(`${name}-${tier}-sg`, {
                vpcId: vpc.id,
                description: `${name} ${tier} tier`,
                revokeRulesOnDelete: true,
                tags: { Name: `${name}-${tier}`, tier },
            }, { parent });
        }

        // Gateway endpoints only on the private tables: the isolated tier keeps no route out at all.
        const gateways = {} as Record<"s3" | "dynamodb", aws.ec2.VpcEndpoint>;
        for (const service of ["s3", "dynamodb"] as const) {
            gateways[service] = new aws.ec2.VpcEndpoint(`${name}-${service}-gateway`, {
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${args.region}.${service}`,
                vpcEndpointType: "Gateway",
                routeTableIds: tableIds("private"),
                tags: { Name: `${name}-${service}` },
            }, { parent });
        }
        this.interfaceEndpointIds = {};
        for (const service of interfaceEndpoints) {
            this.interfaceEndpointIds[service] = new aws.ec2.VpcEndpoint(`${name}-${service.replace(/\./g, "-")}-endpoint`, {
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${args.region}.${service}`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: tierIds("private"),
                securityGroupIds: [groups.endpoints.id],
                tags: { Name: `${name}-${service}` },
            }, { parent }).id;
        }

        const peerArgs = (peer: Peer) => {
            switch (peer.kind) {
                case "tier":
                    return { referencedSecurityGroupId: groups[peer.tier].id };
                case "cidr":
                    return { cidrIpv4: peer.cidr };
                case "prefixList":
                    return { prefixListId: gateways[peer.gateway].prefixListId };
            }
        };
        const ports = { appPort: args.appPort ?? 8080, dataPorts: args.dataPorts ?? [5432, 6379] };
        for (const rule of planTierRules(args.cidrBlock, ports, egress)) {
            const ruleArgs = { securityGroupId: groups[rule.tier].id, ipProtocol: "tcp", fromPort: rule.port, toPort: rule.port, description: rule.description, ...peerArgs(rule.peer) };
            if (rule.direction === "ingress") {
                new aws.vpc.SecurityGroupIngressRule(`${name}-${rule.key}`, ruleArgs, { parent });
            } else {
                new aws.vpc.SecurityGroupEgressRule(`${name}-${rule.key}`, ruleArgs, { parent });
            }
        }

        const peers = (tier: SubnetTier) => specs.filter((s) => s.tier === tier).map((s) => ({ azNumber: azNumber(s.azId), cidr: s.cidr }));
        const naclContext = { vpcCidr: args.cidrBlock, privateSubnets: peers("private"), isolatedSubnets: peers("isolated"), dataPorts: ports.dataPorts, replicationPorts: args.replicationPorts ?? [6379] };
        for (const tier of tiers) {
            const acl = new aws.ec2.NetworkAcl(`${name}-nacl-${tier}`, { vpcId: vpc.id, tags: { Name: `${name}-${tier}`, tier } }, { parent });
            for (const rule of naclRules(tier, naclContext)) {
                new aws.ec2.NetworkAclRule(`${name}-nacl-${tier}-${rule.egress ? "out" : "in"}-${rule.ruleNumber}`, { networkAclId: acl.id, ...rule }, { parent });
            }
            for (const azId of args.azIds) {
                new aws.ec2.NetworkAclAssociation(`${name}-nacl-${tier}-${azId}`, { networkAclId: acl.id, subnetId: subnet(tier, azId).id }, { parent });
            }
        }

        const flowLogGroup = createFlowLogs(name, parent, vpc, args, protect);

        this.vpcId = vpc.id;
        this.vpcCidr = vpc.cidrBlock;
        this.azIds = [...args.azIds];
        this.publicSubnetIds = tierIds("public");
        this.privateSubnetIds = tierIds("private");
        this.isolatedSubnetIds = tierIds("isolated");
        this.publicRouteTableIds = tableIds("public");
        this.privateRouteTableIds = tableIds("private");
        this.isolatedRouteTableIds = tableIds("isolated");
        this.securityGroupIds = { loadBalancer: groups.loadBalancer.id, app: groups.app.id, data: groups.data.id, endpoints: groups.endpoints.id };
        this.natGatewayIds = [...nats.values()].map((n) => n.id);
        this.flowLogGroupName = flowLogGroup.name;
        this.registerOutputs({
            vpcId: this.vpcId,
            azNames: this.azNames,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            securityGroupIds: this.securityGroupIds,
        });
    }
}

/**
 * Looks the AZ IDs up in this account. A configured ID the account does not have (an AZ not
 * enabled, or not offered to it) fails the deployment here with a clear message, before any
 * subnet creation fails with a less clear one.
 */
function azNamesOf(azIds: readonly string[], parent: pulumi.Resource): pulumi.Output<string[]> {
    const zones = aws.getAvailabilityZonesOutput({ allAvailabilityZones: false, state: "available" }, { parent });
    return pulumi.all([zones.zoneIds, zones.names]).apply(([ids, names]) =>
        azIds.map((azId) => {
            const i = ids.indexOf(azId);
            if (i < 0) {
                throw new Error(`AZ ID ${azId} is not available to this account (available: ${ids.join(", ")})`);
            }
            return names[i];
        }),
    );
}

/** Flow logs of every flow (accepted and rejected) to a KMS-encrypted log group, queryable with Logs Insights. */
function createFlowLogs(name: string, parent: pulumi.Resource, vpc: aws.ec2.Vpc, args: NetworkArgs, protect: boolean): aws.cloudwatch.LogGroup {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-flow-logs`, {
        name: `/vpc/${name}/flow-logs`,
        retentionInDays: args.flowLogRetentionDays,
        kmsKeyId: args.flowLogKmsKeyArn,
    }, { parent, protect });
    const role = new aws.iam.Role(`${name}-flow-logs`, {
        description: "Lets VPC Flow Logs write to its log group",
        // Confused-deputy guard: only flow logs of this account may use the role.
        assumeRolePolicy: identity.accountId.apply((accountId) => JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", sourceAccount(accountId)))),
    }, { parent });
    new aws.iam.RolePolicy(`${name}-flow-logs`, {
        role: role.id,
        policy: logGroup.arn.apply((arn) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [arn, `${arn}:*`],
            }],
        })),
    }, { parent });
    new aws.ec2.FlowLog(`${name}-flow-log`, {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: { Name: `${name}-flow-log` },
    }, { parent });
    return logGroup;
}
