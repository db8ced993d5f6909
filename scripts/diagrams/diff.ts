import { EnvironmentDiff, ResourceChange } from "../diff/types";
import { Flowchart, mermaidId } from "./mermaid";

/** One look per action; a replacement or deletion of something stateful is drawn thicker still. */
const ACTION_CLASSES: Readonly<Record<string, string>> = {
    create: "fill:#e6f7e6,stroke:#2e7d32",
    update: "fill:#fff8e1,stroke:#b7791f",
    replace: "fill:#ffe0cc,stroke:#c2410c,stroke-width:2px",
    delete: "fill:#fde2e2,stroke:#c00,stroke-dasharray:4 3",
    stateful: "stroke-width:4px",
};

function label(c: ResourceChange): string {
    const type = c.type.split(":").pop() ?? c.type;
    const why = c.action === "replace" && c.replacedBy?.length ? `\nforced by ${c.replacedBy.map((r) => r.property).join(", ")}` : "";
    const what = c.action === "update" && c.properties.length > 0 ? `\n${c.properties.slice(0, 3).map((p) => p.path).join(", ")}${c.properties.length > 3 ? ", ..." : ""}` : "";
    return `${c.action} ${type} ${c.name}${c.stateful ? " (stateful)" : ""}${why}${what}`;
}

/**
 * What a change does, as a picture beside the diff's tables: a group per stack that changes, a box
 * per resource it creates, updates, replaces or deletes, coloured by the action (stateful ones
 * thicker), each replacement naming the property that forces it. Stacks without changes are left
 * out; an empty diff draws a single box saying so.
 */
export function diffDiagram(diff: EnvironmentDiff): string {
    const chart = new Flowchart("LR", ACTION_CLASSES);
    const changed = diff.stacks.filter((s) => s.changes.length > 0);
    if (changed.length === 0) {
        chart.node({ id: "no_changes", label: `no changes in ${diff.env} against ${diff.base}`, sources: [`diff:${diff.env}`] });
    }
    for (const stack of changed) {
        const group = chart.group(mermaidId("stack", stack.project), `${stack.project}: ${stack.changes.length} change(s), ${stack.unchanged} unchanged`);
        for (const c of stack.changes) {
            chart.node({ id: mermaidId(stack.project, c.action, c.name), label: label(c), classes: [c.action, ...(c.stateful ? ["stateful"] : [])], sources: [c.urn] }, group);
        }
    }
    return chart.render();
}
