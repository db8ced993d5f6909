import { DEPLOYMENT_STRATEGIES, DeploymentStrategy } from "../../components/mesh/mesh-service";
import { fargateSizeProblem, FARGATE_CPU_VALUES } from "../../components/mesh/fargate-sizes";
import { MAX_RULE_PRIORITY, MIN_RULE_PRIORITY, pathRouteProblems } from "../../components/mesh/path-rules";
import { TableSpec, tableListProblems } from "../../components/data/table-spec";
import { AlarmOverride } from "../../components/observability/alarm-catalogue";
import { OVERRIDE_FORMAT, parseAlarmOverrides } from "../../components/observability/alarm-overrides";
import { closestKey, ConfigProblem, ConfigValidator, duplicatesOf, RawConfig, tagValueProblem } from "../config/reader";
import { SERVICE_CONFIG_KEYS, ServiceConfigKey } from "./schema";

import { DEFAULT_RPS_PER_VCPU } from "./schema";
export { DEFAULT_RPS_PER_VCPU, SERVICE_CONFIG_KEYS, ServiceConfigKey } from "./schema";

/**
 * Config of a service project (`apps/<service>/`). The namespace is the project name, which is
 * also the service name (ECS service, Service Connect discovery name, DNS alias): `entities:cpu`.
 */

/** A service name: what ECS, Service Connect and DNS all accept. */
export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
/** Pulumi organisation and project names. */
export const PULUMI_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A pinned image: `<registry>/<repository>` with a tag or a digest. */
const IMAGE_URI = /^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$/;
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A PostgreSQL role name (unquoted identifier). */
const PG_USER = /^[a-z_][a-z0-9_]{0,62}$/;

export interface ServiceConfig {
    /** Project name = service name. */
    readonly service: string;
    /** Stack name = environment name. */
    readonly environment: string;
    /** Fully qualified name of the platform stack of the same environment. */
    readonly platformStack: string;
    /** Organisation of the platform stack this one references. */
    readonly organization: string;
    readonly owner: string;
    readonly costCenter: string;
    readonly cpu: number;
    readonly memory: number;
    readonly minTasks: number;
    readonly maxTasks: number;
    readonly fargateSpot: boolean;
    readonly pathPatterns: string[];
    readonly listenerRulePriority: number;
    readonly calls: string[];
    /** A pinned URI, or undefined to build `apps/<service>` and push it with `imageTag`. */
    readonly image?: string;
    readonly imageTag: string;
    readonly deployment: { readonly strategy: DeploymentStrategy; readonly canaryPercent: number; readonly bakeTimeMinutes: number };
    readonly enableExecuteCommand: boolean;
    /** The service's DynamoDB tables (`<service>:tables`). */
    readonly tables: TableSpec[];
    /** The service's own alarm overrides, applied over the environment's. */
    readonly alarmOverrides: AlarmOverride[];
    readonly cache: boolean;
    readonly postgres: boolean;
    /** "" for none: no `rds-db:connect` grant. */
    readonly postgresIamUser: string;
    /** RDS instance class; "" for the data tier's default (production or not). */
    readonly postgresInstanceClass: string;
    /** ElastiCache node type; "" for the data tier's default (production or not). */
    readonly cacheNodeType: string;
    /**
     * Requests a second one vCPU of the service serves on its slowest common path, as `npm run soak`
     * measures it; the plan's capacity check counts vCPUs x this per task.
     */
    readonly rpsPerVcpu: number;
}

/** The environment variable that carries a callee's in-mesh URL: `book-reviews` -> `BOOK_REVIEWS_URL`. */
export function urlVariableOf(callee: string): string {
    return `${callee.toUpperCase().replace(/-/g, "_")}_URL`;
}

/** The stack name of a referenced stack: `<organization>/<project>/<stack>`. */
export function stackName(organization: string, project: string, stack: string): string {
    return `${organization}/${project}/${stack}`;
}

function callsProblem(service: string, calls: string[]): string | undefined {
    const bad = calls.filter((c) => !SERVICE_NAME.test(c));
    if (bad.length > 0) {
        return `${bad.join(", ")} not a service name (lower-case letters, digits, dashes)`;
    }
    if (calls.includes(service)) {
        return `${service} calls itself; a service reaches its own code in-process, not through the mesh`;
    }
    const repeated = duplicatesOf(calls);
    return repeated.length > 0 ? `${repeated.join(", ")} repeated` : undefined;
}

/**
 * Reads and validates a service's config; throws one ConfigError naming every bad key, its value
 * and what is accepted, before any resource (the StackReference included) is registered.
 */
