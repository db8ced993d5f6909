import * as fs from "fs";
import * as path from "path";
import type { PlannedResource } from "../lib/mock-runtime";

/** One resource of the offline plan (`.plan/<env>/<project>.json`), as `npm run plan` records it. */
export type { PlannedResource };

export interface StackPlan {
    readonly project: string;
    readonly stack: string;
    readonly region: string;
    readonly resources: readonly PlannedResource[];
    /** The stack's outputs: what later stacks read through `StackReference`. */
    readonly outputs?: Readonly<Record<string, unknown>>;
}

/**
 * Resources of the AWS provider. Component resources (`platform:*`, the stack) and providers are
 * Pulumi constructs; resources of other providers (`random:*`) never reach AWS.
 */
export function isAwsResource(resource: PlannedResource): boolean {
    return resource.custom && resource.type.startsWith("aws:");
}

export function isAwsProvider(resource: PlannedResource): boolean {
    return resource.type === "pulumi:providers:aws";
}

/** The provider URN of a provider reference (`urn::id`); URNs contain `::` themselves, the id does not. */
export function providerUrn(reference: string): string {
    return reference.slice(0, reference.lastIndexOf("::"));
}

function isStackPlan(value: unknown): value is StackPlan {
    const v = value as Partial<StackPlan> | null;
    return typeof v === "object" && v !== null && typeof v.project === "string" && typeof v.stack === "string" && Array.isArray(v.resources);
}

/**
 * Every stack plan of an environment folder. Other JSON files there (the validation report itself)
 * are not plans and are skipped by shape, not by name, so new plan-side files cannot break this.
 * Platform comes first, as the plan deploys it first.
 */
export function readStackPlans(planDir: string): StackPlan[] {
    const plans = fs.readdirSync(planDir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => JSON.parse(fs.readFileSync(path.join(planDir, file), "utf8")) as unknown)
        .filter(isStackPlan);
    return plans.sort((a, b) => rank(a) - rank(b) || a.project.localeCompare(b.project));
}

function rank(plan: StackPlan): number {
    return plan.project === "platform" ? 0 : 1;
}
