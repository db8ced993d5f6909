import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "../observability/log-retention";
import { APP_CONTAINER, APP_PORT_NAME, containerDefinitions, DEFAULT_ADOT_IMAGE, DEFAULT_APP_USER, isRootUser, TMP_VOLUME } from "./container-definitions";
import { fargateSizeProblem } from "./fargate-sizes";
import { PolicyStatement } from "../iam/policy";
import { ecsInfrastructureTrustPolicy, ecsTasksTrustPolicy, executionRolePolicy, secretArnOf, taskRolePolicy } from "./iam-policies";
import { pathRouteProblems } from "./path-rules";
import { createHardenedRepository } from "./repository";

export type DeploymentStrategy = "ROLLING" | "CANARY" | "LINEAR" | "BLUE_GREEN";
export const DEPLOYMENT_STRATEGIES: readonly DeploymentStrategy[] = ["ROLLING", "CANARY", "LINEAR", "BLUE_GREEN"];

export interface MeshDeployment {
    /**
     * ECS built-in strategy. CANARY, LINEAR and BLUE_GREEN shift ALB and Service Connect traffic
     * between two target groups, so the component adds an alternate target group and the role ECS
     * uses to move traffic. ROLLING replaces tasks in place.
     * @default "CANARY"
     */
    strategy?: DeploymentStrategy;
    /** CANARY: share of traffic the new revision gets first, 0.1 to 100. @default 10 */
    canaryPercent?: number;
    /** CANARY: minutes at the canary share before the rest shifts. @default 5 */
    canaryBakeTimeMinutes?: number;
    /** LINEAR: share shifted per step, 3 to 100. @default 20 */
    linearStepPercent?: number;
    /** LINEAR: minutes between steps. @default 2 */
    linearStepBakeTimeMinutes?: number;
    /** Minutes both revisions keep running after all traffic moved, for a quick rollback; 0 to 1440. @default 10 */
    bakeTimeMinutes?: number;
}

export interface MeshAutoscaling {
    /** Fewest tasks; at least 2 in production so that one AZ's loss leaves a task serving. */
    min: number;
    /** Most tasks; sized for the reference load (5,000 RPS per cluster). */
    max: number;
    /** Average CPU % to hold. @default 60 */
    cpuTarget?: number;
    /** ALB requests per task (per minute) to hold; with an alternate target group, counted over both groups. @default 1000 */
    requestsPerTarget?: number;
}

export interface MeshTls {
    /** AWS Private CA (same account and region) that issues the short-lived certificates. */
    awsPcaAuthorityArn: pulumi.Input<string>;
    /** Role ECS assumes to issue certificates (AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity). */
    roleArn: pulumi.Input<string>;
    /** Customer managed key for the certificates' private keys in Secrets Manager. @default an AWS managed key */
    kmsKeyArn?: pulumi.Input<string>;
}

/** The app's port when not overridden: the ALB's target and the Service Connect client alias. */
export const DEFAULT_CONTAINER_PORT = 8080;
/** The Service Connect proxy's port for mesh callers when not overridden (see `meshIngressPort`). */
export const DEFAULT_MESH_INGRESS_PORT = 8443;
/** The app's TLS port for the load balancer when not overridden (see `targetTlsPort`). */
export const DEFAULT_TARGET_TLS_PORT = 8081;

/**
 * The task port the ALB's target groups use behind a listener of this protocol: behind HTTPS the
 * app's TLS port, so that the hop from the ALB to the task is encrypted too; behind HTTP the app
 * port. The network's load-balancer -> app tier rule and each service's target groups both take it
 * from here, so the security groups admit exactly the port the target groups use.
 */
export function albTargetPort(listenerProtocol: "HTTP" | "HTTPS"): number {
    return listenerProtocol === "HTTPS" ? DEFAULT_TARGET_TLS_PORT : DEFAULT_CONTAINER_PORT;
}

/**
 * What clients in the namespace call: the client alias `http://<service>:<port>`. A pure function so
 * that a caller derives its callee's URL from the name alone, without reading the callee's stack.
 */
export function serviceConnectUrl(serviceName: string, containerPort: number = DEFAULT_CONTAINER_PORT): string {
    return `http://${serviceName}:${containerPort}`;
}

export interface MeshCallee {
    /** Security group of the called service's tasks. */
    securityGroupId: pulumi.Input<string>;
    /** The called service's Service Connect ingress port (its `meshIngressPort` output). */
    port: number;
}

/**
 * An existing image, or one built with Docker: `buildContext` is the folder sent to the build,
 * `dockerfile` its Dockerfile when not `<buildContext>/Dockerfile` (e.g. a monorepo that builds from
 * its root so that the build sees the shared lock file).
 */
