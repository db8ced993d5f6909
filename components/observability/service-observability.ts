import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmOverride, WatchTarget } from "./alarm-catalogue";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "./log-retention";
import { SloReport } from "./slo-alarms";
import { SloOverride, SloTarget } from "./slo-catalogue";
import { createWatch, LABEL, throwProblems, WatchSpecs, watchSpecs } from "./watch";

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
    /** The environment's alert topic (platform output `alertTopicArn`): alarm and OK action of what pages. */
    readonly alertTopicArn: pulumi.Input<string>;
    /**
     * The environment's ticket topic (platform output `ticketTopicArn`): slow SLO burns and the fixed
     * alarms an SLO covers notify it instead of paging.
     */
    readonly ticketTopicArn: pulumi.Input<string>;
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
     * What to measure service levels on: each target gets its tier's SLOs (`slo-catalogue.ts`), with
     * burn-rate alerts and a dashboard panel each.
     * @default []
     */
    readonly slos?: readonly SloTarget<pulumi.Input<string>>[];
    /**
     * Per-environment changes to the SLO catalogue (platform output `sloOverrides`).
     * @default []
     */
    readonly sloOverrides?: readonly SloOverride[];
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

/** Throws, naming the arg, the value and what is accepted, before any resource is registered. */
export function validateServiceObservabilityArgs(name: string, args: ServiceObservabilityArgs, parent?: pulumi.Resource): WatchSpecs {
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
    const specs = watchSpecs({ watch: args.watch ?? [], alarmOverrides: args.alarmOverrides ?? [], slos: args.slos ?? [], sloOverrides: args.sloOverrides ?? [] }, problems);
    throwProblems("ServiceObservability", name, problems, parent);
    return specs;
}

/**
 * The observability of one service (O1-O3 at service level): its log groups with the environment's
 * retention and key, the catalogue's alarms for every resource it is handed, each notifying the
 * environment's alert (or ticket) topic on alarm and on recovery, the SLOs of its tiers with their
 * burn-rate alerts, and a dashboard of both.
 */
export class ServiceObservability extends pulumi.ComponentResource {
    /** Log group names by key. */
    public readonly logGroupNames: Record<string, pulumi.Output<string>>;
    /** Alarm ARNs by spec key (`<target>-<metric>`), e.g. for ECS alarm-based rollback. */
    public readonly alarmArns: Record<string, pulumi.Output<string>>;
    /** The SLOs and the names of their alarms (the composite alarms notify). */
    public readonly slos: SloReport[];
    /** Composite (burn-rate) alarm ARNs by name. */
    public readonly sloAlarmArns: Record<string, pulumi.Output<string>>;
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

        const watch = createWatch(name, parent, specs, {
            prefix,
            region: args.region,
            topics: { page: args.alertTopicArn, ticket: args.ticketTopicArn },
            ...((args.dashboard ?? true) ? { dashboard: { name: `${prefix}-service`, title: `Service ${args.service} (${args.environment})` } } : {}),
        });
        this.alarmArns = watch.alarmArns;
        this.slos = watch.slos;
        this.sloAlarmArns = watch.sloAlarmArns;
        this.dashboardName = watch.dashboardName;
        this.registerOutputs({ logGroupNames: this.logGroupNames, alarmArns: this.alarmArns, slos: this.slos, sloAlarmArns: this.sloAlarmArns, dashboardName: this.dashboardName });
    }
}

