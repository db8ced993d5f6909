import * as fs from "fs";
import * as path from "path";
import { EnvironmentPlan } from "../lib/plan-env";
import { runPlanSections } from "../lib/plan-sections";
import { PLAN_SECTIONS } from "../analysis";
import { diagramsMarkdown, earlierReports } from ".";

/** The page of the user docs that shows the production diagrams, and the environment it shows. */
export const DOCS_PAGE = "docs/diagrams.md";
export const DOCS_ENV = "prod";
const START = "<!-- generated: diagrams of the plan; `npm run docs:diagrams` rewrites what follows -->";

/** The generated part of the docs page for a plan: the same diagrams the plan writes, a heading level down. */
export async function docsDiagrams(plan: EnvironmentPlan): Promise<string> {
    const results = await runPlanSections(plan, PLAN_SECTIONS.filter((s) => s.name !== "diagrams"));
    const { flows, routes } = earlierReports(new Map(results.map(({ section, result }) => [section.name, result])));
    return diagramsMarkdown(plan, flows, routes, 2);
}

/** The page with its generated part replaced; the hand-written part above the marker is kept. */
export function withGenerated(page: string, generated: string): string {
    const at = page.indexOf(START);
    if (at < 0) {
        throw new Error(`${DOCS_PAGE} has lost its marker line: ${START}`);
    }
    return `${page.slice(0, at)}${START}\n\n${generated}`;
}

export function readDocsPage(root: string): string {
    return fs.readFileSync(path.join(root, DOCS_PAGE), "utf8");
}