export type MeshImage = { uri: pulumi.Input<string> } | { buildContext: string; dockerfile?: string; tag: string };

export interface MeshServiceArgs {
    /** Name of the service: ECS service, task family, Service Connect discovery name and DNS alias. Lower-case letters, digits, dashes. */
    serviceName: string;
    /** ECS cluster (the platform stack's `clusterArn`). */
    clusterArn: pulumi.Input<string>;
    /** Service Connect namespace (the platform stack's `serviceConnectNamespaceArn`). */
    namespaceArn: pulumi.Input<string>;
    /** VPC of the tasks and the target groups. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the tasks (no public IPs are ever assigned). */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Listener of the shared internal ALB (`albListenerArn`). */
    albListenerArn: pulumi.Input<string>;
    /** ARN suffix of the shared ALB (`albArnSuffix`), for the requests-per-target scaling metric. */
    albArnSuffix: pulumi.Input<string>;
    /** Security group of the ALB (`albSecurityGroupId`): the only load balancer admitted, on the container port. */
    albSecurityGroupId: pulumi.Input<string>;
    /**
     * A security group created elsewhere (e.g. the platform's per-service group) to use as the
     * service's own: it exists before this service does, so callers can add their rules to it
     * without waiting for this stack. The ALB and caller ingress and the callee egress rules are
     * added to it. @default a group created by the component
     */
    securityGroupId?: pulumi.Input<string>;
    /**
     * Security groups added to the tasks besides the service's own, e.g. the network's app tier,
     * which carries egress to AWS endpoints and the data tier. @default []
     */
    additionalSecurityGroupIds?: pulumi.Input<string>[];
    /** ALB path patterns routed to this service (1 to 3); must not overlap another service's. */
    pathPatterns: string[];
    /** Listener rule priority, 1-50000, unique on the listener; configured, never derived from list order. */
    listenerRulePriority: number;
    /** Port the app listens on. @default DEFAULT_CONTAINER_PORT (8080) */
    containerPort?: number;
    /**
     * Port the app also listens on with TLS (given to it as TLS_PORT, mapped as `https`). Set, the
     * target groups are HTTPS with HTTPS health checks on it and the ALB is admitted there instead
     * of `containerPort`: set it when the ALB's listener is HTTPS, so that no hop carries requests
     * in clear text. Service Connect's proxy and the container health check keep `containerPort`.
     * @default unset (target groups HTTP on containerPort)
     */
    targetTlsPort?: number;
    /**
     * Port the Service Connect proxy listens on for mesh callers. Kept apart from the container
     * port so that the ALB reaches the app directly (plain HTTP health checks keep working when
     * mesh TLS is on) while callers always go through the proxy. @default DEFAULT_MESH_INGRESS_PORT (8443)
     */
    meshIngressPort?: number;
    /** Task CPU units; with `memory`, a pair Fargate accepts (see fargate-sizes.ts). @default 512 */
    cpu?: number;
    /** Task memory, MiB. @default 1024 */
    memory?: number;
    /** Image: an existing URI, or a folder built with its Dockerfile and pushed with `tag` (tags are immutable, so each build needs a new tag, such as the commit). */
    image: MeshImage;
    /**
     * Plain environment variables of the app (no secrets here: they are visible in the task definition).
     * Values may be outputs of other resources (a table name, a cache endpoint). @default {}
     */
    environment?: Record<string, pulumi.Input<string>>;
    /**
     * Variable name -> Secrets Manager ARN (optionally `:json-key::`); injected at start, readable by
     * the execution role only. Values may be outputs (a DataTier's secret); those are checked once known. @default {}
     */
    secrets?: Record<string, pulumi.Input<string>>;
    /** Customer managed KMS keys of those secrets, so that the execution role may decrypt them. @default [] */
    secretKmsKeyArns?: pulumi.Input<string>[];
    /** IAM statements of the task role, exactly as handed in (e.g. DataTier's); tracing is added. @default [] */
    taskRoleStatements?: pulumi.Input<PolicyStatement[]>;
    /** Names of the services this one calls (declaration; see call-graph.ts). @default [] */
    calls?: string[];
    /** For each name in `calls`: its security group and mesh port, for this service's egress rules. Must cover `calls` exactly. @default {} */
    callees?: Record<string, MeshCallee>;
    /** Caller name -> its security group: the services admitted on the mesh port (resolved by the call graph). @default {} */
    callerSecurityGroupIds?: Record<string, pulumi.Input<string>>;
    /** Service Connect TLS through AWS Private CA; undefined for plain text (dev). */
    tls?: MeshTls;
    /** Service Connect per-request timeout, seconds (0 disables). @default 15 */
    perRequestTimeoutSeconds?: number;
    /** Service Connect idle timeout, seconds (0 disables). @default 300 */
    idleTimeoutSeconds?: number;
    /** Deployment strategy and bake times. @default { strategy: "CANARY" } */
    deployment?: MeshDeployment;
    /** Task counts and scaling targets. @default { min: 2, max: 10 } */
    autoscaling?: MeshAutoscaling;
    /**
     * ECS Exec (a shell in running tasks); for dev only, as it bypasses the image as the audit trail.
     * It makes the app container's root file system writable (the SSM agent needs that). @default false
     */
    enableExecuteCommand?: boolean;
    /** Retention of `/ecs/<service>`, days (a value CloudWatch Logs accepts). */
    logRetentionDays: number;
    /** KMS key of the log group (its key policy must admit CloudWatch Logs). @default CloudWatch Logs' own encryption */
    logKmsKeyArn?: pulumi.Input<string>;
    /** Log group name; override when environments share an account. @default `/ecs/<serviceName>` */
    logGroupName?: string;
    /** CloudWatch alarms that roll a deployment back (e.g. 5xx, latency). @default [] */
    alarmNames?: pulumi.Input<string>[];
    /** Run tasks beyond the first on Fargate Spot (cheaper, interruptible); dev. @default false */
    fargateSpot?: boolean;
    /** KMS key of the ECR repository. @default the AWS managed ECR key */
    repositoryKmsKeyArn?: pulumi.Input<string>;
    /** Container health check command. @default curl on http://localhost:<port>/health */
    healthCheckCommand?: string[];
    /** ALB target group health-check path. @default "/health" */
    healthCheckPath?: string;
    /** uid:gid of the app; root is refused. @default "10001:10001" */
    user?: string;
    /**
     * ADOT collector image, pinned: in subnets without internet egress, a private ECR copy (the
     * platform's `adotImageUri`), whose repository must then be in `sidecarRepositoryArns`.
     * @default DEFAULT_ADOT_IMAGE (ECR Public: needs internet egress)
     */
    adotImage?: pulumi.Input<string>;
    /**
     * Private ECR repositories of the sidecar images (the platform's `adotRepositoryArn`): the
     * execution role may pull from exactly these and the service's own repository. @default []
     */
    sidecarRepositoryArns?: pulumi.Input<string>[];
    /** Protect the repository and log group against deletion by Pulumi. @default true */
    protect?: boolean;
}

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function between(value: number, min: number, max: number): boolean {
    return Number.isFinite(value) && value >= min && value <= max;
}

