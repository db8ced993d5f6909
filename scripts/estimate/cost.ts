/**
 * Monthly cost of an environment from its planned resources: every resource either gets priced
 * lines (quantity x unit price from prices.ts, fixed or usage-driven), is known to cost nothing by
 * itself (configuration objects: routes, rules, roles...), or lands in the "not priced" list, never
 * silently at zero. Quantities come from the resources' inputs (AZs of an endpoint from its
 * subnets, Multi-AZ, instance class, node count, task size x minimum task count, Spot share).
 */
import type { PlannedResource } from "../lib/mock-runtime";
import type { TrafficProfile } from "../../stacks/platform/config";
import { cacheNodeHourly, fargateTaskMonthly, FARGATE_SPOT_DISCOUNT, HOURS_PER_MONTH, price, PRICE_REGION, rdsHourly } from "./prices";

export type CostKind = "fixed" | "usage";

export interface CostLine {
    readonly stack: string;
    readonly resource: string;
    readonly type: string;
    readonly item: string;
    readonly quantity: number;
    readonly unit: string;
    readonly unitUsd: number;
    readonly monthlyUsd: number;
    readonly kind: CostKind;
}

export interface NotPriced {
    readonly stack: string;
    readonly resource: string;
    readonly type: string;
    readonly reason: string;
}

export interface StackCost {
    readonly stack: string;
    readonly fixedUsd: number;
    readonly usageUsd: number;
    readonly totalUsd: number;
    readonly lines: CostLine[];
    readonly notPriced: NotPriced[];
}

export interface EnvironmentCost {
    readonly region: string;
    /** Set when the region is not the one the price table was read for. */
    readonly regionNote?: string;
    readonly fixedUsd: number;
    readonly usageUsd: number;
    readonly totalUsd: number;
    readonly stacks: StackCost[];
    readonly notPriced: NotPriced[];
    /** The largest lines of the environment, most expensive first. */
    readonly largest: CostLine[];
}

export interface StackResources {
    readonly project: string;
    readonly resources: readonly PlannedResource[];
}

/**
 * Types that cost nothing by themselves (their cost, if any, is in the resource they configure) or
 * whose charge is negligible and usage-only and left out on purpose, with the reason.
 */
const FREE_TYPES: ReadonlyMap<string, string> = new Map(
    [
        ...[
            "ec2/vpc:Vpc", "ec2/subnet:Subnet", "ec2/routeTable:RouteTable", "ec2/route:Route", "ec2/routeTableAssociation:RouteTableAssociation",
            "ec2/internetGateway:InternetGateway", "ec2/securityGroup:SecurityGroup", "ec2/defaultSecurityGroup:DefaultSecurityGroup",
            "vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc/securityGroupEgressRule:SecurityGroupEgressRule",
            "ec2/networkAcl:NetworkAcl", "ec2/networkAclRule:NetworkAclRule", "ec2/networkAclAssociation:NetworkAclAssociation",
            "iam/role:Role", "iam/rolePolicy:RolePolicy", "iam/rolePolicyAttachment:RolePolicyAttachment", "iam/policy:Policy",
            "kms/alias:Alias", "secretsmanager/secretVersion:SecretVersion",
            "lb/listener:Listener", "lb/listenerRule:ListenerRule", "lb/targetGroup:TargetGroup",
            "ecs/cluster:Cluster", "ecs/clusterCapacityProviders:ClusterCapacityProviders", "ecs/taskDefinition:TaskDefinition",
            "appautoscaling/target:Target", "appautoscaling/policy:Policy",
            "s3/bucketVersioning:BucketVersioning", "s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "s3/bucketPolicy:BucketPolicy", "s3/bucketOwnershipControls:BucketOwnershipControls",
            "s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "rds/subnetGroup:SubnetGroup", "rds/parameterGroup:ParameterGroup", "elasticache/subnetGroup:SubnetGroup", "elasticache/parameterGroup:ParameterGroup",
            "apigateway/resource:Resource", "apigateway/method:Method", "apigateway/integration:Integration", "apigateway/deployment:Deployment",
            "apigateway/authorizer:Authorizer", "apigateway/account:Account", "apigateway/methodSettings:MethodSettings", "apigateway/restApi:RestApi",
            "cloudfront/responseHeadersPolicy:ResponseHeadersPolicy", "cloudfront/originAccessControl:OriginAccessControl", "cloudfront/cachePolicy:CachePolicy",
            "wafv2/webAclAssociation:WebAclAssociation", "wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
            "lambda/permission:Permission", "cognito/userPoolClient:UserPoolClient", "ecr/lifecyclePolicy:LifecyclePolicy",
            "acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate", "acmpca/certificate:Certificate",
            "xray/group:Group", "xray/samplingRule:SamplingRule", "sns/topicSubscription:TopicSubscription", "sns/topicPolicy:TopicPolicy",
            "cloudwatch/eventRule:EventRule", "cloudwatch/eventTarget:EventTarget", "ec2/flowLog:FlowLog",
            "acm/certificateValidation:CertificateValidation", "s3/bucketLogging:BucketLogging", "elasticache/user:User", "elasticache/userGroup:UserGroup",
        ].map((t) => [`aws:${t}`, "configuration, no charge of its own"] as const),
        ["aws:apigatewayv2/vpcLink:VpcLink", "VPC links carry no hourly charge"],
        ["aws:acm/certificate:Certificate", "public ACM certificates are free"],
        ["aws:route53/record:Record", "records carry no charge; the hosted zone is the user's, its queries are usage, not modelled"],
        ["aws:sns/topic:Topic", "alert volume is within the free million publishes"],
        ["aws:s3/bucket:Bucket", "storage of logs and static assets: usage, not modelled (cents at these volumes)"],
        ["aws:cloudtrail/trail:Trail", "the first trail's management events are free; data events are usage, not modelled"],
        ["aws:lambda/function:Function", "the authorizer's invocations are cached per token; usage, not modelled"],
        ["random:index/randomPassword:RandomPassword", "not an AWS resource"],
        ["awsx:ecr:Image", "a build and push, billed as ECR storage on the repository"],
    ],
);

