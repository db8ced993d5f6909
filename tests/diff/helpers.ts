import type { PlannedResource, StackPlan } from "../../scripts/validate/plan";
import { diffEnvironment } from "../../scripts/diff/diff";
import type { EnvironmentDiff, ResourceChange } from "../../scripts/diff/types";

type MutablePlan = StackPlan & { resources: (PlannedResource & { inputs: Record<string, unknown> })[] };

/** A deep copy of a real plan, to edit as a change to the programs would. */
export function copyOf(stacks: readonly StackPlan[]): MutablePlan[] {
    return structuredClone(stacks) as MutablePlan[];
}

/** The one resource of a type (and name part) in a plan. */
export function resourceOf(stacks: readonly MutablePlan[], type: string, nameIncludes = ""): PlannedResource & { inputs: Record<string, unknown> } {
    const found = stacks.flatMap((s) => s.resources).filter((r) => r.type === type && r.name.includes(nameIncludes));
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named *${nameIncludes}*, found ${found.length}`);
    }
    return found[0];
}

export function diffOf(base: readonly StackPlan[], head: readonly StackPlan[], production = true, allowReplace: string[] = []): EnvironmentDiff {
    return diffEnvironment(base, head, { env: "prod", base: "test", production, allowReplace });
}

export function changesOf(diff: EnvironmentDiff): ResourceChange[] {
    return diff.stacks.flatMap((s) => s.changes);
}

/** `action type name` of every change, sorted: what a reviewer reads first. */
export function summary(diff: EnvironmentDiff): string[] {
    return changesOf(diff).map((c) => `${c.action} ${c.type} ${c.name}`).sort();
}

/**
 * Renames a component the way editing its `new X(name, ...)` would: its URN, its descendants' URNs
 * (their parent chain) and the names of children named after it; with `alias`, the component
 * declares its old URN as an alias.
 */
export function renameComponent(stacks: MutablePlan[], urn: string, newName: string, alias: boolean): void {
    const stack = stacks.find((s) => s.resources.some((r) => r.urn === urn))!;
    const component = stack.resources.find((r) => r.urn === urn)!;
    const oldName = component.name;
    const renamed = new Map<string, string>();
    const rename = (r: PlannedResource & { inputs: Record<string, unknown> }, parentUrn: string | undefined): void => {
        const name = r.urn === urn ? newName : r.name.startsWith(oldName) ? newName + r.name.slice(oldName.length) : r.name;
        const parentType = parentUrn === undefined ? undefined : parentUrn.split("::")[2].split("$").pop();
        const parts = r.urn.split("::");
        const newUrn = `${parts[0]}::${parts[1]}::${parentType === undefined ? parts[2] : `${parentType}$${r.type}`}::${name}`;
        renamed.set(r.urn, newUrn);
        Object.assign(r, { urn: newUrn, name, parent: parentUrn ?? r.parent, ...(r.urn === urn && alias ? { aliases: [urn] } : {}) });
    };
    const walk = (oldParent: string, newParent: string) => {
        for (const child of stack.resources.filter((r) => r.parent === oldParent)) {
            const before = child.urn;
            rename(child, newParent);
            walk(before, child.urn);
        }
    };
    rename(component, undefined);
    walk(urn, component.urn);
    for (const r of stack.resources) {
        Object.assign(r, { dependsOn: r.dependsOn.map((d) => renamed.get(d) ?? d) });
    }
}
