import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { CACHE_PORT, POSTGRES_PORT } from "../../components/data/defaults";
import { replicationGroupId } from "../../components/data/cache";
import { DataTier } from "../../components/data/data-tier";
import { dbIdentifier } from "../../components/data/postgres";
import { tableSlugOf, tableVariableOf } from "../../components/data/table-spec";
import { albTargetPort, DEFAULT_MESH_INGRESS_PORT, MeshService, serviceConnectUrl } from "../../components/mesh/mesh-service";
import { AlarmOverride, alarmSpecs, WatchTarget } from "../../components/observability/alarm-catalogue";
import { layerAlarmOverrides } from "../../components/observability/alarm-overrides";
import { ServiceObservability } from "../../components/observability/service-observability";
import { SloOverride, SloTarget } from "../../components/observability/slo-catalogue";
import { ConfigError, isStringList, platformStackChoice, pulumiRawConfig, RawConfig, stackOutputReader, StackChoice } from "../config/reader";
import { productionProblems, readServiceConfig, urlVariableOf } from "./config";

export { urlVariableOf } from "./config";

/** The repository root: the apps' images build from it, so that the build sees the root lock file and apps/shared. */
const REPO_ROOT = path.resolve(__dirname, "../..");

/** How a service's image is built when no image URI is configured: `apps/<service>/Dockerfile`, from the repository root. */
export function imageBuildOf(service: string, tag: string): { buildContext: string; dockerfile: string; tag: string } {
    return { buildContext: REPO_ROOT, dockerfile: path.join(REPO_ROOT, "apps", service, "Dockerfile"), tag };
}


/** `arn:aws:elasticloadbalancing:<r>:<a>:targetgroup/<name>/<id>` -> `targetgroup/<name>/<id>` (the CloudWatch dimension). */
export function targetGroupArnSuffix(arn: string): string {
    return arn.slice(arn.indexOf(":targetgroup/") + 1);
}

