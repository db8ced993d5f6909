import * as path from "path";
import type * as CloudFormationValidate from "aws-cdk-lib/node_modules/@aws/cloudformation-validate";
import { CfnTemplate } from "./cfn";

/**
 * The one place that decides which release of AWS's validator runs. The npm registry offers
 * `@aws/cloudformation-validate` only up to 1.9.0-beta; `aws-cdk-lib` (pinned exactly, a
 * devDependency for this reason only) bundles 1.14.0, the release `cdk synth` validates with. That
 * release builds its engine in about half the time and knows more rules, so this loads the copy
 * inside `aws-cdk-lib` rather than a package of its own.
 */
function loadValidatorModule(): typeof CloudFormationValidate {
    const cdkLib = path.dirname(require.resolve("aws-cdk-lib/package.json"));
    return require(require.resolve("@aws/cloudformation-validate", { paths: [cdkLib] }));
}

/** One diagnostic of AWS's validator, reduced to what the report uses. */
export interface Finding {
    readonly ruleId: string;
    readonly severity: "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG";
    readonly message: string;
    readonly logicalId?: string;
    readonly resourceType?: string;
    readonly propertyPath?: string;
}

export interface TemplateValidator {
    /**
     * Validates a template against AWS's rules for `region`. The region reaches the validator as
     * the `AWS::Region` pseudo-parameter override; it also scopes region-specific rules (instance
     * classes, resource types offered in the region), which otherwise check against every region.
     */
    validate(template: CfnTemplate, region: string, name: string): Finding[];
    /** The ids of every rule the validator knows. */
    ruleIds(): string[];
    free(): void;
}

/** Loads AWS's offline validator. Loading takes about 2 s, so do it once per process. */
export function loadValidator(): TemplateValidator {
    // The engine `cdk synth` uses: the same rules and findings as the `RegoEngine`, built faster.
    const { CompositeEngine } = loadValidatorModule();
    const engine = new CompositeEngine();
    return {
        validate(template, region, name) {
            // The engine reads a template through a `TemplateFile`; this one is in memory.
            const source: CloudFormationValidate.TemplateFile = { path: name, readBytes: () => Buffer.from(JSON.stringify(template)) };
            const report = engine.validateStandard(source, { pseudoParameterOverrides: { region } });
            if (report.status === "ERROR") {
                throw new Error(`the validator failed on ${name}`);
            }
            return report.diagnostics.map((d) => ({
                ruleId: d.ruleId,
                severity: d.severity,
                message: d.message,
                logicalId: d.entity?.logicalId,
                resourceType: d.entity?.resourceType,
                propertyPath: d.propertyPath,
            }));
        },
        ruleIds: () => engine.listRules().map((rule) => rule.id),
        free: () => engine.free(),
    };
}