export function loadServiceConfig(raw: RawConfig, project: string, stack: string): ServiceConfig {
    const { config, validator } = readServiceConfig(raw, project, stack);
    validator.finish();
    return config;
}

/**
 * Reads a service's config and records its problems without throwing, so that the program can add
 * the production rules (known once the platform is read) and report every problem in one run.
 */
export function readServiceConfig(raw: RawConfig, project: string, stack: string): { config: ServiceConfig; validator: ConfigValidator } {
    const v = new ConfigValidator(raw, `${project}/${stack}`);
    const key = (k: ServiceConfigKey) => `${project}:${k}`;
    v.rejectUnknownKeys(project, SERVICE_CONFIG_KEYS);
    if (!SERVICE_NAME.test(project)) {
        v.fail("project name", project, "a service name: 2 to 32 lower-case letters, digits and dashes, starting with a letter");
    }
    const nameCheck = (s: string) => (PULUMI_NAME.test(s) ? undefined : "letters, digits, . _ -");
    const organization = v.string(key("platformOrganization"), "the Pulumi organisation of the stacks (\"organization\" with pulumi login --local)", "organization", nameCheck);
    const platformProject = v.string(key("platformProject"), "the platform's project name", "platform", nameCheck);
    const owner = v.string(key("owner"), "the owning team, as a tag value", "unknown", tagValueProblem);
    const costCenter = v.string(key("costCenter"), "the cost centre, as a tag value", "unknown", tagValueProblem);
    const cpu = v.integer(key("cpu"), `Fargate CPU units: ${FARGATE_CPU_VALUES.join(", ")}`, 512);
    const memory = v.integer(key("memory"), "MiB of memory that Fargate accepts with cpu", 1024);
    const sizeProblem = fargateSizeProblem(cpu, memory);
    if (sizeProblem !== undefined && !v.hasProblem(key("cpu")) && !v.hasProblem(key("memory"))) {
        const [badKey, badValue] = FARGATE_CPU_VALUES.includes(cpu) ? [key("memory"), memory] : [key("cpu"), cpu];
        v.fail(badKey, String(badValue), `a Fargate CPU/memory pair (${key("cpu")} = ${cpu}, ${key("memory")} = ${memory}): ${sizeProblem}`);
    }
    const minTasks = v.integer(key("minTasks"), "the fewest tasks, at least 1", 2, (n) => (n >= 1 ? undefined : "below 1"));
    const maxTasks = v.integer(key("maxTasks"), "the most tasks, at least minTasks", 10, (n) => (n >= minTasks ? undefined : `below minTasks ${minTasks}`));
    const fargateSpot = v.boolean(key("fargateSpot"), false);
    const listenerRulePriority = v.integer(key("listenerRulePriority"), `a listener rule priority from ${MIN_RULE_PRIORITY} to ${MAX_RULE_PRIORITY}, unique on the platform's listener`, MIN_RULE_PRIORITY,
        (n) => (n >= MIN_RULE_PRIORITY && n <= MAX_RULE_PRIORITY ? undefined : "out of range"));
    const pathPatterns = v.stringList(key("pathPatterns"), "1 to 3 ALB path patterns such as [\"/api/v1/orders*\"]", [], (patterns) => {
        const problems = pathRouteProblems({ service: project, pathPatterns: patterns, priority: listenerRulePriority });
        const own = problems.filter((p) => !p.includes("listener rule priority"));
        return own.length > 0 ? own.join("; ") : undefined;
    });
    const calls = v.stringList(key("calls"), "names of the services this one calls through the mesh, such as [\"entities\"]", [], (c) => callsProblem(project, c));
    const imageRaw = raw(key("image")) ?? "";
    if (imageRaw !== "" && !IMAGE_URI.test(imageRaw)) {
        v.fail(key("image"), imageRaw, "\"\" (build apps/<service>) or a pinned image URI with a tag or digest, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.4.2");
    }
    const imageTag = v.string(key("imageTag"), "a Docker tag for the built image (tags are immutable: a new one per build, such as the commit)", "0.1.0", (t) => (DOCKER_TAG.test(t) ? undefined : "not a Docker tag"));
    const strategy = v.oneOf(key("deploymentStrategy"), DEPLOYMENT_STRATEGIES, "CANARY");
    const canaryPercent = v.integer(key("canaryPercent"), "the percentage of traffic the new revision gets first, 1 to 100", 10, (n) => (n >= 1 && n <= 100 ? undefined : "out of range"));
    const bakeTimeMinutes = v.integer(key("bakeTimeMinutes"), "minutes both revisions keep running after the shift, 0 to 1440", 10, (n) => (n >= 0 && n <= 1440 ? undefined : "out of range"));
    const enableExecuteCommand = v.boolean(key("enableExecuteCommand"), false);
    const tables = v.json<TableSpec[]>(key("tables"), "a list of DynamoDB tables such as [{name: Orders, attributes: {pk: S}, partitionKey: pk}]", [], (t) => tableListProblems(t, closestKey));
    const overrideEntries = v.stringList(key("alarmOverrides"), `a list of ${OVERRIDE_FORMAT}`, [], (entries) => {
        const { problems } = parseAlarmOverrides(entries);
        return problems.length > 0 ? problems.join("; ") : undefined;
    });
    const cache = v.boolean(key("cache"), false);
    const postgres = v.boolean(key("postgres"), false);
    const postgresIamUser = raw(key("postgresIamUser")) ?? "";
    // Sizes: "" keeps the data tier's default; a value is checked for its shape here and for the rest by the DataTier.
    const postgresInstanceClass = raw(key("postgresInstanceClass")) ?? "";
    if (postgresInstanceClass !== "" && !/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(postgresInstanceClass)) {
        v.fail(key("postgresInstanceClass"), postgresInstanceClass, "\"\" (the default) or an RDS instance class such as db.t4g.micro");
    }
    const cacheNodeType = raw(key("cacheNodeType")) ?? "";
    if (cacheNodeType !== "" && !/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(cacheNodeType)) {
        v.fail(key("cacheNodeType"), cacheNodeType, "\"\" (the default) or an ElastiCache node type such as cache.t4g.micro");
    }
    const rpsPerVcpu = v.integer(key("rpsPerVcpu"), "requests a second per vCPU on the slowest common path (npm run soak measures it), at least 1", DEFAULT_RPS_PER_VCPU, (n) => (n >= 1 ? undefined : "below 1"));
    if (postgresIamUser !== "" && (!PG_USER.test(postgresIamUser) || !postgres)) {
        v.fail(key("postgresIamUser"), postgresIamUser, postgres ? "\"\" or a PostgreSQL user name (lower-case letters, digits, _)" : "\"\" since postgres is false (there is no database to connect to)");
    }
    const config: ServiceConfig = {
        service: project,
        environment: stack,
        platformStack: stackName(organization, platformProject, stack),
        organization,
        owner,
        costCenter,
        cpu,
        memory,
        minTasks,
        maxTasks,
        fargateSpot,
        pathPatterns,
        listenerRulePriority,
        calls,
        image: imageRaw === "" ? undefined : imageRaw,
        imageTag,
        deployment: { strategy, canaryPercent, bakeTimeMinutes },
        enableExecuteCommand,
        tables,
        alarmOverrides: parseAlarmOverrides(overrideEntries).overrides,
        cache,
        postgres,
        postgresIamUser,
        postgresInstanceClass,
        cacheNodeType,
        rpsPerVcpu,
    };
    return { config, validator: v };
}

