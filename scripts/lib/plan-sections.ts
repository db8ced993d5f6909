import { EnvironmentPlan } from "./plan-env";

/**
 * What one analysis of a whole environment's plan contributes to `npm run plan`: lines to print
 * after the stacks, data for each stack's JSON and for the environment's own file, and failures
 * that make the plan exit non-zero. Analyses are pure functions of the plan, so tests call them on
 * hand-built or real plans without running the command.
 */
export interface PlanSectionResult {
    /** Printed after the stacks, under the section's title. */
    readonly lines: readonly string[];
    /** Per stack (by project name): stored under the section's name in `.plan/<env>/<project>.json`. */
    readonly perStack?: Readonly<Record<string, unknown>>;
    /** Written to `.plan/<env>/<name>.json` when present. */
    readonly environment?: unknown;
    /** Each one a reason the environment would not work or is not allowed; any makes the plan fail. */
    readonly failures: readonly string[];
    /** Other files for `.plan/<env>/`, by file name (e.g. rendered documents). */
    readonly files?: Readonly<Record<string, string>>;
}

/** Results of the sections that ran before, by section name: later sections may build on them. */
export type EarlierSections = ReadonlyMap<string, PlanSectionResult>;

export interface PlanSection {
    /** Short, file-name-safe key: the JSON field and the environment file's name. */
    readonly name: string;
    /** The heading printed above the lines. */
    readonly title: string;
    run(plan: EnvironmentPlan, earlier: EarlierSections): PlanSectionResult | Promise<PlanSectionResult>;
}

/** Runs every section in order; a section that throws fails the plan naming it. */
export async function runPlanSections(plan: EnvironmentPlan, sections: readonly PlanSection[]): Promise<{ section: PlanSection; result: PlanSectionResult }[]> {
    const results: { section: PlanSection; result: PlanSectionResult }[] = [];
    const earlier = new Map<string, PlanSectionResult>();
    for (const section of sections) {
        try {
            const result = await section.run(plan, earlier);
            earlier.set(section.name, result);
            results.push({ section, result });
        } catch (e) {
            throw new Error(`plan section "${section.name}" failed: ${e instanceof Error ? e.message : String(e)}`);
        }
    }
    return results;
}
