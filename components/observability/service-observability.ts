import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmOverride, alarmSpecs, AlarmSpec, overrideProblem, specProblem, WatchTarget } from "./alarm-catalogue";
import { metricAlarmArgs } from "./alarms";
import { dashboardBody, graphOfAlarm } from "./dashboard";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "./log-retention";

export interface ServiceLogGroup {
    /** Short, stable label used in the resource name (`app`, `envoy`). */
    readonly key: string;
    /** The log group's name, e.g. `/ecs/orders`. */
    readonly name: string;
}

export interface ServiceObservabilityArgs {
    /** Environment name (`dev`, `prod`); alarm and dashboard names are `<environment>-<service>-...`, unique in a shared account. */
    readonly environment: string;
    /** Service name. */
    readonly service: string;
    /** Region of the stack, for the dashboard's widgets. */
    readonly region: string;
    /** The environment's alert topic (platform output `alertTopicArn`); every alarm's alarm and OK action. */
    readonly alertTopicArn: pulumi.Input<string>;
    /** The environment's observability key (platform output `observabilityKeyArn`); encrypts the log groups. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Retention of the log groups in days (platform output `logRetentionDays`); a value CloudWatch Logs accepts. */
    readonly logRetentionDays: number;
    /**
     * Log groups to create, each with the retention and the key (O1).
     * @default []
     */
    readonly logGroups?: readonly ServiceLogGroup[];
    /**
     * What to alarm on; each target gets its kind's alarms from the catalogue (`alarm-catalogue.ts`).
     * A replication group of a cache is watched as one `cache` target per member cluster.
     * @default []
     */
    readonly watch?: readonly WatchTarget<pulumi.Input<string>>[];
    /**
     * Per-environment changes to the catalogue (platform output `alarmOverrides`).
     * @default []
     */
    readonly alarmOverrides?: readonly AlarmOverride[];
    /**
     * Create the service dashboard of the watched metrics (O3).
     * @default true
     */
    readonly dashboard?: boolean;
    /**
     * Protect the log groups against deletion, and turn on their own deletion protection.
     * @default true
     */
    readonly protect?: boolean;
}

const LABEL = /^[a-z][a-z0-9-]{0,39}$/;

/** Throws, naming the arg, the value and what is accepted, before any resource is registered. */
export function validateServiceObservabilityArgs(name: string, args: ServiceObservabilityArgs, parent?: pulumi.Resource): AlarmSpec<pulumi.Input<string>>[] {
    const problems: string[] = [];
    if (!LABEL.test(args.environment)) {
        problems.push(`environment = "${args.environment}": expected lower-case letters, digits and dashes, starting with a letter`);
    }
    if (!LABEL.test(args.service)) {
        problems.push(`service = "${args.service}": expected 1 to 40 lower-case letters, digits and dashes, starting with a letter`);
    }
    if (!isValidLogRetention(args.logRetentionDays)) {
        problems.push(`logRetentionDays = ${args.logRetentionDays}: expected one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    for (const group of args.logGroups ?? []) {
        if (!LABEL.test(group.key)) {
            problems.push(`logGroups key "${group.key}": expected lower-case letters, digits and dashes`);
        }
    }
    const keys = (args.logGroups ?? []).map((g) => g.key);
    if (new Set(keys).size !== keys.length) {
        problems.push(`logGroups = ${JSON.stringify(keys)}: each key once`);
    }
    (args.alarmOverrides ?? []).forEach((o, i) => {
        const problem = overrideProblem(o);
        if (problem !== undefined) {
            problems.push(`alarmOverrides[${i}] = ${JSON.stringify(o)}: ${problem}`);
        }
    });
    const targets = args.watch ?? [];
    for (const t of targets) {
        if (!LABEL.test(t.name)) {
            problems.push(`watch name "${t.name}" (${t.kind}): expected lower-case letters, digits and dashes`);
        }
    }
    const names = targets.map((t) => t.name);
    if (new Set(names).size !== names.length) {
        problems.push(`watch = ${JSON.stringify(names)}: each target name once (alarm names are built from it)`);
    }
    const specs = problems.length > 0 ? [] : targets.flatMap((t) => alarmSpecs(t, args.alarmOverrides ?? []));
    for (const spec of specs) {
        const problem = specProblem(spec);
        if (problem !== undefined) {
            problems.push(`alarm ${spec.key}: ${problem}`);
        }
    }
    if (problems.length > 0) {
        const message = `ServiceObservability "${name}": invalid arguments:\n  - ${problems.join("\n  - ")}`;
        throw parent ? new pulumi.ResourceError(message, parent) : new Error(message);
    }
    return specs;
}

/**
 * The observability of one service (O1-O3 at service level): its log groups with the environment's
 * retention and key, the catalogue's alarms for every resource it is handed, each notifying the
 * environment's alert topic on alarm and on recovery, and a dashboard of the same metrics.
 */
export class ServiceObservability extends pulumi.ComponentResource {
    /** Log group names by key. */
    public readonly logGroupNames: Record<string, pulumi.Output<string>>;
    /** Alarm ARNs by spec key (`<target>-<metric>`), e.g. for ECS alarm-based rollback. */
    public readonly alarmArns: Record<string, pulumi.Output<string>>;
    public readonly dashboardName: pulumi.Output<string> | undefined;

    constructor(name: string, args: ServiceObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:observability:ServiceObservability", name, {}, opts);
        const specs = validateServiceObservabilityArgs(name, args, this);
        const parent = this;
        const protect = args.protect ?? true;
        const prefix = `${args.environment}-${args.service}`;

        this.logGroupNames = {};
        for (const group of args.logGroups ?? []) {
            this.logGroupNames[group.key] = new aws.cloudwatch.LogGroup(`${name}-${group.key}-logs`, {
                name: group.name,
                retentionInDays: args.logRetentionDays,
                kmsKeyId: args.kmsKeyArn,
                deletionProtectionEnabled: protect,
            }, { parent, protect }).name;
        }

        this.alarmArns = {};
        const alarms = specs.map((spec) => {
            const alarm = new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, metricAlarmArgs(`${prefix}-${spec.key}`, spec, args.alertTopicArn), { parent });
            this.alarmArns[spec.key] = alarm.arn;
            return alarm;
        });

        if ((args.dashboard ?? true) && specs.length > 0) {
            // Dimension values may be outputs of other resources: resolve them, then build the body.
            const resolved = pulumi.output(specs.map((s) => ({ ...s, dimensions: pulumi.output(s.dimensions) })));
            const dashboardName = `${prefix}-service`;
            this.dashboardName = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
                dashboardName,
                dashboardBody: pulumi.all([resolved, pulumi.all(alarms.map((a) => a.arn))]).apply(([resolvedSpecs, alarmArns]) =>
                    dashboardBody({
                        title: `Service ${args.service} (${args.environment})`,
                        region: args.region,
                        alarmArns,
                        graphs: (resolvedSpecs as AlarmSpec<string>[]).map(graphOfAlarm),
                    }),
                ),
            }, { parent }).dashboardName;
        }
        this.registerOutputs({ logGroupNames: this.logGroupNames, alarmArns: this.alarmArns, dashboardName: this.dashboardName });
    }
}
