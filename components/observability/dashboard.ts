import { AlarmSpec, SumOver } from "./alarm-catalogue";
import { budgetMinutes, errorBudget, isExpression, SliQuery, SliStyle } from "./slo-catalogue";

/**
 * CloudWatch dashboard bodies (O3), built from plain specs so that the layout is testable without
 * mocks. The format is CloudWatch's dashboard body structure: a `widgets` array on a 24-column grid.
 */

/** One metric graph. Dimension values are resolved strings here (the component resolves outputs first). */
export interface GraphSpec {
    readonly title: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    /** A statistic or a percentile (`p99`). */
    readonly statistic: string;
    readonly periodSeconds: number;
    /** Drawn as a horizontal line, so the graph shows how close the metric is to alarming. */
    readonly threshold?: number;
    /** Graph the sum over the values of one more dimension (metrics that exist only per value). */
    readonly sumOver?: SumOver<string>;
}

/**
 * One SLO on a dashboard, over its whole window. `requests`: attainment and remaining budget as two
 * numbers over the window (the SLI's queries return the bad share, `resultId`); `minutes`: the SLI
 * hour by hour over the window against its bound.
 */
export interface SloPanel {
    readonly title: string;
    readonly style: SliStyle;
    readonly objective: number;
    readonly windowDays: number;
    readonly queries: readonly SliQuery<string>[];
    readonly resultId: string;
    /** Drawn as a line on `minutes` panels. */
    readonly bound?: { readonly label: string; readonly value: number };
}

export interface DashboardSpec {
    readonly title: string;
    readonly region: string;
    /** Markdown under the title. */
    readonly description?: string;
    /** Alarms whose state is shown in one status widget at the top. */
    readonly alarmArns?: readonly string[];
    /** Service levels, under the alarms. */
    readonly slos?: readonly SloPanel[];
    readonly graphs: readonly GraphSpec[];
}

const GRID = 24;
const GRAPH_WIDTH = 12;
const GRAPH_HEIGHT = 6;
/** The alarm status widget shows at most 100 alarms. */
const MAX_ALARMS_PER_WIDGET = 100;

export function graphOfAlarm(spec: AlarmSpec<string>): GraphSpec {
    return {
        title: `${spec.target}: ${spec.metricName} (${spec.statistic})`,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: spec.dimensions,
        statistic: spec.statistic,
        periodSeconds: spec.periodSeconds,
        threshold: spec.threshold,
        ...(spec.sumOver ? { sumOver: spec.sumOver } : {}),
    };
}

function metricRows(g: GraphSpec): unknown[] {
    if (g.sumOver === undefined) {
        return [[g.namespace, g.metricName, ...Object.entries(g.dimensions).flat()]];
    }
    const over = g.sumOver;
    // The combined dimension is given per row (the target's own value of it, if any, is replaced).
    const dims = Object.entries(g.dimensions).filter(([name]) => name !== over.dimension).flat();
    const parts = over.values.map((value, i) => [g.namespace, g.metricName, ...dims, over.dimension, value, { id: `m${i}`, visible: false }]);
    const aggregation = over.aggregation ?? "SUM";
    return [...parts, [aggregation === "SUM"
        ? { expression: "SUM(METRICS())", label: `${g.metricName} (all ${over.dimension}s)`, id: "total" }
        : { expression: `${aggregation}(METRICS())`, label: `${g.metricName} (${aggregation} over ${over.dimension}s)`, id: "highest" }]];
}

/** Dashboard rows of metric-math queries: metrics and helper expressions hidden, `shown` drawn. */
function queryRows(queries: readonly SliQuery<string>[], shown: readonly { id: string; expression: string; label: string }[]): unknown[] {
    const hidden = queries.map((q) => isExpression(q)
        ? [{ expression: q.expression, id: q.id, visible: false }]
        : [q.namespace, q.metricName, ...Object.entries(q.dimensions).flat(), { id: q.id, stat: q.stat, visible: false }]);
    return [...hidden, ...shown.map((e) => [{ ...e }])];
}

function sloWidget(panel: SloPanel, region: string): Record<string, unknown> {
    const start = `-P${panel.windowDays}D`;
    if (panel.style === "requests") {
        const budget = errorBudget(panel.objective);
        return {
            type: "metric",
            properties: {
                title: `${panel.title}: ${panel.objective}% over ${panel.windowDays} days`,
                region,
                view: "singleValue",
                // One value over the whole window: the share of bad requests of the window.
                setPeriodToTimeRange: true,
                start,
                end: "P0D",
                metrics: queryRows(panel.queries, [
                    { id: "attainment", expression: `100 * (1 - ${panel.resultId})`, label: "attainment (%)" },
                    { id: "budgetLeft", expression: `100 * (1 - ${panel.resultId} / ${budget})`, label: `error budget left (%, of ${budget * 100}% of requests)` },
                ]),
            },
        };
    }
    return {
        type: "metric",
        properties: {
            title: `${panel.title}: ${panel.objective}% of minutes over ${panel.windowDays} days (budget ${budgetMinutes(panel.objective, panel.windowDays)} min; alarms count bad minutes)`,
            region,
            view: "timeSeries",
            stacked: false,
            start,
            end: "P0D",
            period: 3600,
            metrics: queryRows(panel.queries, [{ id: "hourly", expression: panel.resultId, label: "hour by hour" }]),
            ...(panel.bound !== undefined ? { annotations: { horizontal: [{ label: panel.bound.label, value: panel.bound.value }] } } : {}),
        },
    };
}

/** The dashboard body as JSON: title text, optional alarm status, the SLOs, then graphs two to a row. */
export function dashboardBody(spec: DashboardSpec): string {
    const widgets: Record<string, unknown>[] = [];
    let y = 0;
    const markdown = `# ${spec.title}${spec.description ? `\n${spec.description}` : ""}`;
    widgets.push({ type: "text", x: 0, y, width: GRID, height: 2, properties: { markdown } });
    y += 2;
    const alarms = spec.alarmArns ?? [];
    for (let i = 0; i < alarms.length; i += MAX_ALARMS_PER_WIDGET) {
        widgets.push({ type: "alarm", x: 0, y, width: GRID, height: 3, properties: { title: "Alarms", alarms: alarms.slice(i, i + MAX_ALARMS_PER_WIDGET), sortBy: "stateUpdatedTimestamp" } });
        y += 3;
    }
    (spec.slos ?? []).forEach((panel, i) => {
        widgets.push({ ...sloWidget(panel, spec.region), x: (i % 2) * GRAPH_WIDTH, y: y + Math.floor(i / 2) * GRAPH_HEIGHT, width: GRAPH_WIDTH, height: GRAPH_HEIGHT });
    });
    y += Math.ceil((spec.slos ?? []).length / 2) * GRAPH_HEIGHT;
    spec.graphs.forEach((g, i) => {
        widgets.push({
            type: "metric",
            x: (i % 2) * GRAPH_WIDTH,
            y: y + Math.floor(i / 2) * GRAPH_HEIGHT,
            width: GRAPH_WIDTH,
            height: GRAPH_HEIGHT,
            properties: {
                title: g.title,
                region: spec.region,
                view: "timeSeries",
                stacked: false,
                stat: g.statistic,
                period: g.periodSeconds,
                metrics: metricRows(g),
                ...(g.threshold !== undefined ? { annotations: { horizontal: [{ label: "alarm threshold", value: g.threshold }] } } : {}),
            },
        });
    });
    return JSON.stringify({ widgets });
}
