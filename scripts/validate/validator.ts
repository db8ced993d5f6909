import * as path from "path";
import type * as CloudFormationValidate from "aws-cdk-lib/node_modules/@aws/cloudformation-validate";
import { CfnTemplate } from "./cfn";
import type { RegionalTemplate } from "./translate";

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

/**
 * V8 flags for a process that runs the validator (`npm run validate`, and the validator's process of
 * `npm run plan -- --validate`), measured on prod's templates. The engine is 9 MB of WebAssembly:
 * by default V8 compiles it with its baseline compiler (Liftoff) and again, in background threads,
 * with its optimizing one, and marks the large heap with concurrent GC threads. For four templates
 * the optimized code never pays back: with Liftoff only and GC on the main thread, loading and
 * validating takes 2.0 s of CPU instead of 6.1 s, and 2.0 s of wall time instead of 3.3 s.
 * They are process-wide (a worker thread cannot have its own), so the plan's own process keeps
 * V8's defaults, which suit it better. package.json's `validate` script passes the same flags;
 * a test checks that the two agree.
 */
export const VALIDATOR_NODE_FLAGS: readonly string[] = ["--liftoff-only", "--single-threaded-gc"];

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

/**
 * The validator's findings on every template of a stack's translation, each with its region. Here,
 * beside the validator, so that the validator's process (pipeline.ts) uses it without loading the
 * translation.
 */
export function templateFindings(project: string, translation: { readonly templates: readonly RegionalTemplate[] }, validator: Pick<TemplateValidator, "validate">): (Finding & { region: string })[] {
    return translation.templates.flatMap(({ region, template }) =>
        validator.validate(template, region, `${project}.${region}.json`).map((finding) => ({ ...finding, region })));
}