interface PricingContext {
    readonly stack: string;
    readonly resource: PlannedResource;
    readonly byUrn: ReadonlyMap<string, PlannedResource>;
    readonly all: readonly PlannedResource[];
    readonly traffic: TrafficProfile;
    /** How many resources of each type the environment has, to share usage between them. */
    readonly countOf: (type: string) => number;
}

type Pricer = (ctx: PricingContext) => { lines: Omit<CostLine, "stack" | "resource" | "type">[]; notPriced?: string };

function line(item: string, quantity: number, unit: string, unitUsd: number, kind: CostKind): Omit<CostLine, "stack" | "resource" | "type"> {
    return { item, quantity, unit, unitUsd, monthlyUsd: quantity * unitUsd, kind };
}

function priced(key: string, quantity: number, kind: CostKind, item?: string) {
    const p = price(key);
    return line(item ?? key, quantity, p.unit, p.usd, kind);
}

const num = (v: unknown, fallback = 0): number => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)) ? Number(v) : fallback);

export interface CapacityProviderItem {
    readonly capacityProvider: string;
    readonly base?: number;
    readonly weight?: number;
}

/**
 * Splits `tasks` between on-demand and Spot the way ECS places them: each provider's `base` first,
 * the rest in proportion to the weights.
 */
export function splitTasks(tasks: number, strategy: readonly CapacityProviderItem[]): { onDemand: number; spot: number } {
    if (strategy.length === 0) {
        return { onDemand: tasks, spot: 0 };
    }
    let remaining = tasks;
    const counts = strategy.map((s) => {
        const base = Math.min(remaining, s.base ?? 0);
        remaining -= base;
        return base;
    });
    const totalWeight = strategy.reduce((n, s) => n + (s.weight ?? 0), 0);
    strategy.forEach((s, i) => {
        counts[i] += totalWeight > 0 ? (remaining * (s.weight ?? 0)) / totalWeight : 0;
    });
    const spot = strategy.reduce((n, s, i) => n + (s.capacityProvider === "FARGATE_SPOT" ? counts[i] : 0), 0);
    return { onDemand: tasks - spot, spot };
}

function ecsService(ctx: PricingContext) {
    const { resource, byUrn, all } = ctx;
    const taskDef = resource.dependsOn.map((u) => byUrn.get(u)).find((r) => r?.type === "aws:ecs/taskDefinition:TaskDefinition");
    if (taskDef === undefined) {
        return { lines: [], notPriced: "no task definition found among its dependencies" };
    }
    const scaling = all.find((r) => r.type === "aws:appautoscaling/target:Target" && r.dependsOn.includes(resource.urn));
    const tasks = scaling !== undefined ? num(scaling.inputs.minCapacity, 1) : num(resource.inputs.desiredCount, 1);
    const strategy = (resource.inputs.capacityProviderStrategies as CapacityProviderItem[] | undefined) ?? [];
    const { onDemand, spot } = splitTasks(tasks, strategy);
    const cpu = num(taskDef.inputs.cpu);
    const memory = num(taskDef.inputs.memory);
    const size = `${cpu} CPU / ${memory} MiB`;
    const lines = [line(`Fargate task ${size}, on-demand`, onDemand, "per task-month", fargateTaskMonthly(cpu, memory, false), "fixed")];
    if (spot > 0) {
        lines.push(line(`Fargate task ${size}, Spot (${FARGATE_SPOT_DISCOUNT * 100} % off, assumed)`, spot, "per task-month", fargateTaskMonthly(cpu, memory, true), "fixed"));
    }
    return { lines };
}