/** Every problem of the args, each naming the arg, the value and what is accepted; throws before any child exists. */
export function validateMeshServiceArgs(args: MeshServiceArgs): void {
    const p: string[] = [];
    const name = args.serviceName;
    if (!SERVICE_NAME.test(name)) {
        p.push(`serviceName ${JSON.stringify(name)}: 2 to 32 lower-case letters, digits and dashes, starting with a letter`);
    }
    const sizeProblem = fargateSizeProblem(args.cpu ?? 512, args.memory ?? 1024);
    if (sizeProblem) {
        p.push(`cpu/memory: ${sizeProblem}`);
    }
    const port = args.containerPort ?? DEFAULT_CONTAINER_PORT;
    const meshPort = args.meshIngressPort ?? DEFAULT_MESH_INGRESS_PORT;
    const tlsPort = args.targetTlsPort;
    for (const [key, value] of [["containerPort", port], ["meshIngressPort", meshPort], ...(tlsPort !== undefined ? [["targetTlsPort", tlsPort] as const] : [])] as const) {
        if (!Number.isInteger(value) || value < 1 || value > 65535) {
            p.push(`${key} ${value}: a port from 1 to 65535`);
        }
    }
    if (port === meshPort) {
        p.push(`meshIngressPort ${meshPort}: must differ from containerPort, so that the ALB bypasses the mesh proxy`);
    }
    if (tlsPort !== undefined && (tlsPort === port || tlsPort === meshPort)) {
        p.push(`targetTlsPort ${tlsPort}: must differ from containerPort and meshIngressPort, since the app serves TLS there and plain HTTP on containerPort`);
    }
    p.push(...pathRouteProblems({ service: name, pathPatterns: args.pathPatterns, priority: args.listenerRulePriority }).map((m) => `pathPatterns/listenerRulePriority: ${m}`));
    const calls = args.calls ?? [];
    if (calls.includes(name)) {
        p.push(`calls: ${name} calls itself`);
    }
    const calleeNames = Object.keys(args.callees ?? {});
    const unresolved = calls.filter((c) => !calleeNames.includes(c));
    const undeclared = calleeNames.filter((c) => !calls.includes(c));
    if (unresolved.length > 0 || undeclared.length > 0) {
        p.push(`callees: must cover calls exactly (missing: ${unresolved.join(", ") || "none"}; not in calls: ${undeclared.join(", ") || "none"})`);
    }
    if (Object.keys(args.callerSecurityGroupIds ?? {}).includes(name)) {
        p.push(`callerSecurityGroupIds: ${name} lists itself as a caller`);
    }
    const secrets = args.secrets ?? {};
    const env = args.environment ?? {};
    // Outputs are checked when known, by executionRolePolicy; plain values here, before any child exists.
    for (const [key, value] of Object.entries(secrets)) {
        if (typeof value !== "string") {
            continue;
        }
        try {
            secretArnOf(value);
        } catch (e) {
            p.push(`secrets.${key}: ${(e as Error).message}`);
        }
    }
    for (const key of [...Object.keys(env), ...Object.keys(secrets)]) {
        if (!ENV_NAME.test(key)) {
            p.push(`environment/secrets: ${JSON.stringify(key)} is not a variable name (letters, digits, _; not starting with a digit)`);
        }
    }
    const both = Object.keys(env).filter((k) => k in secrets);
    if (both.length > 0) {
        p.push(`environment/secrets: ${both.join(", ")} given as both a plain variable and a secret`);
    }
    const d = args.deployment ?? {};
    const strategy = d.strategy ?? "CANARY";
    if (!DEPLOYMENT_STRATEGIES.includes(strategy)) {
        p.push(`deployment.strategy ${JSON.stringify(strategy)}: one of ${DEPLOYMENT_STRATEGIES.join(", ")}`);
    }
    const checks: [string, number | undefined, number, number][] = [
        ["deployment.canaryPercent", d.canaryPercent, 0.1, 100],
        ["deployment.linearStepPercent", d.linearStepPercent, 3, 100],
        ["deployment.bakeTimeMinutes", d.bakeTimeMinutes, 0, 1440],
        ["deployment.canaryBakeTimeMinutes", d.canaryBakeTimeMinutes, 0, 1440],
        ["deployment.linearStepBakeTimeMinutes", d.linearStepBakeTimeMinutes, 0, 1440],
        ["perRequestTimeoutSeconds", args.perRequestTimeoutSeconds, 0, 3600],
        ["idleTimeoutSeconds", args.idleTimeoutSeconds, 0, 3600],
        ["autoscaling.cpuTarget", args.autoscaling?.cpuTarget, 1, 100],
        ["autoscaling.requestsPerTarget", args.autoscaling?.requestsPerTarget, 1, 1_000_000],
    ];
    for (const [key, value, min, max] of checks) {
        if (value !== undefined && !between(value, min, max)) {
            p.push(`${key} ${value}: from ${min} to ${max}`);
        }
    }
    const scaling = args.autoscaling ?? { min: 2, max: 10 };
    if (!Number.isInteger(scaling.min) || !Number.isInteger(scaling.max) || scaling.min < 1 || scaling.max < scaling.min) {
        p.push(`autoscaling min ${scaling.min} / max ${scaling.max}: whole numbers with 1 <= min <= max`);
    }
    if (!isValidLogRetention(args.logRetentionDays)) {
        p.push(`logRetentionDays ${args.logRetentionDays}: one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    if (isRootUser(args.user ?? DEFAULT_APP_USER)) {
        p.push(`user ${JSON.stringify(args.user)}: containers never run as root; give a non-zero uid`);
    }
    if ("buildContext" in args.image && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(args.image.tag)) {
        p.push(`image.tag ${JSON.stringify(args.image.tag)}: a Docker tag (letters, digits, _ . -; up to 128)`);
    }
    if (p.length > 0) {
        throw new Error(`Invalid MeshService "${name}":\n  - ${p.join("\n  - ")}`);
    }
}

/** The trailing name of a cluster ARN (`arn:aws:ecs:<region>:<account>:cluster/<name>`). */
export function clusterNameOf(clusterArn: string): string {
    return clusterArn.split("/").pop() ?? clusterArn;
}

/**
 * One microservice on ECS Fargate in the Service Connect mesh, behind the shared internal ALB:
 * task definition with the ADOT sidecar, least-privilege roles, its own security group, ECR
 * repository, target group(s) and listener rule, safe deployments and autoscaling.
 */
export class MeshService extends pulumi.ComponentResource {
    public readonly serviceName: pulumi.Output<string>;
    public readonly serviceArn: pulumi.Output<string>;
    public readonly taskDefinitionArn: pulumi.Output<string>;
    public readonly securityGroupId: pulumi.Output<string>;
    /** The primary target group (the one ECS starts with; with an alternate group, the live one changes at each deployment). */
    public readonly targetGroupArn: pulumi.Output<string>;
    /** CANARY/LINEAR/BLUE_GREEN: the alternate target group; ECS swaps which group is live at the end of each deployment, so watch both. */
    public readonly alternateTargetGroupArn: pulumi.Output<string> | undefined;
    /** Primary and (for CANARY/LINEAR/BLUE_GREEN) alternate target groups. */
    public readonly targetGroupArns: pulumi.Output<string>[];
    public readonly listenerRuleArn: pulumi.Output<string>;
    public readonly repositoryUrl: pulumi.Output<string>;
    public readonly logGroupName: pulumi.Output<string>;
    /** The role the application's code runs as (for grants outside this component, e.g. another team's bucket). */
    public readonly taskRoleArn: pulumi.Output<string>;
    public readonly discoveryName: string;
    /** The port callers' security groups must reach (the Service Connect proxy). */
    public readonly meshIngressPort: number;
    /** What clients in the namespace call: `http://<service>:<port>`. */
    public readonly serviceConnectEndpoint: string;

    constructor(name: string, args: MeshServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:mesh:MeshService", name, {}, opts);
        validateMeshServiceArgs(args);
        const parent = this;
        const protect = args.protect ?? true;
        const svc = args.serviceName;
        const port = args.containerPort ?? DEFAULT_CONTAINER_PORT;
        const meshPort = args.meshIngressPort ?? DEFAULT_MESH_INGRESS_PORT;
        // The ALB's target: the app's TLS port when it has one, else the app port.
        const target = args.targetTlsPort !== undefined ? { port: args.targetTlsPort, protocol: "HTTPS" } : { port, protocol: "HTTP" };
        const strategy = args.deployment?.strategy ?? "CANARY";
        const shifted = strategy !== "ROLLING";
        const scaling = args.autoscaling ?? { min: 2, max: 10 };
        const identity = aws.getCallerIdentityOutput({}, { parent });
        const partition = aws.getPartitionOutput({}, { parent });
        const region = aws.getRegionOutput({}, { parent });

        const repository = createHardenedRepository(`${name}-repo`, parent, { kmsKeyArn: args.repositoryKmsKeyArn, protect });
        const image = "uri" in args.image
            ? pulumi.output(args.image.uri)
            : new awsx.ecr.Image(`${name}-image`, { repositoryUrl: repository.repositoryUrl, context: args.image.buildContext, dockerfile: args.image.dockerfile, imageTag: args.image.tag, platform: "linux/amd64" }, { parent }).imageUri;

        const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
            name: args.logGroupName ?? `/ecs/${svc}`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: args.logKmsKeyArn,
        }, { parent, protect });

        const environment = pulumi.output(args.environment ?? {}) as pulumi.Output<Record<string, string>>;
        const secrets = pulumi.output(args.secrets ?? {}) as pulumi.Output<Record<string, string>>;
        const trust = pulumi.all([identity.accountId, partition.partition, region.region]).apply(([a, part, r]) => JSON.stringify(ecsTasksTrustPolicy(a, part, r)));
        const executionRole = new aws.iam.Role(`${name}-execution`, { description: `${svc}: lets the ECS agent pull the image, write logs and read the service's secrets`, assumeRolePolicy: trust }, { parent });
        const executionPolicy = new aws.iam.RolePolicy(`${name}-execution`, {
            role: executionRole.id,
            policy: pulumi.all([repository.arn, pulumi.all(args.sidecarRepositoryArns ?? []), logGroup.arn, secrets, pulumi.all(args.secretKmsKeyArns ?? [])])
                .apply(([repositoryArn, sidecarRepositoryArns, logGroupArn, s, secretKmsKeyArns]) =>
                    JSON.stringify(executionRolePolicy({ repositoryArns: [repositoryArn, ...sidecarRepositoryArns], logGroupArn, secretValueFroms: Object.values(s), secretKmsKeyArns })),
                ),
        }, { parent });
        const taskRole = new aws.iam.Role(`${name}-task`, { description: `${svc}: what the application's code may do`, assumeRolePolicy: trust }, { parent });
        const taskPolicy = new aws.iam.RolePolicy(`${name}-task`, {
            role: taskRole.id,
            policy: pulumi.output(args.taskRoleStatements ?? []).apply((s) => JSON.stringify(taskRolePolicy(s as PolicyStatement[], args.enableExecuteCommand ?? false))),
        }, { parent });

        const taskDefinition = new aws.ecs.TaskDefinition(`${name}-task`, {
            family: svc,
            cpu: String(args.cpu ?? 512),
            memory: String(args.memory ?? 1024),
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            // X86_64: Fargate Spot does not run ARM64 tasks.
            runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
            executionRoleArn: executionRole.arn,
            taskRoleArn: taskRole.arn,
            volumes: [{ name: TMP_VOLUME }],
            containerDefinitions: pulumi.all([image, logGroup.name, region.region, environment, secrets, args.adotImage ?? DEFAULT_ADOT_IMAGE]).apply(([uri, logGroupName, r, env, s, adotImage]) =>
                JSON.stringify(containerDefinitions({
                    serviceName: svc,
                    image: uri,
                    containerPort: port,
                    tlsPort: args.targetTlsPort,
                    region: r,
                    logGroupName,
                    environment: env,
                    secrets: s,
                    healthCheckCommand: args.healthCheckCommand ?? ["CMD-SHELL", `curl -fsS http://localhost:${port}${args.healthCheckPath ?? "/health"} || exit 1`],
                    user: args.user ?? DEFAULT_APP_USER,
                    adotImage,
                    execCommand: args.enableExecuteCommand ?? false,
                    taskMemoryMiB: args.memory ?? 1024,
                })),
            ),
        }, { parent });

        const securityGroupId = createSecurityGroup(name, parent, args, target, meshPort);

        const targetGroup = (role: string) => new aws.lb.TargetGroup(`${name}-${role}`, {
            vpcId: args.vpcId,
            targetType: "ip",
            protocol: target.protocol,
            port: target.port,
            deregistrationDelay: 30,
            healthCheck: { protocol: target.protocol, path: args.healthCheckPath ?? "/health", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
        }, { parent });
        const primary = targetGroup("tg");
        const alternate = shifted ? targetGroup("tg-alt") : undefined;
        const rule = new aws.lb.ListenerRule(`${name}-rule`, {
            listenerArn: args.albListenerArn,
            priority: args.listenerRulePriority,
            conditions: [{ pathPattern: { values: args.pathPatterns } }],
            // A single forward action with both groups: ECS moves the weights during a deployment.
            actions: [{
                type: "forward",
                forward: { targetGroups: [{ arn: primary.arn, weight: 100 }, ...(alternate ? [{ arn: alternate.arn, weight: 0 }] : [])] },
            }],
        }, { parent, ignoreChanges: shifted ? ["actions"] : [] });

        const traffic = shifted ? createTrafficShiftRole(name, parent, svc, identity.accountId, partition.partition) : undefined;
        const trafficRole = traffic?.role;
        const d = args.deployment ?? {};
        const spot = args.fargateSpot ?? false;
        const service = new aws.ecs.Service(`${name}-service`, {
            name: svc,
            cluster: args.clusterArn,
            taskDefinition: taskDefinition.arn,
            desiredCount: scaling.min,
            // Without launchType, the strategy decides; FARGATE keeps a base of one on-demand task.
            capacityProviderStrategies: spot
                ? [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]
                : [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
            platformVersion: "LATEST",
            networkConfiguration: { subnets: args.subnetIds, securityGroups: [securityGroupId, ...(args.additionalSecurityGroupIds ?? [])], assignPublicIp: false },
            loadBalancers: [{
                targetGroupArn: primary.arn,
                containerName: APP_CONTAINER,
                containerPort: target.port,
                advancedConfiguration: alternate && trafficRole ? { alternateTargetGroupArn: alternate.arn, productionListenerRule: rule.arn, roleArn: trafficRole.arn } : undefined,
            }],
            healthCheckGracePeriodSeconds: 60,
            deploymentController: { type: "ECS" },
            deploymentCircuitBreaker: { enable: true, rollback: true },
            deploymentConfiguration: {
                strategy,
                bakeTimeInMinutes: shifted ? String(d.bakeTimeMinutes ?? 10) : undefined,
                canaryConfiguration: strategy === "CANARY" ? { canaryPercent: d.canaryPercent ?? 10, canaryBakeTimeInMinutes: String(d.canaryBakeTimeMinutes ?? 5) } : undefined,
                linearConfiguration: strategy === "LINEAR" ? { stepPercent: d.linearStepPercent ?? 20, stepBakeTimeInMinutes: String(d.linearStepBakeTimeMinutes ?? 2) } : undefined,
            },
            deploymentMinimumHealthyPercent: 100,
            deploymentMaximumPercent: 200,
            alarms: (args.alarmNames ?? []).length > 0 ? { alarmNames: args.alarmNames!, enable: true, rollback: true } : undefined,
            availabilityZoneRebalancing: "ENABLED",
            enableExecuteCommand: args.enableExecuteCommand ?? false,
            enableEcsManagedTags: true,
            propagateTags: "SERVICE",
            serviceConnectConfiguration: {
                enabled: true,
                namespace: args.namespaceArn,
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup.name, "awslogs-region": region.region, "awslogs-stream-prefix": "service-connect" } },
                services: [{
                    portName: APP_PORT_NAME,
                    discoveryName: svc,
                    ingressPortOverride: meshPort,
                    clientAlias: [{ port, dnsName: svc }],
                    timeout: { perRequestTimeoutSeconds: args.perRequestTimeoutSeconds ?? 15, idleTimeoutSeconds: args.idleTimeoutSeconds ?? 300 },
                    tls: args.tls ? { issuerCertAuthority: { awsPcaAuthorityArn: args.tls.awsPcaAuthorityArn }, roleArn: args.tls.roleArn, kmsKey: args.tls.kmsKeyArn } : undefined,
                }],
            },
            waitForSteadyState: false,
        }, {
            parent,
            // The roles' permissions must exist before ECS starts tasks (pull, logs, secrets; the
            // app's calls) or shifts traffic: the roles alone can exist before their policies.
            dependsOn: [rule, executionPolicy, taskPolicy, ...(traffic ? [traffic.attachment] : [])],
            ignoreChanges: ["desiredCount"],
        });

        createAutoscaling(name, parent, args, scaling, service, primary, alternate);

        this.serviceName = service.name;
        this.serviceArn = service.arn;
        this.taskDefinitionArn = taskDefinition.arn;
        this.securityGroupId = securityGroupId;
        this.targetGroupArn = primary.arn;
        this.alternateTargetGroupArn = alternate?.arn;
        this.targetGroupArns = [primary.arn, ...(alternate ? [alternate.arn] : [])];
        this.listenerRuleArn = rule.arn;
        this.repositoryUrl = repository.repositoryUrl;
        this.logGroupName = logGroup.name;
        this.taskRoleArn = taskRole.arn;
        this.discoveryName = svc;
        this.meshIngressPort = meshPort;
        this.serviceConnectEndpoint = serviceConnectUrl(svc, port);
        this.registerOutputs({
            serviceName: this.serviceName,
            serviceArn: this.serviceArn,
            taskDefinitionArn: this.taskDefinitionArn,
            securityGroupId: this.securityGroupId,
            targetGroupArns: this.targetGroupArns,
            repositoryUrl: this.repositoryUrl,
            logGroupName: this.logGroupName,
            taskRoleArn: this.taskRoleArn,
            serviceConnectEndpoint: this.serviceConnectEndpoint,
        });
    }
}

