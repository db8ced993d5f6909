/**
 * The SLO table of an environment (L1): every SLO that a stack reports in its `slos` output, with
 * objective, window, latency bound and error budget (minutes of full outage, and requests at the
 * traffic profile's volume where the profile counts them). It fails only when an SLO is inconsistent:
 * its numbers make an alert that could never fire or fires within budget, or the alarms it names are
 * not what the stack plans (a composite that is missing, notifies nobody or does not require both windows).
 */
import * as path from "path";
import { budgetEvents, BURN_ALERTS, SloKind, sloProblems, SloSpec, SloTier, SLO_TIERS, SliStyle } from "../../components/observability/slo-catalogue";
import type { SloReport } from "../../components/observability/slo-alarms";
import { loadPlatformConfig, TrafficProfile } from "../../stacks/platform/config";
import type { PlannedResource } from "../lib/mock-runtime";
import type { EnvironmentPlan } from "../lib/plan-env";
import type { PlanSection, PlanSectionResult } from "../lib/plan-sections";
import { readStackConfig } from "../lib/stack-config";

const ROOT = path.resolve(__dirname, "../..");
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

export interface SloRow extends Pick<SloReport, "tier" | "kind" | "style" | "objective" | "windowDays" | "thresholdMs" | "budgetMinutes"> {
    readonly stack: string;
    readonly slo: string;
    /** Bad requests the budget allows at the traffic profile's volume, where the profile counts this tier's requests. */
    readonly budgetRequests?: number;
    /** The paging and the ticketing composite alarms, with their burn rates. */
    readonly pages: string;
    readonly tickets: string;
}

/** Requests a window sees at the profile's volume: the API's requests, DynamoDB's reads and writes; other tiers are not in the profile. */
function requestsInWindow(tier: string, windowDays: number, traffic: TrafficProfile | undefined): number | undefined {
    if (traffic === undefined) {
        return undefined;
    }
    const perMonth = tier === "apiGateway" ? traffic.requestsPerMonth : tier === "dynamodb" ? traffic.dynamoReadsPerMonth + traffic.dynamoWritesPerMonth : undefined;
    return perMonth === undefined ? undefined : (perMonth * windowDays) / 30;
}

function isReport(value: unknown): value is SloReport {
    const r = value as SloReport;
    return typeof r === "object" && r !== null && typeof r.name === "string" && typeof r.objective === "number" && typeof r.windowDays === "number" && Array.isArray(r.alerts);
}

