import * as fs from "fs";
import * as path from "path";
import type { StackPlan } from "./plan";
import { failures, formatReport, StackReport } from "./report";
import { SUPPRESSIONS } from "./suppressions";
import type { StackTranslation } from "./translate";

export interface StackValidationResult {
    readonly plan: StackPlan;
    readonly translation: StackTranslation;
    readonly report: StackReport;
}

/**
 * What `npm run validate` (and `npm run plan -- --validate`) reports for an environment: writes the
 * templates under `<planDir>/cfn/` and `<planDir>/validation.json`, prints each stack's report and the
 * suppressions nothing used; returns whether any stack fails.
 */
export function reportEnvironment(env: string, planDir: string, results: readonly StackValidationResult[]): boolean {
    const templateDir = path.join(planDir, "cfn");
    fs.mkdirSync(templateDir, { recursive: true });
    for (const { plan, translation } of results) {
        for (const { region, template } of translation.templates) {
            fs.writeFileSync(path.join(templateDir, `${plan.project}.${region}.json`), `${JSON.stringify(template, null, 2)}\n`);
        }
    }
    const stacks = results.map((r) => r.report);
    console.log(stacks.map(formatReport).join("\n\n"));
    const used = new Set(stacks.flatMap((s) => s.suppressed.map((f) => f.reason)));
    for (const unused of SUPPRESSIONS.filter((s) => !used.has(s.reason))) {
        console.log(`note: the suppression of ${unused.ruleId} on ${unused.logicalId ?? unused.resourceType ?? "any resource"} matched nothing in ${env}; remove it if no environment needs it`);
    }
    const reportFile = path.join(planDir, "validation.json");
    fs.writeFileSync(reportFile, `${JSON.stringify({ stacks }, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), reportFile)}`);
    return stacks.some((s) => failures(s).length > 0);
}
