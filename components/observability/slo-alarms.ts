import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SloPanel } from "./dashboard";
import { BurnAlertSpec, burnAlertSpecs, budgetMinutes, daysToExhaust, isExpression, SloSpec, sliOf, WindowAlarmSpec } from "./slo-catalogue";

/** Where burn-rate alerts go: fast burns page (the alert topic), slow burns ticket. */
export interface SloTopics {
    readonly page: pulumi.Input<string>;
    readonly ticket: pulumi.Input<string>;
}

/** An SLO and its alarms as stack outputs and the plan's SLO table read them: names only, plain values. */
export interface SloReport {
    /** `<prefix>-slo-<target>-<kind>`: what the SLO's alarm names start with. */
    readonly name: string;
    readonly tier: string;
    readonly kind: string;
    readonly style: string;
    readonly objective: number;
    readonly windowDays: number;
    readonly thresholdMs?: number;
    readonly budgetMinutes: number;
    readonly description: string;
    readonly alerts: readonly {
        readonly alert: string;
        readonly notify: "page" | "ticket";
        readonly burnRate: number;
        /** The composite alarm that notifies; it is in ALARM only when both windows are. */
        readonly alarm: string;
        readonly windows: readonly { readonly alarm: string; readonly minutes: number; readonly effectiveBurnRate: number }[];
    }[];
}

const sloName = (prefix: string, spec: Pick<SloSpec<unknown>, "key">) => `${prefix}-slo-${spec.key}`;
const alarmName = (prefix: string, key: string) => `${prefix}-slo-${key}`;

/** The report of an SLO's alarms, from the specs alone (the names are computed, not read back). */
export function sloReport<V>(prefix: string, spec: SloSpec<V>): SloReport {
    return {
        name: sloName(prefix, spec),
        tier: spec.tier,
        kind: spec.kind,
        style: spec.style,
        objective: spec.objective,
        windowDays: spec.windowDays,
        ...(spec.thresholdMs !== undefined ? { thresholdMs: spec.thresholdMs } : {}),
        budgetMinutes: budgetMinutes(spec.objective, spec.windowDays),
        description: spec.description,
        alerts: burnAlertSpecs(spec).map((b) => ({
            alert: b.alert.name,
            notify: b.alert.notify,
            burnRate: b.burnRate,
            alarm: alarmName(prefix, b.key),
            windows: [b.long, b.short].map((w) => ({ alarm: alarmName(prefix, w.key), minutes: w.windowMinutes, effectiveBurnRate: w.effectiveBurnRate })),
        })),
    };
}

/**
 * MetricAlarm args of one window: metric math only, no actions of its own (the composite of its
 * burn alert notifies, so that one window alone never pages).
 */
export function windowAlarmArgs(name: string, w: WindowAlarmSpec<pulumi.Input<string>>): aws.cloudwatch.MetricAlarmArgs {
    return {
        name,
        alarmDescription: w.description,
        comparisonOperator: w.comparison,
        threshold: w.threshold,
        evaluationPeriods: w.evaluationPeriods,
        datapointsToAlarm: w.datapointsToAlarm,
        treatMissingData: w.treatMissingData,
        actionsEnabled: true,
        metricQueries: w.queries.map((q) => isExpression(q)
            ? { id: q.id, expression: q.expression, ...(q.label ? { label: q.label } : {}), returnData: q.id === w.resultId }
            : { id: q.id, returnData: false, metric: { namespace: q.namespace, metricName: q.metricName, stat: q.stat, period: q.periodSeconds, dimensions: q.dimensions } }),
    };
}

/** The rule of a burn alert: both windows in ALARM. Names are quoted as CloudWatch's rule syntax wants. */
export function burnAlertRule(longName: string, shortName: string): string {
    return `ALARM("${longName}") AND ALARM("${shortName}")`;
}

/** Creates, for every SLO, one metric alarm per window and one composite alarm per burn alert. */
export function createSloAlarms(name: string, prefix: string, specs: readonly SloSpec<pulumi.Input<string>>[], topics: SloTopics, parent: pulumi.Resource): Record<string, pulumi.Output<string>> {
    const compositeArns: Record<string, pulumi.Output<string>> = {};
    for (const spec of specs) {
        for (const b of burnAlertSpecs(spec)) {
            compositeArns[alarmName(prefix, b.key)] = createBurnAlert(name, prefix, spec, b, topics, parent).arn;
        }
    }
    return compositeArns;
}

function createBurnAlert(name: string, prefix: string, spec: SloSpec<pulumi.Input<string>>, b: BurnAlertSpec<pulumi.Input<string>>, topics: SloTopics, parent: pulumi.Resource): aws.cloudwatch.CompositeAlarm {
    const [long, short] = [b.long, b.short].map((w) => new aws.cloudwatch.MetricAlarm(`${name}-slo-${w.key}`, windowAlarmArgs(alarmName(prefix, w.key), w), { parent }));
    const topic = b.alert.notify === "page" ? topics.page : topics.ticket;
    return new aws.cloudwatch.CompositeAlarm(`${name}-slo-${b.key}`, {
        alarmName: alarmName(prefix, b.key),
        alarmDescription: `${b.alert.name === "fast" ? "PAGE" : "TICKET"} ${spec.key}: ${spec.objective}% ${spec.kind} over ${spec.windowDays} days is burning its error budget at ${b.burnRate}x or faster over the last ${b.long.windowMinutes} and ${b.short.windowMinutes} minutes, which spends the whole budget in ${Number(daysToExhaust(b.burnRate, spec.windowDays).toFixed(1))} days (${spec.description}). See docs/slo.md.`,
        // The names come from the alarms' outputs, so the composite waits for both to exist.
        alarmRule: pulumi.all([long.name, short.name]).apply(([l, s]) => burnAlertRule(l, s)),
        actionsEnabled: true,
        alarmActions: [topic],
        okActions: [topic],
    }, { parent });
}

/** Dashboard panels of SLOs whose dimension values are resolved. */
export function sloPanels(specs: readonly SloSpec<string>[]): SloPanel[] {
    return specs.map((spec) => {
        const sli = sliOf(spec, spec.style === "requests" ? spec.windowDays * 86_400 : 3600);
        return {
            title: `SLO ${spec.key}`,
            style: spec.style,
            objective: spec.objective,
            windowDays: spec.windowDays,
            queries: sli.queries,
            resultId: sli.resultId,
            ...(spec.kind === "latency" && spec.style === "minutes" ? { bound: { label: `bound ${spec.thresholdMs} ms`, value: sli.minuteThreshold! } } : {}),
        };
    });
}
