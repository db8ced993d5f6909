import { stackImports } from "./imports";
import { REGISTRY } from "./mappings";
import { StackPlan } from "./plan";
import { stackReport, StackReport } from "./report";
import { Suppression, SUPPRESSIONS } from "./suppressions";
import { StackTranslation, translateStack } from "./translate";
import { templateFindings, TemplateValidator } from "./validator";

export interface StackValidation {
    readonly translation: StackTranslation;
    readonly report: StackReport;
}

/** A stack's translation; `others` are the stacks it may read through `StackReference`, whose outputs become template parameters. */
export function translateForValidation(plan: StackPlan, others: readonly StackPlan[]): StackTranslation {
    return translateStack(plan, REGISTRY, stackImports(others));
}


/** The whole path for one stack: planned resources, translation, AWS's validator, report. */
export function validateStack(
    plan: StackPlan,
    validator: TemplateValidator,
    others: readonly StackPlan[] = [],
    suppressions: readonly Suppression[] = SUPPRESSIONS,
): StackValidation {
    const translation = translateForValidation(plan, others);
    return { translation, report: stackReport(translation, templateFindings(plan.project, translation, validator), suppressions) };
}
