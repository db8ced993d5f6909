import { PlanSection } from "../lib/plan-sections";
import { flowsPlanSection } from "./reachability";
import { routesSection } from "./request-paths";
import { SLO_SECTION } from "./slo";
import { diagramsSection } from "../diagrams";

/**
 * The analyses `npm run plan` runs over every environment's plan, in this order. Each lives in its
 * own file of this folder and is registered here, and only here.
 */
export const PLAN_SECTIONS: readonly PlanSection[] = [
    flowsPlanSection,
    routesSection,
    SLO_SECTION,
    // Last: it draws what the analyses before it found.
    diagramsSection,
];
