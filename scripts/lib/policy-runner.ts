import {
    EnforcementLevel, Policies, PolicyResource, PolicyResourceOptions, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from "@pulumi/policy";
import { PlannedResource } from "./mock-runtime";

/**
 * Runs the policy pack's policies in-process over a planned stack, the way the Pulumi CLI's policy
 * analyzer would: every resource policy's `validateResource` on every custom resource, every stack
 * policy's `validateStack` on the whole stack. No PolicyPack is constructed (that starts a gRPC
 * server; docs/design.md).
 */

export interface PolicyFinding {
    readonly policy: string;
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly message: string;
}

/** Per-policy config, as `--policy-pack-config` gives it: `{ "<policy>": { enforcementLevel?, ...props } }`. */
export type PolicyPackConfig = Record<string, { enforcementLevel?: EnforcementLevel } & Record<string, unknown>>;

/**
 * What a policy throws to say it does not apply to a resource: a signal the runner always catches,
 * thrown for most policy and resource pairs, so it is not an `Error` and captures no stack trace.
 */
class NotApplicable {
    constructor(readonly message: string) {}
}

type ResourceFn = (args: ResourceValidationArgs, report: (message: string, urn?: string) => void) => Promise<void> | void;

/** What `isType`/`asType` compare against: the type token generated resource classes carry. */
function typeTokenOf(resourceClass: unknown): string | undefined {
    const c = resourceClass as { __pulumiType?: string; prototype?: { __pulumiType?: string } };
    return c.__pulumiType ?? c.prototype?.__pulumiType;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = typeTokenOf(resourceClass);
    if (token !== undefined) {
        return token === type;
    }
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: PlannedResource): PolicyResourceOptions {
    return {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent !== undefined ? { parent: r.parent } : {}),
    };
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "Policy does not apply");
}

function levelOf(policy: ResourceValidationPolicy | StackValidationPolicy, config: PolicyPackConfig): EnforcementLevel {
    return config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
}

function configOf(policyName: string, config: PolicyPackConfig) {
    return <T extends object>(): T => {
        const { enforcementLevel: _ignored, ...props } = config[policyName] ?? {};
        return props as T;
    };
}

/** Runs every policy over one stack's resources; returns the violations, mandatory ones first. */
export async function runPolicies(resources: readonly PlannedResource[], policies: Policies, config: PolicyPackConfig = {}): Promise<PolicyFinding[]> {
    const findings: PolicyFinding[] = [];
    const custom = resources.filter((r) => r.custom);
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const policy of policies) {
        const level = levelOf(policy, config);
        if (level === "disabled") {
            continue;
        }
        // "remediate" reports as mandatory when a violation is left, as the CLI does.
        const enforcementLevel = level === "advisory" ? "advisory" : "mandatory";
        const getConfig = configOf(policy.name, config);
        if ("validateStack" in policy) {
            const policyResources = stackResources(resources);
            const args: StackValidationArgs = { resources: [...policyResources.values()], stackTags: new Map(), getConfig, notApplicable: throwNotApplicable };
            try {
                await policy.validateStack(args, (message, urn) => {
                    const r = urn !== undefined ? byUrn.get(urn) : undefined;
                    findings.push({ policy: policy.name, enforcementLevel, urn: urn ?? "", type: r?.type ?? "", name: r?.name ?? "", message });
                });
            } catch (e) {
                if (!(e instanceof NotApplicable)) {
                    throw new Error(`policy ${policy.name} failed: ${(e as Error).message}`);
                }
            }
            continue;
        }
        const validations = (Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : []) as ResourceFn[];
        for (const r of custom) {
            const args: ResourceValidationArgs = {
                type: r.type,
                props: r.inputs,
                urn: r.urn,
                name: r.name,
                opts: optionsOf(r),
                stackTags: new Map(),
                isType: (cls) => isTypeOf(r.type, cls),
                asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? r.inputs : undefined)) as ResourceValidationArgs["asType"],
                getConfig,
                notApplicable: throwNotApplicable,
            };
            for (const validate of validations) {
                try {
                    await validate(args, (message) => findings.push({ policy: policy.name, enforcementLevel, urn: r.urn, type: r.type, name: r.name, message }));
                } catch (e) {
                    if (!(e instanceof NotApplicable)) {
                        throw new Error(`policy ${policy.name} failed on ${r.urn}: ${(e as Error).message}`);
                    }
                }
            }
        }
    }
    return findings.sort((a, b) => (a.enforcementLevel === b.enforcementLevel ? 0 : a.enforcementLevel === "mandatory" ? -1 : 1));
}

/** The stack's resources as a stack policy sees them, with parents and dependencies linked. */
function stackResources(resources: readonly PlannedResource[]): Map<string, PolicyResource> {
    const out = new Map<string, PolicyResource>();
    for (const r of resources) {
        out.set(r.urn, {
            type: r.type,
            props: r.inputs,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (cls) => isTypeOf(r.type, cls),
            asType: ((cls: unknown) => (isTypeOf(r.type, cls) ? r.inputs : undefined)) as PolicyResource["asType"],
        });
    }
    for (const r of resources) {
        const pr = out.get(r.urn)!;
        pr.dependencies.push(...r.dependsOn.map((u) => out.get(u)).filter((x): x is PolicyResource => x !== undefined));
        if (r.parent !== undefined && out.has(r.parent)) {
            pr.parent = out.get(r.parent);
        }
    }
    return out;
}

/** Printable lines of a stack's findings: mandatory ones and advisory ones, each listed. */
export function formatFindings(findings: readonly PolicyFinding[]): string[] {
    const mandatory = findings.filter((f) => f.enforcementLevel === "mandatory");
    const advisory = findings.filter((f) => f.enforcementLevel === "advisory");
    return [
        `  policy: ${mandatory.length} mandatory violation(s), ${advisory.length} advisory finding(s)`,
        ...mandatory.map((f) => `    MANDATORY ${f.policy}  ${f.type}  ${f.name}: ${f.message}`),
        ...advisory.map((f) => `    advisory  ${f.policy}  ${f.type}  ${f.name}: ${f.message}`),
    ];
}
