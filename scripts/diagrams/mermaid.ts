/**
 * A small, deterministic writer of Mermaid flowcharts: nodes, subgraphs and edges are emitted in
 * the order they were added (callers add them in a stable order), ids are derived from names, and
 * every node can name the plan resource it stands for in a `%% node` comment, so a reader (and a
 * test) can trace each box back to the plan.
 */

/** A Mermaid-safe id: letters, digits and underscores, never starting with a digit. */
export function mermaidId(...parts: string[]): string {
    const id = parts.join("_").replace(/[^A-Za-z0-9_]+/g, "_").replace(/_+/g, "_").replace(/^_|_$/g, "");
    return /^[0-9]/.test(id) ? `n_${id}` : id || "n";
}

/**
 * Text inside a quoted Mermaid label or message. A double quote would end the label and angle
 * brackets would be read as HTML, so they become look-alikes; a line break becomes `<br>`, which
 * Mermaid renders as one. (Mermaid's `#quot;` entities are not decoded inside every label kind.)
 */
export function mermaidText(text: string): string {
    return text.replace(/"/g, "'").replace(/</g, "\u2039").replace(/>/g, "\u203a").replace(/\n/g, "<br>");
}

/** The classes every diagram of the plan may use: protected resources, stores, the edge. */
export const CLASS_DEFS: Readonly<Record<string, string>> = {
    protected: "stroke-width:3px,stroke:#7a3e9d",
    store: "fill:#eef6ff",
    edge: "fill:#fff6e6",
};

export type NodeShape = "box" | "round" | "db" | "stadium" | "hex";

export interface FlowNode {
    readonly id: string;
    readonly label: string;
    readonly shape?: NodeShape;
    /** Mermaid classes (see `classDefs`). */
    readonly classes?: readonly string[];
    /** What the node stands for: plan URNs, or another tag such as `stack:<project>`. */
    readonly sources?: readonly string[];
}

export interface FlowEdge {
    readonly from: string;
    readonly to: string;
    readonly label?: string;
    readonly style?: "solid" | "dotted" | "thick";
    /** A `linkStyle` for this edge, e.g. `stroke:#d00,stroke-width:2px`. */
    readonly linkStyle?: string;
}

interface Group {
    readonly id: string;
    readonly label: string;
    readonly items: (FlowNode | Group)[];
}

const SHAPES: Record<NodeShape, [string, string]> = {
    box: ["[", "]"],
    round: ["(", ")"],
    db: ["[(", ")]"],
    stadium: ["([", "])"],
    hex: ["{{", "}}"],
};

function isGroup(item: FlowNode | Group): item is Group {
    return "items" in item;
}

/** A flowchart under construction. `group` returns a handle whose nodes and groups nest inside it. */
export class Flowchart {
    private readonly top: Group = { id: "", label: "", items: [] };
    private readonly edges: FlowEdge[] = [];
    private readonly ids = new Set<string>();

    constructor(private readonly direction: "LR" | "TB", private readonly classDefs: Readonly<Record<string, string>> = {}) {}

    /** Adds a node (or returns the existing one with that id: callers may meet a node twice). */
    node(node: FlowNode, into: Group = this.top): string {
        if (!this.ids.has(node.id)) {
            this.ids.add(node.id);
            into.items.push(node);
        }
        return node.id;
    }

    group(id: string, label: string, into: Group = this.top): Group {
        const existing = into.items.find((i): i is Group => isGroup(i) && i.id === id);
        if (existing !== undefined) {
            return existing;
        }
        if (this.ids.has(id)) {
            throw new Error(`diagram id "${id}" is used twice`);
        }
        this.ids.add(id);
        const group: Group = { id, label, items: [] };
        into.items.push(group);
        return group;
    }

    has(id: string): boolean {
        return this.ids.has(id);
    }

    edge(edge: FlowEdge): void {
        for (const end of [edge.from, edge.to]) {
            if (!this.ids.has(end)) {
                throw new Error(`diagram edge ${edge.from} -> ${edge.to}: no node "${end}"`);
            }
        }
        if (!this.edges.some((e) => e.from === edge.from && e.to === edge.to && e.label === edge.label)) {
            this.edges.push(edge);
        }
    }

    render(): string {
        const lines = [`flowchart ${this.direction}`];
        for (const [name, style] of Object.entries(this.classDefs)) {
            lines.push(`    classDef ${name} ${style}`);
        }
        const walk = (items: readonly (FlowNode | Group)[], depth: number) => {
            const pad = "    ".repeat(depth);
            for (const item of items) {
                if (isGroup(item)) {
                    lines.push(`${pad}subgraph ${item.id}["${mermaidText(item.label)}"]`);
                    walk(item.items, depth + 1);
                    lines.push(`${pad}end`);
                    continue;
                }
                const [open, close] = SHAPES[item.shape ?? "box"];
                for (const source of item.sources ?? []) {
                    lines.push(`${pad}%% node ${item.id} = ${source}`);
                }
                lines.push(`${pad}${item.id}${open}"${mermaidText(item.label)}"${close}`);
                // One `class` statement per class: the `:::` shorthand takes only one.
                (item.classes ?? []).forEach((c) => lines.push(`${pad}class ${item.id} ${c}`));
            }
        };
        walk(this.top.items, 1);
        this.edges.forEach((e, i) => {
            const arrow = e.style === "dotted" ? "-.->" : e.style === "thick" ? "==>" : "-->";
            lines.push(`    ${e.from} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`);
            if (e.linkStyle) {
                lines.push(`    linkStyle ${i} ${e.linkStyle}`);
            }
        });
        return lines.join("\n");
    }
}

export type { Group as FlowGroup };
