import { Flow, FlowEndpoint, FlowReport } from "../analysis/types";
import { CLASS_DEFS, Flowchart, mermaidId } from "./mermaid";

const RED = "stroke:#d00,stroke-width:2px,color:#d00";

function portText(f: Flow): string {
    return f.protocol === "all" ? "all traffic" : `${f.protocol}/${f.port}`;
}

/**
 * The network flows of the reachability analysis as a flowchart: endpoints grouped by tier, one
 * arrow per pair of endpoints listing the ports; required flows that are blocked, and flows that
 * are open but must not be, are red and name the rule that decides them. Flows that are checked
 * closed and are closed are not drawn (they are counted in the heading the caller writes).
 */
export function flowDiagram(report: FlowReport): string {
    const chart = new Flowchart("LR", CLASS_DEFS);
    const drawn = report.flows.filter((f) => f.required || f.allowed);
    const endpoints = new Map<string, FlowEndpoint>();
    for (const f of drawn) {
        endpoints.set(f.from.id, f.from);
        endpoints.set(f.to.id, f.to);
    }
    const tiers = [...new Set([...endpoints.values()].map((e) => e.tier))].sort();
    for (const tier of tiers) {
        const g = chart.group(mermaidId("tier", tier), `${tier}`);
        [...endpoints.values()].filter((e) => e.tier === tier).sort((a, b) => a.id.localeCompare(b.id))
            .forEach((e) => chart.node({ id: mermaidId("ep", e.id), label: e.label, sources: [`flow-endpoint:${e.id}`] }, g));
    }
    const pairs = new Map<string, Flow[]>();
    for (const f of drawn) {
        const key = `${f.from.id}\u0000${f.to.id}`;
        pairs.set(key, [...(pairs.get(key) ?? []), f]);
    }
    for (const key of [...pairs.keys()].sort()) {
        const flows = pairs.get(key)!.sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
        const { from, to } = flows[0];
        const bad = flows.filter((f) => (f.required && !f.allowed) || (!f.required && f.allowed));
        const good = flows.filter((f) => !bad.includes(f));
        if (good.length > 0) {
            chart.edge({ from: mermaidId("ep", from.id), to: mermaidId("ep", to.id), label: good.map(portText).join(", ") });
        }
        for (const f of bad) {
            const what = f.required ? "BLOCKED" : "UNINTENDED, open";
            chart.edge({ from: mermaidId("ep", from.id), to: mermaidId("ep", to.id), label: `${portText(f)} ${what}${f.decidedBy ? ` by ${f.decidedBy}` : ""}`, style: f.required ? "dotted" : "thick", linkStyle: RED });
        }
    }
    return chart.render();
}

/** One line for the heading of the flow diagram. */
export function flowSummary(report: FlowReport): string {
    const required = report.flows.filter((f) => f.required);
    const unintended = report.flows.filter((f) => !f.required && f.allowed);
    return `${required.length} required flows, ${required.filter((f) => f.allowed).length} allowed, ${required.filter((f) => !f.allowed).length} blocked; ${unintended.length} unintended open`;
}