const PRICERS: Readonly<Record<string, Pricer>> = {
    "aws:ec2/natGateway:NatGateway": ({ traffic, countOf }) => ({
        lines: [
            priced("nat.hour", HOURS_PER_MONTH, "fixed", "NAT gateway hours"),
            // Without interface endpoints, logs and image pulls leave through the NAT gateways.
            priced("nat.gb", traffic.logGbPerMonth / countOf("aws:ec2/natGateway:NatGateway"), "usage", "NAT data processed (the log volume)"),
        ],
    }),
    "aws:ec2/eip:Eip": () => ({ lines: [priced("publicIpv4.hour", HOURS_PER_MONTH, "fixed", "public IPv4 address hours")] }),
    "aws:ec2/vpcEndpoint:VpcEndpoint": ({ resource }) => {
        if (resource.inputs.vpcEndpointType !== "Interface") {
            return { lines: [line("gateway endpoint", 1, "gateway endpoints are free", 0, "fixed")] };
        }
        const azs = ((resource.inputs.subnetIds as unknown[] | undefined) ?? []).length;
        return { lines: [priced("endpoint.azHour", azs * HOURS_PER_MONTH, "fixed", `interface endpoint x ${azs} AZ(s)`)] };
    },
    "aws:lb/loadBalancer:LoadBalancer": ({ resource, traffic, countOf }) => {
        const network = resource.inputs.loadBalancerType === "network";
        const share = 1 / countOf("aws:lb/loadBalancer:LoadBalancer");
        // An LCU is 1 GB processed an hour or 1,000 rule evaluations a second (ALB); the larger dimension is billed.
        const lcuHours = Math.max(traffic.gbOutPerMonth, (traffic.requestsPerMonth / (HOURS_PER_MONTH * 3600) / 1000) * HOURS_PER_MONTH) * share;
        return {
            lines: [
                priced(network ? "nlb.hour" : "alb.hour", HOURS_PER_MONTH, "fixed", network ? "NLB hours" : "ALB hours"),
                priced(network ? "nlb.lcuHour" : "alb.lcuHour", lcuHours, "usage", "capacity units (GB processed or rule evaluations)"),
            ],
        };
    },
    "aws:rds/instance:Instance": ({ resource }) => {
        const instanceClass = String(resource.inputs.instanceClass ?? "");
        const hourly = rdsHourly(instanceClass);
        if (hourly === undefined) {
            return { lines: [], notPriced: `instance class ${instanceClass || "(unknown)"} is not in the price table` };
        }
        const copies = resource.inputs.multiAz === true ? 2 : 1;
        const az = copies === 2 ? "Multi-AZ" : "Single-AZ";
        const storage = num(resource.inputs.allocatedStorage);
        const lines = [
            line(`${instanceClass} ${az}`, HOURS_PER_MONTH * copies, "instance-hours", hourly.usd, "fixed"),
            line(`gp3 storage ${storage} GB ${az}`, storage * copies, "GB-months", price("rds.gp3.gbMonth").usd, "fixed"),
        ];
        if (resource.inputs.manageMasterUserPassword === true) {
            lines.push(priced("secretsmanager.secretMonth", 1, "fixed", "RDS-managed master user secret"));
        }
        return { lines };
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": ({ resource }) => {
        const nodeType = String(resource.inputs.nodeType ?? "");
        const engine = String(resource.inputs.engine ?? "redis");
        const hourly = cacheNodeHourly(engine, nodeType);
        if (hourly === undefined) {
            return { lines: [], notPriced: `node type ${nodeType || "(unknown)"} is not in the price table` };
        }
        const nodes = resource.inputs.numCacheClusters !== undefined
            ? num(resource.inputs.numCacheClusters, 1)
            : num(resource.inputs.numNodeGroups, 1) * (num(resource.inputs.replicasPerNodeGroup, 0) + 1);
        return { lines: [line(`${nodeType} ${engine} x ${nodes} node(s)`, nodes * HOURS_PER_MONTH, "node-hours", hourly.usd, "fixed")] };
    },
    "aws:ecs/service:Service": ecsService,
    "aws:wafv2/webAcl:WebAcl": ({ resource, traffic }) => {
        const rules = ((resource.inputs.rules as unknown[] | undefined) ?? []).length;
        return {
            lines: [
                priced("waf.webAclMonth", 1, "fixed", "web ACL"),
                priced("waf.ruleMonth", rules, "fixed", `${rules} rules`),
                // Each web ACL inspects every request of the profile: CloudFront's and then the API stage's.
                priced("waf.millionRequests", traffic.requestsPerMonth / 1e6, "usage", "requests inspected"),
            ],
        };
    },
    "aws:kms/key:Key": () => ({ lines: [priced("kms.keyMonth", 1, "fixed", "customer managed key")] }),
    "aws:secretsmanager/secret:Secret": () => ({ lines: [priced("secretsmanager.secretMonth", 1, "fixed", "secret")] }),
    "aws:cloudwatch/metricAlarm:MetricAlarm": ({ resource }) => {
        // A metric-math alarm is billed as one alarm per metric it reads; its expressions are free.
        const metrics = ((resource.inputs.metricQueries as { metric?: unknown }[] | undefined) ?? []).filter((q) => q.metric !== undefined).length;
        return { lines: [priced("cloudwatch.alarmMonth", Math.max(1, metrics), "fixed", metrics > 1 ? `metric-math alarm reading ${metrics} metrics` : "metric alarm")] };
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": () => ({ lines: [priced("cloudwatch.compositeAlarmMonth", 1, "fixed", "composite alarm")] }),
    "aws:cloudwatch/dashboard:Dashboard": () => ({ lines: [priced("cloudwatch.dashboardMonth", 1, "fixed", "dashboard")] }),
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": () => ({ lines: [priced("cloudwatch.customMetricMonth", 1, "fixed", "custom metric of the filter")] }),
    "aws:cloudwatch/logGroup:LogGroup": ({ resource, traffic, countOf }) => {
        const gb = traffic.logGbPerMonth / countOf("aws:cloudwatch/logGroup:LogGroup");
        const retentionDays = num(resource.inputs.retentionInDays, 3653);
        // In steady state a group holds its retention's worth of logs (a year at most here).
        const storedGb = gb * Math.min(retentionDays, 365) / 30;
        return { lines: [priced("logs.ingestGb", gb, "usage", "log ingestion (an even share of the profile)"), priced("logs.storeGbMonth", storedGb, "usage", `log storage over ${retentionDays} days`)] };
    },
    "aws:acmpca/certificateAuthority:CertificateAuthority": ({ resource }) => ({
        lines: [resource.inputs.usageMode === "SHORT_LIVED_CERTIFICATE"
            ? priced("privateca.shortLivedMonth", 1, "fixed", "private CA, short-lived certificate mode")
            : priced("privateca.generalPurposeMonth", 1, "fixed", "private CA, general-purpose mode")],
    }),
    "aws:apigateway/stage:Stage": ({ resource, traffic, countOf }) => {
        const lines = [priced("apigateway.rest.millionRequests", traffic.requestsPerMonth / 1e6 / countOf("aws:apigateway/stage:Stage"), "usage", "REST API calls")];
        if (resource.inputs.cacheClusterEnabled === true) {
            const size = String(resource.inputs.cacheClusterSize ?? "0.5");
            const key = `apigateway.cache.${size}`;
            try {
                lines.push(priced(key, HOURS_PER_MONTH, "fixed", `cache cluster ${size} GB`));
            } catch {
                return { lines, notPriced: `cache cluster size ${size} GB is not in the price table` };
            }
        }
        return { lines };
    },
    "aws:cloudfront/distribution:Distribution": ({ traffic, countOf }) => {
        const share = 1 / countOf("aws:cloudfront/distribution:Distribution");
        return {
            lines: [
                priced("cloudfront.gbOut", traffic.gbOutPerMonth * share, "usage", "data out to clients"),
                priced("cloudfront.millionHttpsRequests", (traffic.requestsPerMonth / 1e6) * share, "usage", "HTTPS requests"),
            ],
        };
    },
    "aws:cloudfront/function:Function": ({ traffic, countOf }) => ({
        lines: [priced("cloudfront.functions.millionInvocations", traffic.requestsPerMonth / 1e6 / countOf("aws:cloudfront/function:Function"), "usage", "invocations (one per request, shared)")],
    }),
    "aws:dynamodb/table:Table": ({ resource, traffic, countOf }) => {
        if (resource.inputs.billingMode !== "PAY_PER_REQUEST") {
            return { lines: [], notPriced: "provisioned capacity is not modelled" };
        }
        const share = 1 / countOf("aws:dynamodb/table:Table");
        return {
            lines: [
                priced("dynamodb.millionRru", (traffic.dynamoReadsPerMonth / 1e6) * share, "usage", "read request units"),
                priced("dynamodb.millionWru", (traffic.dynamoWritesPerMonth / 1e6) * share, "usage", "write request units"),
            ],
        };
    },
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": () => ({ lines: [priced("route53.hostedZoneMonth", 1, "fixed", "private hosted zone of the namespace")] }),
    // Lifecycle policies keep a handful of images; one GB per repository is assumed.
    "aws:ecr/repository:Repository": () => ({ lines: [priced("ecr.gbMonth", 1, "fixed", "image storage (1 GB assumed)")] }),
    "aws:cognito/userPool:UserPool": ({ resource }) => {
        const plus = resource.inputs.userPoolTier === "PLUS";
        // Billed per monthly active user only: an idle pool costs nothing, and users are not in the traffic profile.
        return { lines: [priced(plus ? "cognito.plusMau" : "cognito.essentialsMau", 0, "usage", "monthly active users (not in the profile)")] };
    },
};

/** Resources that are not AWS resources of their own: the stack, providers, components. */
function isBillable(r: PlannedResource): boolean {
    return r.custom && !r.type.startsWith("pulumi:");
}

/** Why a billable resource is not priced, when it is a type with a known charge this estimate does not model. */
function unmodelled(r: PlannedResource): string | undefined {
    if (r.type === "aws:ecs/cluster:Cluster") {
        const settings = (r.inputs.settings as { name?: string; value?: string }[] | undefined) ?? [];
        const insights = settings.find((s) => s.name === "containerInsights")?.value;
        if (insights === "enhanced" || insights === "enabled") {
            return `Container Insights (${insights}) is billed per metric/observation, not modelled`;
        }
    }
    return undefined;
}

/** The monthly cost of an environment's stacks under a traffic profile. */
export function estimateCost(stacks: readonly StackResources[], traffic: TrafficProfile, region: string): EnvironmentCost {
    const all = stacks.flatMap((s) => s.resources.filter(isBillable));
    const counts = new Map<string, number>();
    all.forEach((r) => counts.set(r.type, (counts.get(r.type) ?? 0) + 1));
    const countOf = (type: string) => counts.get(type) ?? 1;
    const byUrn = new Map(all.map((r) => [r.urn, r]));
    const stackCosts = stacks.map((s): StackCost => {
        const lines: CostLine[] = [];
        const notPriced: NotPriced[] = [];
        for (const resource of s.resources.filter(isBillable)) {
            const skip = (reason: string) => notPriced.push({ stack: s.project, resource: resource.name, type: resource.type, reason });
            const pricer = PRICERS[resource.type];
            const unmodelledReason = unmodelled(resource);
            if (unmodelledReason !== undefined) {
                skip(unmodelledReason);
            } else if (pricer !== undefined) {
                const result = pricer({ stack: s.project, resource, byUrn, all, traffic, countOf });
                lines.push(...result.lines.map((l) => ({ ...l, stack: s.project, resource: resource.name, type: resource.type })));
                if (result.notPriced !== undefined) {
                    skip(result.notPriced);
                }
            } else if (!FREE_TYPES.has(resource.type)) {
                skip("no price for this type");
            }
        }
        const sum = (kind: CostKind) => round(lines.filter((l) => l.kind === kind).reduce((n, l) => n + l.monthlyUsd, 0));
        const fixedUsd = sum("fixed");
        const usageUsd = sum("usage");
        return { stack: s.project, fixedUsd, usageUsd, totalUsd: round(fixedUsd + usageUsd), lines, notPriced };
    });
    const fixedUsd = round(stackCosts.reduce((n, s) => n + s.fixedUsd, 0));
    const usageUsd = round(stackCosts.reduce((n, s) => n + s.usageUsd, 0));
    return {
        region,
        ...(region !== PRICE_REGION ? { regionNote: `prices are ${PRICE_REGION} on-demand: the figures for ${region} are a ${PRICE_REGION} estimate` } : {}),
        fixedUsd,
        usageUsd,
        totalUsd: round(fixedUsd + usageUsd),
        stacks: stackCosts,
        notPriced: stackCosts.flatMap((s) => s.notPriced),
        largest: stackCosts.flatMap((s) => s.lines).sort((a, b) => b.monthlyUsd - a.monthlyUsd).slice(0, 8),
    };
}

/** Cents, to keep sums of floating-point products stable in reports and tests. */
export function round(usd: number): number {
    return Math.round(usd * 100) / 100;
}
