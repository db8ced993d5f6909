import type { EnvironmentDiff, ResourceChange, StackDiff } from "./types";

const SYMBOL: Record<ResourceChange["action"], string> = { create: "+", update: "~", replace: "+-", delete: "-" };
const MAX_PROPERTIES = 12;

function counts(stack: StackDiff): string {
    const n = (action: ResourceChange["action"]) => stack.changes.filter((c) => c.action === action).length;
    return `${n("create")} to create, ${n("update")} to update, ${n("replace")} to replace, ${n("delete")} to delete, ${stack.unchanged} unchanged`;
}

function changeLines(c: ResourceChange): string[] {
    const lines = [`  ${SYMBOL[c.action].padEnd(2)} ${c.action.padEnd(7)} ${c.type}  ${c.name}${c.stateful ? "  [stateful]" : ""}`];
    if (c.previousUrn !== undefined) {
        lines.push(`        was ${c.previousUrn}`);
    }
    for (const r of c.replacedBy ?? []) {
        lines.push(`        replaced because ${r.property} changed (${r.certainty === "always" ? "always replaces" : "may replace, depending on the values"}; ${r.basis === "cloudformation" ? "CloudFormation specification" : r.basis === "provider-exception" ? "provider exception table" : "identity"}${r.detail ? `: ${r.detail}` : ""})`);
    }
    c.properties.slice(0, MAX_PROPERTIES).forEach((p) => lines.push(`        ${p.path}: ${p.old ?? "(none)"} -> ${p.new ?? "(none)"}`));
    if (c.properties.length > MAX_PROPERTIES) {
        lines.push(`        … and ${c.properties.length - MAX_PROPERTIES} more changed values (all in diff.json)`);
    }
    (c.notes ?? []).forEach((note) => lines.push(`        note: ${note}`));
    return lines;
}

/** The console report: per stack its changes (one line when unchanged), the permission changes, the gate. */
export function formatDiff(diff: EnvironmentDiff): string[] {
    const lines = [`diff of ${diff.env} against ${diff.base}`];
    for (const stack of diff.stacks) {
        if (stack.changes.length === 0 && stack.permissions.length === 0) {
            lines.push(`\n=== ${stack.project} (stack ${stack.stack}): no changes (${stack.unchanged} resources)`);
            continue;
        }
        lines.push(`\n=== ${stack.project} (stack ${stack.stack}): ${counts(stack)}`);
        stack.changes.forEach((c) => lines.push(...changeLines(c)));
        if (stack.permissions.length > 0) {
            lines.push("  IAM and security-group changes:");
            for (const p of stack.permissions) {
                lines.push(`    ${p.direction === "widened" ? "widened " : "narrowed"}  ${p.kind.padEnd(19)} ${p.columns.filter((col) => col !== "").join(" | ")}`);
            }
        }
    }
    lines.push("", ...gateLines(diff));
    return lines;
}

function gateLines(diff: EnvironmentDiff): string[] {
    if (!diff.production) {
        return [`gate: ${diff.env} is not a production platform; stateful replacements and deletions are listed, not blocked`];
    }
    if (diff.blocked.length === 0) {
        return [`gate: no stateful resource of production ${diff.env} is replaced or deleted${diff.allowed.length > 0 ? ` without --allow-replace (allowed: ${diff.allowed.length})` : ""}`];
    }
    return [
        `gate: FAIL — the change would ${diff.blocked.length === 1 ? "replace or delete this stateful resource" : `replace or delete ${diff.blocked.length} stateful resources`} of production ${diff.env}:`,
        ...diff.blocked.map((c) => `  ${c.action} ${c.type} ${c.name}\n    --allow-replace ${c.urn}`),
        "Data in a replaced or deleted resource is lost. If that is intended, pass --allow-replace <urn> for each.",
    ];
}

/** The job summary of a pull request: a table per environment, replacements and deletions spelled out. */
export function markdownSummary(diff: EnvironmentDiff): string {
    const out = [`### Offline diff of \`${diff.env}\` against \`${diff.base}\``, "", "| stack | create | update | replace | delete | unchanged |", "|---|---|---|---|---|---|"];
    for (const s of diff.stacks) {
        const n = (action: ResourceChange["action"]) => s.changes.filter((c) => c.action === action).length;
        out.push(`| ${s.project} | ${n("create")} | ${n("update")} | ${n("replace")} | ${n("delete")} | ${s.unchanged} |`);
    }
    const serious = diff.stacks.flatMap((s) => s.changes.filter((c) => c.action === "replace" || c.action === "delete").map((c) => ({ s, c })));
    if (serious.length > 0) {
        out.push("", "Replacements and deletions:", "");
        serious.forEach(({ s, c }) => out.push(`- **${c.action}** ${c.stateful ? "(stateful) " : ""}\`${c.type}\` \`${c.name}\` in ${s.project}${c.replacedBy ? `: ${c.replacedBy.map((r) => r.property).join(", ")}` : ""}`));
    }
    const permissions = diff.stacks.flatMap((s) => s.permissions.map((p) => ({ s, p })));
    if (permissions.length > 0) {
        out.push("", "IAM and security-group changes:", "");
        permissions.forEach(({ s, p }) => out.push(`- ${p.direction} (${s.project}, ${p.kind}): \`${p.columns.filter((col) => col !== "").join(" | ")}\``));
    }
    out.push("", diff.blocked.length > 0 ? `**Blocked:** ${diff.blocked.length} stateful replacement(s)/deletion(s) in production without \`--allow-replace\`.` : "Gate: passed.");
    return out.join("\n");
}
