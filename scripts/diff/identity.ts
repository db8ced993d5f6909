import { urnOf } from "../lib/mock-runtime";
import type { PlannedResource } from "../validate/plan";

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` into its parts. */
export function urnParts(urn: string): { stack: string; project: string; qualifiedType: string; name: string } {
    const [head, project, qualifiedType, ...name] = urn.split("::");
    return { stack: head.replace(/^urn:pulumi:/, ""), project, qualifiedType, name: name.join("::") };
}

/**
 * Every URN a resource answers to: its own aliases, and those it inherits from its parent's, as the
 * Pulumi engine derives them (a child named after its parent follows the parent's old name).
 */
export function effectiveAliases(resources: readonly PlannedResource[]): Map<string, string[]> {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const memo = new Map<string, string[]>();
    const aliasesOf = (r: PlannedResource): string[] => {
        const known = memo.get(r.urn);
        if (known !== undefined) {
            return known;
        }
        memo.set(r.urn, []);
        const parent = r.parent === undefined ? undefined : byUrn.get(r.parent);
        const inherited = parent === undefined ? [] : aliasesOf(parent).map((parentAlias) => {
            const { stack, project, name: parentAliasName } = urnParts(parentAlias);
            const name = r.name.startsWith(parent.name) ? parentAliasName + r.name.slice(parent.name.length) : r.name;
            return urnOf(stack, project, r.type, name, parentAlias);
        });
        const all = [...new Set([...(r.aliases ?? []), ...inherited])];
        memo.set(r.urn, all);
        return all;
    };
    resources.forEach(aliasesOf);
    return memo;
}

/**
 * Pairs the resources of two plans of a stack by identity: the same URN, or a new URN whose alias is
 * an old URN that no new resource has. Returns new URN -> old URN for every pair. A URN seen on one
 * side only is a create or a delete, whatever its inputs: the URN is the identity.
 */
export function matchIdentities(base: readonly PlannedResource[], head: readonly PlannedResource[]): Map<string, string> {
    const baseUrns = new Set(base.map((r) => r.urn));
    const headUrns = new Set(head.map((r) => r.urn));
    const aliases = effectiveAliases(head);
    const pairs = new Map<string, string>();
    const claimed = new Set<string>();
    for (const r of head) {
        if (baseUrns.has(r.urn)) {
            pairs.set(r.urn, r.urn);
            continue;
        }
        const previous = (aliases.get(r.urn) ?? []).find((urn) => baseUrns.has(urn) && !headUrns.has(urn) && !claimed.has(urn));
        if (previous !== undefined) {
            claimed.add(previous);
            pairs.set(r.urn, previous);
        }
    }
    return pairs;
}