/**
 * The service's own group (the given one, or a new one): the ALB on the container port, declared
 * callers on the mesh port, nothing else in; out only to its callees. Returns its id.
 */
function createSecurityGroup(name: string, parent: pulumi.Resource, args: MeshServiceArgs, target: { port: number; protocol: string }, meshPort: number): pulumi.Output<string> {
    const groupId = args.securityGroupId !== undefined
        ? pulumi.output(args.securityGroupId)
        : new aws.ec2.SecurityGroup(`${name}-sg`, {
            vpcId: args.vpcId,
            description: `${args.serviceName} tasks: ALB and declared callers only`,
            revokeRulesOnDelete: true,
            tags: { Name: `${name}-tasks` },
        }, { parent }).id;
    const rule = (key: string, from: pulumi.Input<string>, peer: pulumi.Input<string>, p: number, description: string, direction: "ingress" | "egress") => {
        const ruleArgs = { securityGroupId: from, referencedSecurityGroupId: peer, ipProtocol: "tcp", fromPort: p, toPort: p, description };
        return direction === "ingress" ? new aws.vpc.SecurityGroupIngressRule(`${name}-${key}`, ruleArgs, { parent }) : new aws.vpc.SecurityGroupEgressRule(`${name}-${key}`, ruleArgs, { parent });
    };
    rule("from-alb", groupId, args.albSecurityGroupId, target.port, `${target.protocol} from the shared internal ALB`, "ingress");
    // The ALB's side of the same path, in case the target port is not the network's app port.
    rule("alb-to-tasks", args.albSecurityGroupId, groupId, target.port, `${target.protocol} to ${args.serviceName}`, "egress");
    for (const caller of Object.keys(args.callerSecurityGroupIds ?? {}).sort()) {
        rule(`from-${caller}`, groupId, args.callerSecurityGroupIds![caller], meshPort, `Service Connect from ${caller}`, "ingress");
    }
    for (const callee of Object.keys(args.callees ?? {}).sort()) {
        const target = args.callees![callee];
        rule(`to-${callee}`, groupId, target.securityGroupId, target.port, `Service Connect to ${callee}`, "egress");
    }
    return groupId;
}

