import { RouteReport, RouteTrace } from "../analysis/types";
import { mermaidText } from "./mermaid";

/** Who answers at each kind of hop: one lifeline per participant, in the order a request meets them. */
const PARTICIPANTS: Readonly<Record<string, string>> = {
    "cloudfront": "CloudFront",
    "waf": "WAF",
    "api-method": "API Gateway",
    "integration": "API Gateway",
    "vpc-link": "VPC link",
    "alb-rule": "ALB",
    "target-group": "ALB",
};

/** The participant of a hop; the service and its handler share the service's lifeline. */
function participantOf(kind: string, route: RouteTrace): string {
    return PARTICIPANTS[kind] ?? (kind === "service" || kind === "handler" ? `service ${route.service ?? "?"}` : kind);
}

/** Sequence-diagram text: no line breaks or statement separators, entities for what Mermaid would read as syntax. */
function text(s: string): string {
    return mermaidText(s.replace(/\s*[\r\n;]+\s*/g, ", "));
}

/**
 * One sequence diagram for one public route: the viewer's request, then each hop the route analysis
 * followed, in order; a hop that stays with the same participant is a note on its lifeline. A
 * route that reaches no handler ends in a red block naming where it ends instead.
 */
export function routeSequence(route: RouteTrace): string {
    const lines = ["sequenceDiagram", "    autonumber", "    participant viewer as Viewer"];
    const aliases = new Map<string, string>();
    const alias = (label: string) => {
        let a = aliases.get(label);
        if (a === undefined) {
            a = `p${aliases.size + 1}`;
            aliases.set(label, a);
            lines.push(`    participant ${a} as ${text(label)}`);
        }
        return a;
    };
    // Declare participants first, in the order the request meets them, so lifelines read left to right.
    const labels = route.hops.map((h) => participantOf(h.kind, route));
    labels.forEach(alias);
    let at = "viewer";
    route.hops.forEach((hop, i) => {
        const to = alias(labels[i]);
        const what = text(hop.detail ? `${hop.name} (${hop.detail})` : hop.name);
        if (to === at) {
            lines.push(`    Note over ${to}: ${what}`);
        } else {
            lines.push(`    ${at}->>${to}: ${i === 0 ? `${text(route.method)} ${text(route.path)}, ` : ""}${what}`);
            at = to;
        }
    });
    if (route.failure !== undefined) {
        lines.push("    rect rgb(255, 220, 220)", `    Note over ${at}: NO HANDLER, ${text(route.failure)}`, "    end");
    } else {
        lines.push(`    ${at}-->>viewer: response`);
    }
    return lines.join("\n");
}

/** The routes in a stable order: by path, then method. */
export function sortedRoutes(report: RouteReport): RouteTrace[] {
    return [...report.routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