/** Why a reported SLO does not hold together with the stack's resources, each. */
export function sloFailures(stack: string, report: SloReport, resources: readonly PlannedResource[]): string[] {
    const failures: string[] = [];
    const where = `${stack}: ${report.name}`;
    if (!SLO_TIERS.includes(report.tier as SloTier)) {
        return [`${where}: unknown tier ${report.tier}`];
    }
    // The arithmetic does not depend on the target, only on the tier's shape: check it on a stand-in.
    const spec: SloSpec = {
        key: report.name, tier: report.tier as SloTier, kind: report.kind as SloKind, style: report.style as SliStyle, objective: report.objective, windowDays: report.windowDays,
        ...(report.thresholdMs !== undefined ? { thresholdMs: report.thresholdMs } : {}), description: report.description, target: standIn(report.tier as SloTier),
    };
    failures.push(...sloProblems(spec).map((p) => `${where}: ${p}`));
    const composites = new Map(resources.filter((r) => r.type === COMPOSITE).map((r) => [String(r.inputs.alarmName), r]));
    const windows = new Set(resources.filter((r) => r.type === METRIC_ALARM).map((r) => String(r.inputs.name)));
    const expected = BURN_ALERTS.map((b) => b.name);
    if (JSON.stringify(report.alerts.map((a) => a.alert)) !== JSON.stringify(expected)) {
        failures.push(`${where}: alerts ${report.alerts.map((a) => a.alert).join(", ")}, expected ${expected.join(", ")}`);
    }
    for (const alert of report.alerts) {
        const composite = composites.get(alert.alarm);
        if (composite === undefined) {
            failures.push(`${where}: no composite alarm ${alert.alarm} in the stack`);
            continue;
        }
        const rule = String(composite.inputs.alarmRule ?? "");
        const named = [...rule.matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
        const own = alert.windows.map((w) => w.alarm);
        if (!/^ALARM\("[^"]+"\) AND ALARM\("[^"]+"\)$/.test(rule) || JSON.stringify(named) !== JSON.stringify(own)) {
            failures.push(`${where}: ${alert.alarm} must require both of its windows (${own.join(", ")}), its rule is ${rule}`);
        }
        const missing = own.filter((w) => !windows.has(w));
        if (missing.length > 0) {
            failures.push(`${where}: ${alert.alarm} names ${missing.join(", ")}, which the stack does not create`);
        }
        const actions = (composite.inputs.alarmActions as unknown[] | undefined) ?? [];
        if (composite.inputs.actionsEnabled !== true || actions.length === 0) {
            failures.push(`${where}: ${alert.alarm} notifies nobody`);
        }
    }
    return failures;
}

function standIn(tier: SloTier) {
    switch (tier) {
        case "apiGateway": return { tier, name: "x", apiName: "x", stageName: "x" } as const;
        case "service": return { tier, name: "x", loadBalancerArnSuffix: "x", targetGroupArnSuffixes: ["x", "y"] } as const;
        case "dynamodb": return { tier, name: "x", tableName: "x" } as const;
        case "cache": return { tier, name: "x", cacheClusterIds: ["x", "y"] } as const;
    }
}

function trafficOf(env: string): TrafficProfile | undefined {
    try {
        const raw = readStackConfig(ROOT, env);
        return loadPlatformConfig((k) => raw[k], env).traffic;
    } catch {
        return undefined;
    }
}

const pct = (x: number) => `${Number(x.toFixed(4))}%`;

/** The SLO table and its failures, from the stacks' `slos` outputs. */
export function sloTable(plan: EnvironmentPlan, traffic: TrafficProfile | undefined = trafficOf(plan.env)): PlanSectionResult {
    const rows: SloRow[] = [];
    const failures: string[] = [];
    const perStack: Record<string, SloRow[]> = {};
    for (const stack of plan.stacks) {
        const reported = stack.outputs.slos;
        if (reported === undefined) {
            continue;
        }
        if (!Array.isArray(reported) || !reported.every(isReport)) {
            failures.push(`${stack.project}: output slos is not a list of SLO reports`);
            continue;
        }
        for (const report of reported) {
            failures.push(...sloFailures(stack.project, report, stack.resources));
            const requests = requestsInWindow(report.tier, report.windowDays, traffic);
            const row: SloRow = {
                stack: stack.project, slo: report.name, tier: report.tier, kind: report.kind, style: report.style, objective: report.objective, windowDays: report.windowDays,
                ...(report.thresholdMs !== undefined ? { thresholdMs: report.thresholdMs } : {}),
                budgetMinutes: report.budgetMinutes,
                ...(requests !== undefined && report.style === "requests" ? { budgetRequests: budgetEvents(report.objective, requests) } : {}),
                pages: report.alerts.filter((a) => a.notify === "page").map((a) => `${a.alarm} (${a.burnRate}x)`).join(", "),
                tickets: report.alerts.filter((a) => a.notify === "ticket").map((a) => `${a.alarm} (${a.burnRate}x)`).join(", "),
            };
            rows.push(row);
            (perStack[stack.project] ??= []).push(row);
        }
    }
    const lines = rows.map((r) => {
        const bound = r.thresholdMs !== undefined ? ` within ${r.thresholdMs} ms` : "";
        const budget = `budget ${pct(100 - r.objective)} = ${r.budgetMinutes} min${r.style === "requests" ? " with every request bad" : " bad"}${r.budgetRequests !== undefined ? ` or ${r.budgetRequests.toLocaleString("en-US")} requests at the profile's volume` : ""}`;
        return `  ${r.stack.padEnd(10)} ${r.slo.padEnd(44)} ${pct(r.objective).padStart(7)} of ${r.style}: ${r.kind}${bound} over ${r.windowDays} d; ${budget}`;
    });
    if (rows.length > 0) {
        lines.push(`  ${rows.length} SLO(s); each pages at ${BURN_ALERTS[0].budgetShare * 100}% of its budget in ${BURN_ALERTS[0].longMinutes} min (and the last ${BURN_ALERTS[0].shortMinutes}) and tickets at ${BURN_ALERTS[1].budgetShare * 100}% in ${BURN_ALERTS[1].longMinutes / 60} h (and the last ${BURN_ALERTS[1].shortMinutes} min)`);
    }
    return { lines, perStack, environment: { slos: rows }, failures };
}

export const SLO_SECTION: PlanSection = {
    name: "slos",
    title: "service levels: objectives, windows, error budgets, burn-rate alerts (docs/slo.md)",
    run: (plan) => sloTable(plan),
};