/** The role ECS uses to move listener-rule weights between the two target groups during CANARY/LINEAR/BLUE_GREEN. */
function createTrafficShiftRole(name: string, parent: pulumi.Resource, svc: string, accountId: pulumi.Output<string>, partition: pulumi.Output<string>): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
    const role = new aws.iam.Role(`${name}-traffic-shift`, {
        description: `${svc}: lets ECS shift ALB traffic between target groups during deployments`,
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(ecsInfrastructureTrustPolicy(a))),
    }, { parent });
    // AWS maintains this policy as the deployment feature grows; it is limited to ELB actions.
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-traffic-shift`, {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers`,
    }, { parent });
    return { role, attachment };
}

/**
 * Requests per running task over both target groups, as target-tracking metric math: ECS swaps the
 * live group at the end of each CANARY/LINEAR/BLUE_GREEN deployment, so `ALBRequestCountPerTarget`
 * of either group alone would watch an idle group every other release. A group without requests in
 * a minute publishes nothing, hence FILL(.., 0). RunningTaskCount comes from Container Insights
 * (enabled on the platform's cluster). Exactly one query returns data, as Application Auto Scaling requires.
 */
export function requestsPerTaskMetric(
    albArnSuffix: pulumi.Input<string>,
    targetGroupArnSuffixes: readonly [pulumi.Input<string>, pulumi.Input<string>],
    clusterName: pulumi.Input<string>,
    serviceName: pulumi.Input<string>,
): aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfigurationCustomizedMetricSpecification {
    const requests = (id: string, targetGroup: pulumi.Input<string>) => ({
        id,
        returnData: false,
        metricStat: {
            metric: {
                namespace: "AWS/ApplicationELB",
                metricName: "RequestCount",
                dimensions: [{ name: "LoadBalancer", value: albArnSuffix }, { name: "TargetGroup", value: targetGroup }],
            },
            stat: "Sum",
        },
    });
    return {
        metrics: [
            requests("primary", targetGroupArnSuffixes[0]),
            requests("alternate", targetGroupArnSuffixes[1]),
            {
                id: "tasks",
                returnData: false,
                metricStat: {
                    metric: {
                        namespace: "ECS/ContainerInsights",
                        metricName: "RunningTaskCount",
                        dimensions: [{ name: "ClusterName", value: clusterName }, { name: "ServiceName", value: serviceName }],
                    },
                    stat: "Average",
                },
            },
            { id: "perTask", expression: "(FILL(primary, 0) + FILL(alternate, 0)) / tasks", label: "ALB requests per running task (both target groups)", returnData: true },
        ],
    };
}

