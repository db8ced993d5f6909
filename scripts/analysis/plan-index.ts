import { EnvironmentPlan } from "../lib/plan-env";
import { PlannedResource } from "../lib/mock-runtime";

/** A planned resource with the stack (project) it belongs to. */
export interface StackResource extends PlannedResource {
    readonly stack: string;
}

/** Every string inside a value, depth first, in key order. */
function strings(value: unknown, out: string[] = []): string[] {
    if (typeof value === "string") {
        out.push(value);
    } else if (Array.isArray(value)) {
        value.forEach((v) => strings(v, out));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((v) => strings(v, out));
    }
    return out;
}

/** The values other resources use to point at this one: its id, its ARN, and the host names AWS gives it. */
function handles(r: PlannedResource): string[] {
    const state = r.state ?? {};
    const named = Object.entries(state)
        .filter(([k, v]) => typeof v === "string" && /(arn|DomainName|dnsName)$/i.test(k))
        .map(([, v]) => v as string);
    return [r.id, ...named].filter((v): v is string => typeof v === "string" && v.length >= 8);
}

/**
 * The resources of a whole environment with the references between them, across stacks. A
 * StackReference hands a later stack the earlier stack's values, so a reference shows as one
 * resource's input holding another's id, ARN or host name (or a host name under it, as
 * `<api id>.execute-api...` is under the API's id): what the deployed system would wire together.
 */
export class PlanIndex {
    readonly resources: readonly StackResource[];
    private readonly byHandle = new Map<string, StackResource>();
    private readonly byIdOrArn = new Map<string, StackResource>();
    private readonly byType = new Map<string, StackResource[]>();
    private readonly refs = new Map<string, StackResource[]>();

    constructor(readonly plan: EnvironmentPlan) {
        this.resources = plan.stacks.flatMap((s) => s.resources.map((r) => ({ ...r, stack: s.project })));
        for (const r of this.resources) {
            this.byType.set(r.type, [...(this.byType.get(r.type) ?? []), r]);
            for (const ref of [r.id, r.state?.arn]) {
                if (typeof ref === "string" && !this.byIdOrArn.has(ref)) {
                    this.byIdOrArn.set(ref, r);
                }
            }
            for (const h of handles(r)) {
                if (!this.byHandle.has(h)) {
                    this.byHandle.set(h, r);
                }
            }
        }
    }

    /** The resources of exactly this type. */
    of(type: string): StackResource[] {
        return this.byType.get(type) ?? [];
    }

    /** The resource of that type whose id or ARN is `ref`. */
    ref(type: string, ref: unknown): StackResource | undefined {
        const r = typeof ref === "string" ? this.byIdOrArn.get(ref) : undefined;
        return r?.type === type ? r : undefined;
    }

    ofType(suffix: string, stack?: string): StackResource[] {
        return this.resources.filter((r) => r.type.endsWith(suffix) && (stack === undefined || r.stack === stack));
    }

    /** The resources this one's inputs point at. */
    referencedBy(r: PlannedResource): StackResource[] {
        let found = this.refs.get(r.urn);
        if (found === undefined) {
            found = this.pointedAt(r.inputs).filter((x) => x.urn !== r.urn);
            this.refs.set(r.urn, found);
        }
        return found;
    }

    /** The resources a value (an input, or a part of one) points at. */
    pointedAt(value: unknown): StackResource[] {
        const set = new Set<StackResource>();
        for (const s of strings(value)) {
            const dot = s.indexOf(".");
            const hit = this.byHandle.get(s) ?? (dot > 0 ? this.byHandle.get(s.slice(0, dot)) : undefined);
            if (hit !== undefined) {
                set.add(hit);
            }
        }
        return [...set];
    }

    /** Whether `from`'s inputs point at `to`. */
    refers(from: PlannedResource, to: PlannedResource): boolean {
        return this.referencedBy(from).some((r) => r.urn === to.urn);
    }

    /** The resources whose inputs point at `to`, of a type. */
    referrers(to: PlannedResource, suffix: string): StackResource[] {
        return this.ofType(suffix).filter((r) => this.refers(r, to));
    }
}

/** A short name for a resource: its logical name without the environment prefix. */
export function shortName(r: PlannedResource, env: string): string {
    return r.name.startsWith(`${env}-`) ? r.name.slice(env.length + 1) : r.name;
}

export function input<T = unknown>(r: PlannedResource, key: string): T | undefined {
    return r.inputs[key] as T | undefined;
}
