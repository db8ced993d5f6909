import { ConfigDeclaration } from "../config/files";

/**
 * The config every service project declares, in one place: each `apps/<service>/Pulumi.yaml` is
 * generated from it (`npm run generate`; a test checks the files are current), so that services
 * share their declarations instead of copying them. A declaration without a default is required:
 * the Pulumi CLI refuses to run without it, and the program names it when it is missing.
 */
export const SERVICE_CONFIG_SCHEMA = {
    platformOrganization: { type: "string", default: "organization", description: "Pulumi organisation of the platform stack referenced with StackReference (services never read each other's stacks); `organization` is what `pulumi login --local` uses." },
    platformProject: { type: "string", default: "platform", description: "Project name of the platform stack; the stack read is <platformOrganization>/<platformProject>/<this stack's name>." },
    owner: { type: "string", default: "platform-team", description: "Team that owns the service; the `owner` tag on every resource of the stack." },
    costCenter: { type: "string", default: "platform", description: "Cost centre billed for the service; the `cost-center` tag on every resource of the stack." },
    cpu: { type: "integer", default: 512, description: "Task CPU units (256, 512, 1024, 2048, 4096, 8192, 16384); with memory, a pair Fargate accepts." },
    memory: { type: "integer", default: 1024, description: "Task memory in MiB; must be valid with cpu on Fargate (e.g. 512 CPU takes 1024-4096)." },
    minTasks: { type: "integer", default: 2, description: "Fewest running tasks; at least 2 when the platform is production, so that losing an AZ leaves one serving." },
    maxTasks: { type: "integer", default: 10, description: "Most running tasks that autoscaling (CPU and ALB requests per target) may reach; at least minTasks." },
    fargateSpot: { type: "boolean", default: false, description: "Run tasks beyond the first on Fargate Spot (cheaper, interruptible); refused when the platform is production." },
    pathPatterns: { type: "array", items: { type: "string" }, description: "Required. ALB path patterns routed to this service (1 to 3), such as [\"/api/v1/orders*\"]; must not overlap another service's (the plan checks all services)." },
    listenerRulePriority: { type: "integer", description: "Required. Priority of this service's rule on the shared ALB listener, 1-50000, unique among services (the plan checks)." },
    calls: { type: "array", items: { type: "string" }, default: [], description: "Services this one calls through the mesh (each listed in platform:services); each gets an ingress rule on its platform security group and a <NAME>_URL variable here. No cycles." },
    image: { type: "string", default: "", description: "Pinned image URI (tag or digest); empty builds apps/<service> with its Dockerfile and pushes it to the service's ECR repository." },
    imageTag: { type: "string", default: "0.1.0", description: "Tag of the built image when image is empty; ECR tags are immutable, so CI sets a new one per build (the commit)." },
    deploymentStrategy: { type: "string", default: "CANARY", description: "ECS deployment strategy - CANARY, LINEAR, BLUE_GREEN or ROLLING (ROLLING refused in production); rolled back on the ALB alarms." },
    canaryPercent: { type: "integer", default: 10, description: "CANARY - percentage of traffic the new revision gets first (1-100)." },
    bakeTimeMinutes: { type: "integer", default: 10, description: "Minutes both revisions keep running after the traffic shift, for a quick rollback (0-1440)." },
    enableExecuteCommand: { type: "boolean", default: false, description: "ECS Exec (a shell in running tasks) for debugging; refused when the platform is production." },
    // No `type`: Pulumi's declared types are string, integer, boolean and array of those; a table is an object.
    tables: { default: [], description: "The service's DynamoDB tables, each {name, attributes: {attr: S|N|B|M|L|BOOL|SS|NS|BS}, partitionKey, sortKey?, globalSecondaryIndexes?: [{name, partitionKey, sortKey?, projection: {type: ALL|KEYS_ONLY|INCLUDE, include?}}], ttlAttribute?, stream?: KEYS_ONLY|NEW_IMAGE|OLD_IMAGE|NEW_AND_OLD_IMAGES|false, billingMode?, capacity?}; physical name <env>-<service>-<name>, PITR and the service's key; the task gets <NAME>_TABLE and item access to exactly these tables. Renaming a table replaces it." },
    cache: { type: "boolean", default: false, description: "Create the service's Valkey cache (TLS, AUTH token in Secrets Manager) in the isolated subnets." },
    postgres: { type: "boolean", default: false, description: "Create the service's PostgreSQL instance (RDS, TLS forced, managed master secret) in the isolated subnets." },
    postgresIamUser: { type: "string", default: "", description: "Database user the task role may connect as with IAM authentication; empty grants no rds-db:connect. Needs postgres." },
    postgresInstanceClass: { type: "string", default: "", description: "RDS instance class of the service's PostgreSQL; empty for the data tier's default (db.r7g.large in production, db.t4g.medium otherwise)." },
    cacheNodeType: { type: "string", default: "", description: "ElastiCache node type of the service's cache; empty for the data tier's default (cache.r7g.large in production, cache.t4g.small otherwise)." },
    rpsPerVcpu: { type: "integer", default: 500, description: "Requests a second one vCPU serves on the service's slowest common path, for the plan's capacity check (vCPUs x this per task). Measure it with npm run soak (docs/services.md) and set it in each Pulumi.<stack>.yaml with the date; 500 until measured." },
    alarmOverrides: { type: "array", items: { type: "string" }, default: [], description: "This service's alarm overrides, <kind>.<alarm>.<threshold|periods|period>=<number> each, applied over the environment's (platform:alarmOverrides) for this service only." },
} as const satisfies Record<string, ConfigDeclaration>;

export type ServiceConfigKey = keyof typeof SERVICE_CONFIG_SCHEMA;

/** Requests a second one vCPU serves for a service that has not measured its own (`rpsPerVcpu`). */
export const DEFAULT_RPS_PER_VCPU = SERVICE_CONFIG_SCHEMA.rpsPerVcpu.default;

/** Every key a service program reads, without namespace. */
export const SERVICE_CONFIG_KEYS = Object.keys(SERVICE_CONFIG_SCHEMA) as ServiceConfigKey[];

/** The Pulumi.yaml of a service project: its name and description, and the shared declarations. */
export function servicePulumiYaml(name: string, description: string): string {
    const lines = [
        "# Generated by `npm run generate` from stacks/service/schema.ts: edit the schema, not this file,",
        "# except for the description. Set values in Pulumi.<stack>.yaml.",
        `name: ${name}`,
        `description: ${JSON.stringify(description)}`,
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        "main: index.ts",
        "config:",
    ];
    for (const [key, decl] of Object.entries(SERVICE_CONFIG_SCHEMA) as [string, ConfigDeclaration][]) {
        lines.push(`  ${key}:`);
        if (decl.type !== undefined) {
            lines.push(`    type: ${decl.type}`);
        }
        if (decl.items !== undefined) {
            lines.push("    items:", `      type: ${decl.items.type}`);
        }
        if (decl.default !== undefined) {
            lines.push(`    default: ${JSON.stringify(decl.default)}`);
        }
        lines.push(`    description: ${JSON.stringify(decl.description)}`);
    }
    return lines.join("\n") + "\n";
}
