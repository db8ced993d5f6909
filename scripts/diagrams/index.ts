import { EnvironmentPlan } from "../lib/plan-env";
import { EarlierSections, PlanSection } from "../lib/plan-sections";
import { FlowReport, RouteReport } from "../analysis/types";
import { architectureDiagram } from "./architecture";
import { flowDiagram, flowSummary } from "./flows";
import { routeSequence, sortedRoutes } from "./routes";

export const DIAGRAMS_FILE = "diagrams.md";

function fence(mermaid: string): string {
    return ["```mermaid", mermaid, "```"].join("\n");
}

/**
 * The Markdown page of an environment's diagrams: the architecture, one sequence diagram per
 * public route (from the request-path analysis) and the network flows (from the reachability
 * analysis). Everything is ordered by name or by the plan's deploy order, so two runs over the
 * same plan give the same bytes and a change shows as a readable diff.
 */
export function diagramsMarkdown(plan: EnvironmentPlan, flows?: FlowReport, routes?: RouteReport, headingLevel = 1): string {
    const h = (n: number) => "#".repeat(headingLevel + n - 1);
    const parts = [
        `${h(1)} Diagrams of ${plan.env}`,
        "",
        `Generated from the offline plan of \`${plan.env}\` (${plan.stacks.length} stacks, ${plan.stacks.reduce((n, s) => n + s.resources.length, 0)} resources) by \`npm run plan -- --env ${plan.env}\`; do not edit by hand. Every box names the planned resources it stands for in a \`%% node\` comment.`,
        "",
        `${h(2)} Architecture`,
        "",
        "Stacks are groups; protected resources have a thick purple border and say so; a thick arrow is a call through the mesh, a dotted one a control relation (filtering, authorizing, alarms).",
        "",
        fence(architectureDiagram(plan)),
    ];
    if (routes !== undefined) {
        const sorted = sortedRoutes(routes);
        const failing = sorted.filter((r) => r.failure !== undefined).length;
        parts.push("", `${h(2)} Request paths`, "", `${sorted.length} public routes, ${sorted.length - failing} reach a handler${failing ? `, **${failing} do not** (red)` : ""}.`);
        for (const route of sorted) {
            parts.push("", `${h(3)} ${route.method} ${route.path}`, "", fence(routeSequence(route)));
        }
    }
    if (flows !== undefined) {
        parts.push("", `${h(2)} Network flows`, "", `${flowSummary(flows)}. Red arrows are required flows that are blocked or flows that are open but must not be, each naming the rule that decides it.`, "", fence(flowDiagram(flows)));
    }
    return `${parts.join("\n")}\n`;
}

/** Reads the reports of the flow and route analyses when they ran before this section. */
export function earlierReports(earlier: EarlierSections): { flows?: FlowReport; routes?: RouteReport } {
    return {
        flows: earlier.get("flows")?.environment as FlowReport | undefined,
        routes: earlier.get("routes")?.environment as RouteReport | undefined,
    };
}

export const diagramsSection: PlanSection = {
    name: "diagrams",
    title: "diagrams",
    run(plan, earlier) {
        const { flows, routes } = earlierReports(earlier);
        const md = diagramsMarkdown(plan, flows, routes);
        return {
            lines: [`  .plan/${plan.env}/${DIAGRAMS_FILE}: architecture${routes ? `, ${routes.routes.length} request paths` : ""}${flows ? `, ${flows.flows.length} network flows` : ""} (Mermaid)`],
            files: { [DIAGRAMS_FILE]: md },
            failures: [],
        };
    },
};
