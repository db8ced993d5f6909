import { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";

/**
 * Helpers shared by the policies. A policy cannot call `pulumi.getStack()` (it runs in the policy
 * analyzer, not in the program) and `ResourceValidationArgs` carries no stack name, but every URN
 * does (`urn:pulumi:<stack>::<project>::<type>::<name>`), under the CLI and in the offline plan alike.
 */

/** Stacks where data protection is mandatory unless the pack's config names others. */
export const DEFAULT_PROTECTED_STACKS = ["prod"];

/** Config of the environment-dependent policies (`pulumi preview --policy-pack-config`). */
export interface ProtectedStacksConfig {
    readonly protectedStacks?: string[];
}

/** The config schema those policies declare, so the CLI validates a user's override. */
export const PROTECTED_STACKS_SCHEMA = {
    properties: {
        protectedStacks: { type: "array" as const, items: { type: "string" as const }, default: DEFAULT_PROTECTED_STACKS },
    },
};

/** The stack name inside a URN, or undefined for a malformed one. */
export function stackOfUrn(urn: string): string | undefined {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m?.[1];
}

/** Whether the resource belongs to a stack where data protection is mandatory. */
export function inProtectedStack(args: Pick<ResourceValidationArgs, "urn" | "getConfig">): boolean {
    const protectedStacks = args.getConfig<ProtectedStacksConfig>().protectedStacks ?? DEFAULT_PROTECTED_STACKS;
    const stack = stackOfUrn(args.urn);
    return stack !== undefined && protectedStacks.includes(stack);
}

/** A JSON document given as a string (how the program passes policies) or as an object. */
export function parseDocument(doc: unknown): Record<string, unknown> | undefined {
    if (typeof doc === "string") {
        try {
            return JSON.parse(doc) as Record<string, unknown>;
        } catch {
            return undefined;
        }
    }
    return doc !== null && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
}

/** The statements of an IAM-style document, always as a list. */
export function statementsOf(doc: unknown): Record<string, unknown>[] {
    const parsed = parseDocument(doc);
    const s = parsed?.Statement;
    return Array.isArray(s) ? (s as Record<string, unknown>[]) : s !== undefined ? [s as Record<string, unknown>] : [];
}

/** A string-or-list field (Action, Resource) as a list. */
export function listOf(value: unknown): string[] {
    return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
}

/** The container definitions of a task definition, parsed from the JSON string ECS takes. */
export function containersOf(containerDefinitions: unknown): Record<string, unknown>[] {
    const parsed = typeof containerDefinitions === "string" ? (() => {
        try {
            return JSON.parse(containerDefinitions) as unknown;
        } catch {
            return undefined;
        }
    })() : containerDefinitions;
    return Array.isArray(parsed) ? (parsed as Record<string, unknown>[]) : [];
}

/** Whether some resource of `type` depends on `target` (how a companion resource points at what it configures). */
export function hasCompanion(resources: PolicyResource[], type: string, target: PolicyResource): boolean {
    return resources.some((r) => r.type === type && r.dependencies.some((d) => d.urn === target.urn));
}

