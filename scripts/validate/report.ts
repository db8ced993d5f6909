import { Suppression } from "./suppressions";
import { ResourceNote, StackTranslation, UntranslatedResource } from "./translate";
import { Finding } from "./validator";

/** A validator finding, traced back to the Pulumi resource it is about. */
export interface ReportedFinding extends Finding {
    readonly region: string;
    readonly pulumiType?: string;
    readonly pulumiName?: string;
}

export interface SuppressedFinding {
    readonly ruleId: string;
    readonly logicalId?: string;
    readonly reason: string;
}

export interface StackReport {
    readonly project: string;
    readonly stack: string;
    /** Planned AWS resources (components and providers excluded). */
    readonly resources: number;
    readonly translated: number;
    readonly untranslated: readonly Omit<UntranslatedResource, "urn">[];
    readonly droppedInputs: readonly ResourceNote[];
    readonly placeholders: readonly ResourceNote[];
    readonly errors: readonly ReportedFinding[];
    readonly warnings: readonly ReportedFinding[];
    /** Informational findings, counted by rule. */
    readonly info: Readonly<Record<string, number>>;
    readonly suppressed: readonly SuppressedFinding[];
}

/** Below this share of planned AWS resources translated, the validation does not vouch for the stack. */
export const MIN_TRANSLATED = 0.95;

export function suppressionFor(finding: Finding, suppressions: readonly Suppression[]): Suppression | undefined {
    return suppressions.find((s) =>
        s.ruleId === finding.ruleId
        && (s.resourceType === undefined || s.resourceType === finding.resourceType)
        && (s.logicalId === undefined || s.logicalId === finding.logicalId));
}

export function stackReport(
    translation: StackTranslation,
    findings: readonly (Finding & { readonly region: string })[],
    suppressions: readonly Suppression[],
): StackReport {
    const errors: ReportedFinding[] = [];
    const warnings: ReportedFinding[] = [];
    const info: Record<string, number> = {};
    const suppressed: SuppressedFinding[] = [];
    for (const finding of findings) {
        const origin = finding.logicalId === undefined ? undefined : translation.origins[finding.logicalId];
        const reported: ReportedFinding = { ...finding, pulumiType: origin?.type, pulumiName: origin?.name };
        const isError = finding.severity === "FATAL" || finding.severity === "ERROR";
        if (!isError && finding.severity !== "WARN") {
            info[finding.ruleId] = (info[finding.ruleId] ?? 0) + 1;
            continue;
        }
        const suppression = suppressionFor(finding, suppressions);
        if (suppression !== undefined) {
            suppressed.push({ ruleId: finding.ruleId, logicalId: finding.logicalId, reason: suppression.reason });
        } else {
            (isError ? errors : warnings).push(reported);
        }
    }
    return {
        project: translation.project,
        stack: translation.stack,
        resources: translation.awsResources,
        translated: translation.translated,
        untranslated: translation.untranslated.map(({ type, name, reason }) => ({ type, name, reason })),
        droppedInputs: translation.droppedInputs,
        placeholders: translation.placeholders,
        errors,
        warnings,
        info,
        suppressed,
    };
}

export function translatedShare(report: StackReport): number {
    return report.resources === 0 ? 1 : report.translated / report.resources;
}

/** Why a stack fails validation; empty when it passes. */
export function failures(report: StackReport): string[] {
    const reasons: string[] = [];
    if (report.errors.length > 0) {
        reasons.push(`${report.errors.length} error(s)`);
    }
    if (translatedShare(report) < MIN_TRANSLATED) {
        reasons.push(`only ${percent(translatedShare(report))} of the AWS resources translated (needs ${percent(MIN_TRANSLATED)})`);
    }
    return reasons;
}

function percent(share: number): string {
    return `${(share * 100).toFixed(1)}%`;
}

const MAX_MESSAGE = 240;

function findingLine(f: ReportedFinding): string {
    const where = f.logicalId === undefined ? "(template)" : `${f.logicalId}${f.pulumiName === undefined ? "" : ` [${f.pulumiType} ${f.pulumiName}]`}`;
    const message = f.message.length > MAX_MESSAGE ? `${f.message.slice(0, MAX_MESSAGE)}…` : f.message;
    return `    ${f.ruleId} ${where}${f.propertyPath === undefined ? "" : ` ${f.propertyPath}`}: ${message}`;
}

function countsByRule(entries: readonly { ruleId: string }[]): string {
    const counts = new Map<string, number>();
    entries.forEach((e) => counts.set(e.ruleId, (counts.get(e.ruleId) ?? 0) + 1));
    return [...counts].map(([rule, n]) => `${rule}×${n}`).join(", ");
}

/** The console summary of one stack: errors and warnings per resource, the rest as counts. */
export function formatReport(report: StackReport): string {
    const lines = [
        `${report.project}/${report.stack}: ${report.resources} AWS resources, ${report.translated} translated (${percent(translatedShare(report))})`,
    ];
    for (const u of report.untranslated) {
        lines.push(`  untranslated ${u.type} ${u.name}: ${u.reason}`);
    }
    for (const d of report.droppedInputs) {
        lines.push(`  inputs not carried over by the mapping of ${d.type} ${d.name}: ${d.inputs.join(", ")}`);
    }
    for (const p of report.placeholders) {
        lines.push(`  placeholders for unknown inputs of ${p.type} ${p.name}: ${p.inputs.join(", ")}`);
    }
    lines.push(`  errors: ${report.errors.length}`, ...report.errors.map(findingLine));
    lines.push(`  warnings: ${report.warnings.length}`, ...report.warnings.map(findingLine));
    if (Object.keys(report.info).length > 0) {
        lines.push(`  info: ${Object.entries(report.info).map(([rule, n]) => `${rule}×${n}`).join(", ")}`);
    }
    if (report.suppressed.length > 0) {
        lines.push(`  suppressed: ${countsByRule(report.suppressed)} (reasons in scripts/validate/suppressions.ts)`);
    }
    const failed = failures(report);
    lines.push(failed.length === 0 ? "  PASS" : `  FAIL: ${failed.join("; ")}`);
    return lines.join("\n");
}