/**
 * What a production platform demands of its services, checked once the platform's `production`
 * output is read: a service can never be less protected than its environment.
 */
export function productionProblems(config: ServiceConfig, platform: { production: boolean; privateCaArn: string }): ConfigProblem[] {
    if (!platform.production) {
        return [];
    }
    const k = (key: ServiceConfigKey) => `${config.service}:${key}`;
    const problems: ConfigProblem[] = [];
    if (config.minTasks < 2) {
        problems.push({ key: k("minTasks"), value: String(config.minTasks), accepted: "at least 2 in production, so that losing one AZ leaves a task serving" });
    }
    if (config.enableExecuteCommand) {
        problems.push({ key: k("enableExecuteCommand"), value: "true", accepted: "false in production (a shell in tasks bypasses the image as the audit trail)" });
    }
    if (config.deployment.strategy === "ROLLING") {
        problems.push({ key: k("deploymentStrategy"), value: "ROLLING", accepted: "CANARY, LINEAR or BLUE_GREEN in production (alarm-watched traffic shifting)" });
    }
    if (config.fargateSpot) {
        problems.push({ key: k("fargateSpot"), value: "true", accepted: "false in production (Spot tasks can be reclaimed at two minutes' notice)" });
    }
    if (platform.privateCaArn === "") {
        problems.push({ key: `${config.platformStack} privateCaArn`, value: "", accepted: "a private CA ARN: a production platform must have serviceTls on, every production service joins the mesh with TLS" });
    }
    return problems;
}
