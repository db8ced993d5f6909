import { stackImports } from "./imports";
import { REGISTRY } from "./mappings";
import { StackPlan } from "./plan";
import { stackReport, StackReport } from "./report";
import { Suppression, SUPPRESSIONS } from "./suppressions";
import { StackTranslation, translateStack } from "./translate";
import { TemplateValidator } from "./validator";

export interface StackValidation {
    readonly translation: StackTranslation;
    readonly report: StackReport;
}

/**
 * The whole path for one stack: planned resources, translation, AWS's validator, report. `others`
 * are the stacks it may read through `StackReference`; their outputs become template parameters.
 */
export function validateStack(
    plan: StackPlan,
    validator: TemplateValidator,
    others: readonly StackPlan[] = [],
    suppressions: readonly Suppression[] = SUPPRESSIONS,
): StackValidation {
    const translation = translateStack(plan, REGISTRY, stackImports(others));
    const findings = translation.templates.flatMap(({ region, template }) =>
        validator.validate(template, region, `${plan.project}.${region}.json`).map((finding) => ({ ...finding, region })));
    return { translation, report: stackReport(translation, findings, suppressions) };
}
