import { AlarmSpec, SumOver } from "./alarm-catalogue";

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

export interface DashboardSpec {
    readonly title: string;
    readonly region: string;
    /** Markdown under the title. */
    readonly description?: string;
    /** Alarms whose state is shown in one status widget at the top. */
    readonly alarmArns?: readonly string[];
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

/** The dashboard body as JSON: title text, optional alarm status, then graphs two to a row. */
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