/** Members of a replication group are `<group>-001`, `<group>-002`, ...: CloudWatch publishes cache metrics per member. */
export function cacheMemberIds(groupId: string, nodes: number): string[] {
    return Array.from({ length: nodes }, (_, i) => `${groupId}-${String(i + 1).padStart(3, "0")}`);
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
    return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Platform outputs that the program branches on or that components take as plain values (arrays
 * whose length is validated, numbers, flags). A StackReference's values are known at preview, so
 * reading them promptly costs nothing; ids and ARNs stay outputs (`requireOutput`).
 */
interface PlatformValues {
    readonly production: boolean;
    readonly region: string;
    readonly privateCaArn: string;
    /** The shared ALB's listener protocol: HTTPS makes the target groups HTTPS on the app's TLS port. */
    readonly albListenerProtocol: "HTTP" | "HTTPS";
    readonly logRetentionDays: number;
    readonly isolatedSubnetIds: string[];
    readonly alarmOverrides: AlarmOverride[];
    readonly sloOverrides: SloOverride[];
    /** Service name -> its tasks' security group, created by the platform (`platform:services`). */
    readonly serviceSecurityGroupIds: Record<string, string>;
}

async function readPlatformValues(ref: pulumi.StackReference, name: string, choice: StackChoice): Promise<PlatformValues> {
    const get = stackOutputReader(ref, name, choice);
    return {
        production: await get<boolean>("production", (v) => typeof v === "boolean", "true or false"),
        region: await get<string>("region", (v) => typeof v === "string" && v !== "", "an AWS region code"),
        privateCaArn: await get<string>("privateCaArn", (v) => typeof v === "string", "a private CA ARN, or \"\" when mesh TLS is off"),
        albListenerProtocol: await get<"HTTP" | "HTTPS">("albListenerProtocol", (v) => v === "HTTP" || v === "HTTPS", "HTTP or HTTPS"),
        logRetentionDays: await get<number>("logRetentionDays", (v) => typeof v === "number", "a number of days"),
        isolatedSubnetIds: await get<string[]>("isolatedSubnetIds", isStringList, "a list of subnet ids"),
        alarmOverrides: await get<AlarmOverride[]>("alarmOverrides", Array.isArray, "a list of alarm overrides"),
        sloOverrides: await get<SloOverride[]>("sloOverrides", Array.isArray, "a list of SLO overrides"),
        serviceSecurityGroupIds: await get<Record<string, string>>("serviceSecurityGroupIds",
            (v) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string"), "a map of service name to security group id"),
    };
}

/**
 * One service of an environment (`apps/<service>/`): it reads the platform stack of the same
 * environment only (its own and its callees' security groups are the platform's, their mesh URLs
 * follow from their names), then builds its data tier, its mesh service and its alarms. Config is validated first; production rules come from the platform's own
 * `production` output, so a service is never less protected than its environment. The returned
 * object is the stack's outputs (docs/design.md, "Service stacks").
 */
export async function serviceProgram(raw: RawConfig = pulumiRawConfig(path.join(REPO_ROOT, "apps", pulumi.getProject()))) {
    const { config, validator } = readServiceConfig(raw, pulumi.getProject(), pulumi.getStack());
    const svc = config.service;
    const env = config.environment;
    const base = `${env}-${svc}`;

    // The platform is read even when some keys are bad (unless they are the ones naming it), so
    // that the production rules join the other problems in one report.
    const choice = platformStackChoice(raw, svc, config.platformStack);
    if (choice.keys.some((k) => validator.hasProblem(k))) {
        validator.finish();
    }
    const platform = new pulumi.StackReference(config.platformStack);
    const values = await readPlatformValues(platform, `${svc}/${env}`, choice);
    for (const p of productionProblems(config, values).filter((p) => !validator.hasProblem(p.key))) {
        validator.fail(p.key, p.value, p.accepted);
    }
    validator.finish();
    // The service's own overrides win over the environment's, for this service's alarms only.
    const alarmOverrides = layerAlarmOverrides(values.alarmOverrides, config.alarmOverrides);
    const out = (key: string) => platform.requireOutput(key) as pulumi.Output<string>;
    const production = values.production;
    const unknown = [svc, ...config.calls].filter((name) => values.serviceSecurityGroupIds[name] === undefined);
    if (unknown.length > 0) {
        throw new ConfigError(`${svc}/${env}`, [{ key: `${config.platformStack} serviceSecurityGroupIds`, value: unknown.join(", "),
            accepted: `a security group for this service and each callee: add ${unknown.join(", ")} to the platform's platform:services` }]);
    }
    const ownGroup = values.serviceSecurityGroupIds[svc];
    // Every service keeps MeshService's default ports, so a callee's port and URL follow from its name.
    const callees = config.calls.map((name) => ({ name, securityGroupId: values.serviceSecurityGroupIds[name], port: DEFAULT_MESH_INGRESS_PORT, meshUrl: serviceConnectUrl(name) }));

    const tags = { environment: env, service: svc, project: svc, owner: config.owner, "cost-center": config.costCenter, "managed-by": "pulumi" };
    const provider = new aws.Provider(`${base}-aws`, { region: values.region as aws.Region, defaultTags: { tags } });
    const opts = { providers: [provider] };

    // The tasks' side of the data path. Created before both components: the DataTier admits it as
    // its only client, and the MeshService adds it to the tasks, so neither waits on the other.
    const needsNetworkData = config.postgres || config.cache;
    const dataClient = needsNetworkData
        ? new aws.ec2.SecurityGroup(`${base}-data-client`, {
            vpcId: out("vpcId"),
            description: `${svc} tasks: client of its own database and cache, no ingress`,
            revokeRulesOnDelete: true,
            tags: { Name: `${base}-data-client` },
        }, { provider })
        : undefined;
    const hasData = needsNetworkData || config.tables.length > 0;
    const cacheNodes = production ? 2 : 1;
    const data = hasData
        ? new DataTier(base, {
            vpcId: out("vpcId"),
            isolatedSubnetIds: values.isolatedSubnetIds,
            clientSecurityGroupIds: dataClient ? [dataClient.id] : [],
            protect: production,
            logRetentionDays: values.logRetentionDays,
            tables: config.tables,
            postgres: config.postgres
                ? { iamDatabaseUser: config.postgresIamUser === "" ? undefined : config.postgresIamUser, ...(config.postgresInstanceClass !== "" ? { instanceClass: config.postgresInstanceClass } : {}) }
                : undefined,
            cache: config.cache ? { numCacheClusters: cacheNodes, ...(config.cacheNodeType !== "" ? { nodeType: config.cacheNodeType } : {}) } : undefined,
        }, opts)
        : undefined;
    // The data client's egress: exactly the stores' ports, to exactly the stores' groups.
    const stores: [string, pulumi.Output<string> | undefined, number][] = [["postgres", data?.dbSecurityGroupId, POSTGRES_PORT], ["cache", data?.cacheSecurityGroupId, CACHE_PORT]];
    for (const [role, storeGroup, port] of stores) {
        if (dataClient && storeGroup) {
            new aws.vpc.SecurityGroupEgressRule(`${base}-to-${role}`, {
                securityGroupId: dataClient.id,
                referencedSecurityGroupId: storeGroup,
                ipProtocol: "tcp",
                fromPort: port,
                toPort: port,
                description: `${svc} to its ${role}`,
            }, { provider });
        }
    }

    const environment: Record<string, pulumi.Input<string>> = { SERVICE_NAME: svc, ENVIRONMENT: env };
    const secrets: Record<string, pulumi.Input<string>> = {};
    for (const table of config.tables) {
        environment[tableVariableOf(table.name)] = data!.tableNames[table.name];
    }
    if (data?.dbAddress && data.dbSecretArn) {
        environment.DB_HOST = data.dbAddress;
        environment.DB_PORT = String(POSTGRES_PORT);
        environment.DB_NAME = "app";
        // The master user name never changes: injected at start. The password rotates (RDS-managed,
        // every 7 days): the app reads it by ARN with the task role and re-reads it every 5 minutes.
        secrets.DB_USERNAME = pulumi.interpolate`${data.dbSecretArn}:username::`;
        environment.DB_PASSWORD_SECRET_ARN = data.dbSecretArn;
        environment.DB_PASSWORD_SECRET_KEY = "password";
    }
    if (data?.cacheAddress && data.cacheUser && data.cacheReplicationGroupId) {
        environment.CACHE_HOST = data.cacheAddress;
        environment.CACHE_PORT = String(CACHE_PORT);
        // No password: the app signs a 15-minute IAM token for this user with its task role (apps/shared/elasticache-iam.ts).
        environment.CACHE_IAM_USER = data.cacheUser;
        environment.CACHE_REPLICATION_GROUP_ID = data.cacheReplicationGroupId;
        environment.CACHE_REGION = values.region;
    }
    for (const callee of callees) {
        environment[urlVariableOf(callee.name)] = callee.meshUrl;
    }

    // Alarm names are plain strings computed from the catalogue, so the service can name its
    // rollback alarms before the alarms exist, without a cycle between the two components.
    const alarmPrefix = `${env}-${svc}`;
    const albTarget = (targetGroupArnSuffix: pulumi.Input<string>, alternateTargetGroupArnSuffix?: pulumi.Input<string>): WatchTarget<pulumi.Input<string>> =>
        ({ kind: "albTargetGroup", name: "alb", loadBalancerArnSuffix: out("albArnSuffix"), targetGroupArnSuffix, ...(alternateTargetGroupArnSuffix !== undefined ? { alternateTargetGroupArnSuffix } : {}) });
    const rollbackAlarmNames = alarmSpecs(albTarget(""), alarmOverrides).map((s) => `${alarmPrefix}-${s.key}`);

    const mesh = new MeshService(base, {
        serviceName: svc,
        clusterArn: out("clusterArn"),
        namespaceArn: out("serviceConnectNamespaceArn"),
        vpcId: out("vpcId"),
        subnetIds: platform.requireOutput("privateSubnetIds") as pulumi.Output<string[]>,
        albListenerArn: out("albListenerArn"),
        albArnSuffix: out("albArnSuffix"),
        albSecurityGroupId: out("albSecurityGroupId"),
        securityGroupId: ownGroup,
        // The network's app tier carries the tasks' egress to the AWS endpoints.
        additionalSecurityGroupIds: [platform.requireOutput("securityGroupIds").apply((g: Record<string, string>) => g.app), ...(dataClient ? [dataClient.id] : [])],
        pathPatterns: config.pathPatterns,
        listenerRulePriority: config.listenerRulePriority,
        // Behind an HTTPS listener the ALB reaches the tasks over TLS too, on the port the platform's app tier admits.
        ...(values.albListenerProtocol === "HTTPS" ? { targetTlsPort: albTargetPort("HTTPS") } : {}),
        cpu: config.cpu,
        memory: config.memory,
        image: config.image !== undefined ? { uri: config.image } : imageBuildOf(svc, config.imageTag),
        environment,
        secrets,
        secretKmsKeyArns: data && Object.keys(secrets).length > 0 ? [data.keyArn] : [],
        // The ADOT sidecar from the platform's private mirror: prod's subnets cannot reach ECR Public.
        adotImage: out("adotImageUri"),
        sidecarRepositoryArns: [out("adotRepositoryArn")],
        taskRoleStatements: data?.taskRoleStatements,
        calls: config.calls,
        callees: Object.fromEntries(callees.map((c) => [c.name, { securityGroupId: c.securityGroupId, port: c.port }])),
        tls: values.privateCaArn !== "" ? { awsPcaAuthorityArn: values.privateCaArn, roleArn: out("serviceConnectTlsRoleArn") } : undefined,
        deployment: { strategy: config.deployment.strategy, canaryPercent: config.deployment.canaryPercent, bakeTimeMinutes: config.deployment.bakeTimeMinutes },
        autoscaling: { min: config.minTasks, max: config.maxTasks },
        enableExecuteCommand: config.enableExecuteCommand,
        fargateSpot: config.fargateSpot,
        logRetentionDays: values.logRetentionDays,
        logKmsKeyArn: out("observabilityKeyArn"),
        // Environments may share an account: the environment is part of the name.
        logGroupName: `/ecs/${env}/${svc}`,
        alarmNames: rollbackAlarmNames,
        protect: production,
    }, opts);

    // The callee's side of each call: its group admits this service's tasks on its mesh port only.
    for (const callee of callees) {
        new aws.vpc.SecurityGroupIngressRule(`${base}-into-${callee.name}`, {
            securityGroupId: callee.securityGroupId,
            referencedSecurityGroupId: ownGroup,
            ipProtocol: "tcp",
            fromPort: callee.port,
            toPort: callee.port,
            description: `Service Connect from ${svc}`,
        }, { provider });
    }

    const watch: WatchTarget<pulumi.Input<string>>[] = [
        { kind: "ecsService", name: "service", clusterName: out("clusterName"), serviceName: mesh.serviceName },
        // CANARY/LINEAR/BLUE_GREEN: ECS swaps the live group at each deployment, so the ALB (and
        // rollback) alarms combine both groups; names do not change, so rollbackAlarmNames hold.
        albTarget(mesh.targetGroupArn.apply(targetGroupArnSuffix), mesh.alternateTargetGroupArn?.apply(targetGroupArnSuffix)),
        ...config.tables.map((t) => ({ kind: "dynamodbTable" as const, name: `${tableSlugOf(t.name)}-table`, tableName: data!.tableNames[t.name] })),
        ...(config.postgres ? [{ kind: "rdsInstance" as const, name: "db", instanceId: dbIdentifier(base) }] : []),
        ...(config.cache ? cacheMemberIds(replicationGroupId(base), cacheNodes).map((id, i) => ({ kind: "cache" as const, name: `cache-${i + 1}`, cacheClusterId: id })) : []),
    ];
    // One SLO set per tier the service has (docs/slo.md): its ALB target groups, each table, its cache.
    const targetGroups = [mesh.targetGroupArn.apply(targetGroupArnSuffix), ...(mesh.alternateTargetGroupArn ? [mesh.alternateTargetGroupArn.apply(targetGroupArnSuffix)] : [])];
    const slos: SloTarget<pulumi.Input<string>>[] = [
        { tier: "service", name: "alb", loadBalancerArnSuffix: out("albArnSuffix"), targetGroupArnSuffixes: targetGroups },
        ...config.tables.map((t) => ({ tier: "dynamodb" as const, name: `${tableSlugOf(t.name)}-table`, tableName: data!.tableNames[t.name] })),
        ...(config.cache ? [{ tier: "cache" as const, name: "cache", cacheClusterIds: cacheMemberIds(replicationGroupId(base), cacheNodes) }] : []),
    ];
    const observability = new ServiceObservability(base, {
        environment: env,
        service: svc,
        region: values.region,
        alertTopicArn: out("alertTopicArn"),
        ticketTopicArn: out("ticketTopicArn"),
        kmsKeyArn: out("observabilityKeyArn"),
        logRetentionDays: values.logRetentionDays,
        watch,
        alarmOverrides,
        slos,
        sloOverrides: values.sloOverrides,
        protect: production,
    // After the data tier: a cache that does not exist yet reports nothing, which its availability SLO counts as down.
    }, { ...opts, dependsOn: data ? [data] : [] });

    return {
        serviceName: mesh.serviceName,
        environment: env,
        serviceUrlPaths: config.pathPatterns,
        discoveryName: mesh.discoveryName,
        meshUrl: mesh.serviceConnectEndpoint,
        meshIngressPort: mesh.meshIngressPort,
        meshTls: values.privateCaArn !== "",
        calls: config.calls,
        repositoryUrl: mesh.repositoryUrl,
        taskRoleArn: mesh.taskRoleArn,
        securityGroupId: mesh.securityGroupId,
        logGroupName: mesh.logGroupName,
        dashboardName: observability.dashboardName,
        alarmNames: Object.keys(observability.alarmArns).map((k) => `${alarmPrefix}-${k}`),
        rollbackAlarmNames,
        // The SLOs with their burn-rate alarms (the composites notify; docs/slo.md).
        slos: observability.slos,
        sloAlarmNames: Object.keys(observability.sloAlarmArns),
        tableNames: data?.tableNames ?? {},
        tableArns: data?.tableArns ?? {},
        streamArns: data?.tableStreamArns ?? {},
        // Only the stores the service has: an absent store is an absent output, not an empty one.
        ...definedOnly({
            dataKeyArn: data?.keyArn,
            dbAddress: data?.dbAddress,
            dbPort: data?.dbPort,
            dbSecretArn: data?.dbSecretArn,
            cacheAddress: data?.cacheAddress,
            cachePort: data?.cachePort,
            cacheUser: data?.cacheUser,
        }),
    };
}