function createAutoscaling(name: string, parent: pulumi.Resource, args: MeshServiceArgs, scaling: MeshAutoscaling, service: aws.ecs.Service, targetGroup: aws.lb.TargetGroup, alternate: aws.lb.TargetGroup | undefined): void {
    const target = new aws.appautoscaling.Target(`${name}-scaling`, {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId: pulumi.all([args.clusterArn, service.name]).apply(([arn, svc]) => `service/${clusterNameOf(arn)}/${svc}`),
        minCapacity: scaling.min,
        maxCapacity: scaling.max,
    }, { parent });
    const requestsMetric = alternate
        ? { customizedMetricSpecification: requestsPerTaskMetric(args.albArnSuffix, [targetGroup.arnSuffix, alternate.arnSuffix], pulumi.output(args.clusterArn).apply(clusterNameOf), service.name) }
        : { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${args.albArnSuffix}/${targetGroup.arnSuffix}` } };
    const policies = [
        { key: "cpu", metric: { predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" } }, value: scaling.cpuTarget ?? 60 },
        { key: "requests", metric: requestsMetric, value: scaling.requestsPerTarget ?? 1000 },
    ];
    for (const policy of policies) {
        new aws.appautoscaling.Policy(`${name}-scale-${policy.key}`, {
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                targetValue: policy.value,
                ...policy.metric,
                // Out fast, in slowly: a flapping service costs more than a few idle minutes.
                scaleOutCooldown: 60,
                scaleInCooldown: 300,
            },
        }, { parent });
    }
}
