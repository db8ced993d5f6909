import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmOverride, alarmSpecs, AlarmSpec, overrideProblem, specProblem, WatchTarget } from "./alarm-catalogue";
import { metricAlarmArgs } from "./alarms";
import { dashboardBody, graphOfAlarm } from "./dashboard";
import { createSloAlarms, sloPanels, SloReport, sloReport, SloTopics } from "./slo-alarms";
import { SloOverride, sloOverrideProblem, sloProblems, SloSpec, sloSpecs, SloTarget } from "./slo-catalogue";

/**
 * What ServiceObservability and EdgeObservability share: the catalogue's alarms for what they
 * watch, the SLOs of what they measure, and one dashboard of both. Pages go to the alert topic,
 * slow burns and fixed alarms an SLO covers to the ticket topic.
 */

/** Short labels used in resource and alarm names. */
export const LABEL = /^[a-z][a-z0-9-]{0,39}$/;

export interface WatchArgs {
    /** Targets of the alarm catalogue. */
    readonly watch: readonly WatchTarget<pulumi.Input<string>>[];
    readonly alarmOverrides: readonly AlarmOverride[];
    /** Targets of the SLO catalogue. */
    readonly slos: readonly SloTarget<pulumi.Input<string>>[];
    readonly sloOverrides: readonly SloOverride[];
}

export interface WatchSpecs {
    readonly alarms: AlarmSpec<pulumi.Input<string>>[];
    readonly slos: SloSpec<pulumi.Input<string>>[];
}

/** The alarm and SLO specs of `args`, adding to `problems` what CloudWatch or the SLO arithmetic would refuse. */
export function watchSpecs(args: WatchArgs, problems: string[]): WatchSpecs {
    const before = problems.length;
    args.alarmOverrides.forEach((o, i) => {
        const problem = overrideProblem(o);
        if (problem !== undefined) {
            problems.push(`alarmOverrides[${i}] = ${JSON.stringify(o)}: ${problem}`);
        }
    });
    args.sloOverrides.forEach((o, i) => {
        const problem = sloOverrideProblem(o);
        if (problem !== undefined) {
            problems.push(`sloOverrides[${i}] = ${JSON.stringify(o)}: ${problem}`);
        }
    });
    namesProblems("watch", args.watch.map((t) => [t.name, t.kind]), problems);
    namesProblems("slos", args.slos.map((t) => [t.name, t.tier]), problems);
    if (problems.length > before) {
        return { alarms: [], slos: [] };
    }
    const slos = args.slos.flatMap((t) => sloSpecs(t, args.sloOverrides));
    for (const spec of slos) {
        problems.push(...sloProblems(spec).map((p) => `SLO ${spec.key}: ${p}`));
    }
    const sloTiers = [...new Set(slos.map((s) => s.tier))];
    const alarms = args.watch.flatMap((t) => alarmSpecs(t, args.alarmOverrides, sloTiers));
    for (const spec of alarms) {
        const problem = specProblem(spec);
        if (problem !== undefined) {
            problems.push(`alarm ${spec.key}: ${problem}`);
        }
    }
    return { alarms, slos };
}

function namesProblems(arg: string, targets: [name: string, kind: string][], problems: string[]): void {
    for (const [name, kind] of targets) {
        if (!LABEL.test(name)) {
            problems.push(`${arg} name "${name}" (${kind}): expected lower-case letters, digits and dashes`);
        }
    }
    const names = targets.map(([name]) => name);
    if (new Set(names).size !== names.length) {
        problems.push(`${arg} = ${JSON.stringify(names)}: each target name once (alarm names are built from it)`);
    }
}

/** Throws the collected problems, naming the component. */
export function throwProblems(component: string, name: string, problems: readonly string[], parent?: pulumi.Resource): void {
    if (problems.length > 0) {
        const message = `${component} "${name}": invalid arguments:\n  - ${problems.join("\n  - ")}`;
        throw parent ? new pulumi.ResourceError(message, parent) : new Error(message);
    }
}

export interface WatchOutputs {
    /** Alarm ARNs by spec key (`<target>-<metric>`). */
    readonly alarmArns: Record<string, pulumi.Output<string>>;
    readonly slos: SloReport[];
    /** Composite (burn-rate) alarm ARNs by name. */
    readonly sloAlarmArns: Record<string, pulumi.Output<string>>;
    readonly dashboardName: pulumi.Output<string> | undefined;
}

export interface WatchResources {
    /** Alarm names are `<prefix>-<key>`, SLO alarms `<prefix>-slo-<key>`. */
    readonly prefix: string;
    readonly region: string;
    readonly topics: SloTopics;
    /** Dashboard name and title, or undefined for none. */
    readonly dashboard?: { readonly name: string; readonly title: string; readonly description?: string };
}

/** Creates the alarms, the SLO alarms and the dashboard of `specs` under `parent`. */
export function createWatch(name: string, parent: pulumi.Resource, specs: WatchSpecs, where: WatchResources): WatchOutputs {
    const alarmArns: Record<string, pulumi.Output<string>> = {};
    const alarms = specs.alarms.map((spec) => {
        const topic = spec.notify === "page" ? where.topics.page : where.topics.ticket;
        const alarm = new aws.cloudwatch.MetricAlarm(`${name}-${spec.key}`, metricAlarmArgs(`${where.prefix}-${spec.key}`, spec, topic), { parent });
        alarmArns[spec.key] = alarm.arn;
        return alarm;
    });
    const slos = specs.slos.map((s) => sloReport(where.prefix, s));
    const sloAlarmArns = createSloAlarms(name, where.prefix, specs.slos, where.topics, parent);
    let dashboardName: pulumi.Output<string> | undefined;
    if (where.dashboard !== undefined && specs.alarms.length + specs.slos.length > 0) {
        const dashboard = where.dashboard;
        // Dimension values may be outputs of other resources: resolve them, then build the body.
        const resolvedAlarms = pulumi.output(specs.alarms.map((s) => ({ ...s, dimensions: pulumi.output(s.dimensions) })));
        const resolvedSlos = pulumi.output(specs.slos.map((s) => ({ ...s, target: pulumi.output(s.target) })));
        // The alarm widget shows the alarms of the stack's region; the us-east-1 ones are on the graphs.
        const localArns = alarms.filter((_, i) => specs.alarms[i].region === undefined || specs.alarms[i].region === where.region).map((a) => a.arn);
        dashboardName = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
            dashboardName: dashboard.name,
            dashboardBody: pulumi.all([resolvedAlarms, resolvedSlos, pulumi.all([...localArns, ...Object.values(sloAlarmArns)])]).apply(([alarmSpecsResolved, slosResolved, alarmArnList]) =>
                dashboardBody({
                    title: dashboard.title,
                    region: where.region,
                    ...(dashboard.description !== undefined ? { description: dashboard.description } : {}),
                    alarmArns: alarmArnList,
                    slos: sloPanels(slosResolved as unknown as SloSpec<string>[]),
                    graphs: (alarmSpecsResolved as AlarmSpec<string>[]).map(graphOfAlarm),
                }),
            ),
        }, { parent }).dashboardName;
    }
    return { alarmArns, slos, sloAlarmArns, dashboardName };
}
