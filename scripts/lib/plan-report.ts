import { PlannedResource } from "./mock-runtime";

/** The resource tree of a stack, indented by parent, the way `pulumi preview` shows it. */
export function formatTree(resources: readonly PlannedResource[]): string[] {
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const r of resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const known = new Set(resources.map((r) => r.urn));
    const roots = resources.filter((r) => r.parent === undefined || !known.has(r.parent));
    const lines: string[] = [];
    const walk = (r: PlannedResource, depth: number) => {
        const flags = [r.protect ? "protected" : "", r.retainOnDelete ? "retained on delete" : ""].filter(Boolean).join(", ");
        lines.push(`${"    ".repeat(depth)}+ ${r.type}  ${r.name}${flags ? `  [${flags}]` : ""}`);
        for (const child of children.get(r.urn) ?? []) {
            walk(child, depth + 1);
        }
    };
    roots.forEach((r) => walk(r, 0));
    return lines;
}

/** Outputs as `name: value` lines, values in compact JSON. */
export function formatOutputs(outputs: Record<string, unknown>): string[] {
    return Object.entries(outputs).map(([k, v]) => `    ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
}

/** Counts of resources per type, most frequent first. */
export function countByType(resources: readonly PlannedResource[]): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of resources) {
        counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
