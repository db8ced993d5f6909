import { CfnProperties, CfnResource, CfnTemplate, CfnValue, DeletionPolicy, intrinsic, REF } from "./cfn";
import { logicalIdAllocator } from "./logical-ids";
import { Fold, MappingContext, MappingRegistry, ResourceMapping, Translated } from "./mapping";
import { REGISTRY } from "./mappings";
import { PLACEHOLDERS } from "./placeholders";
import { isAwsProvider, isAwsResource, PlannedResource, providerUrn, StackPlan } from "./plan";
import { buildReferenceIndex, ReferenceIndex, ReferenceTarget, resolveString } from "./references";
import { parseJson, Verbatim } from "./values";

export interface ResourceOrigin {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
}

export interface RegionalTemplate {
    readonly region: string;
    readonly template: CfnTemplate;
}

export interface UntranslatedResource {
    readonly type: string;
    readonly name: string;
    readonly reason: string;
}

export interface ResourceNote {
    readonly type: string;
    readonly name: string;
    readonly inputs: readonly string[];
}

export interface StackTranslation {
    readonly project: string;
    readonly stack: string;
    /** Planned resources of the AWS provider (components, providers and other providers' resources excluded). */
    readonly awsResources: number;
    /** AWS resources that became CloudFormation, as a resource of their own or folded into another. */
    readonly translated: number;
    /**
     * One template per region: CloudFormation stacks are regional, and a resource pinned to another
     * region (a CloudFront WAF in us-east-1) must be checked against that region's rules.
     */
    readonly templates: readonly RegionalTemplate[];
    readonly untranslated: readonly UntranslatedResource[];
    /** Inputs the mapping did not carry over and does not declare as having no equivalent. */
    readonly droppedInputs: readonly ResourceNote[];
    /** Inputs the plan left unknown that got a placeholder. */
    readonly placeholders: readonly ResourceNote[];
    /** The Pulumi resource behind each logical id (companions point at the resource they belong to). */
    readonly origins: Readonly<Record<string, ResourceOrigin>>;
}

interface Run {
    readonly resource: PlannedResource;
    readonly origin: ResourceOrigin;
    readonly region: string;
}

interface ResourceRun extends Run {
    readonly mapping: ResourceMapping;
    readonly logicalId: string;
    readonly translated: Translated;
}

interface FoldRun extends Run {
    readonly fold: Fold;
}

/** Inputs that the framework itself carries over. */
const FRAMEWORK_INPUTS = new Set(["region"]);

/**
 * Translates a stack's planned resources into CloudFormation templates. Pure: the same plan gives
 * the same templates, logical ids included. First every mapping runs; then the values that identify
 * the resources that did translate are indexed; then all values are resolved against that index.
 */
export function translateStack(plan: StackPlan, registry: MappingRegistry = REGISTRY, imports: ReadonlyMap<string, string> = new Map()): StackTranslation {
    const providers = new Map(plan.resources.filter(isAwsProvider).map((p) => [p.urn, p]));
    const providerOf = (r: PlannedResource) => (r.provider === undefined ? undefined : providers.get(providerUrn(r.provider)));
    const allocate = logicalIdAllocator();
    const aws = plan.resources.filter(isAwsResource);
    const untranslated: UntranslatedResource[] = [];
    const droppedInputs: ResourceNote[] = [];
    const placeholders: ResourceNote[] = [];
    const runs: ResourceRun[] = [];
    const foldRuns: FoldRun[] = [];

    for (const resource of aws) {
        const mapping = registry.get(resource.type);
        const origin = { urn: resource.urn, type: resource.type, name: resource.name };
        if (mapping === undefined || "untranslated" in mapping) {
            untranslated.push({ ...origin, reason: mapping?.untranslated ?? "not mapped yet: add a mapping under scripts/validate/mappings/" });
            continue;
        }
        const region = stringOr(resource.inputs.region, stringOr(providerOf(resource)?.inputs.region, plan.region));
        const logicalId = "cfnType" in mapping ? allocate(resource.name, mapping.cfnType) : undefined;
        const placeheld: string[] = [];
        const ctx = contextFor(resource, logicalId, parseJson(providerOf(resource)?.inputs.defaultTags), placeheld);
        const { view, read } = tracked(resource.inputs);
        try {
            if ("fold" in mapping) {
                foldRuns.push({ resource, origin, region, fold: mapping.fold(view, ctx) });
            } else {
                runs.push({ resource, origin, region, mapping, logicalId: logicalId!, translated: mapping.translate(view, ctx) });
            }
        } catch (e) {
            // A shape the mapping did not expect (an input the plan left unknown) must not stop the other resources.
            untranslated.push({ ...origin, reason: `the mapping failed: ${e instanceof Error ? e.message : String(e)}` });
            continue;
        }
        const dropped = Object.keys(resource.inputs).filter((key) =>
            resource.inputs[key] !== undefined && !read.has(key) && !FRAMEWORK_INPUTS.has(key) && !(key in (mapping.noEquivalent ?? {})));
        if (dropped.length > 0) {
            droppedInputs.push({ type: resource.type, name: resource.name, inputs: dropped });
        }
        if (placeheld.length > 0) {
            placeholders.push({ type: resource.type, name: resource.name, inputs: placeheld });
        }
    }

    const byUrn = new Map(runs.map((run) => [run.resource.urn, run]));
    const regions = [...new Set([...runs, ...foldRuns].map((run) => run.region))];
    const indexes = new Map(regions.map((region) => [region, referenceIndexOf(runs.filter((run) => run.region === region), imports)]));
    const resources = new Map(regions.map((region) => [region, new Map<string, CfnResource>()]));
    const origins: Record<string, ResourceOrigin> = {};

    for (const run of runs) {
        const { resource, region, logicalId, translated } = run;
        const index = indexes.get(region)!;
        const dependencies = dependenciesOf(run, byUrn);
        const properties = toProperties(translated.properties, index, region, dependencies);
        const companions = Object.entries(translated.companions ?? {}).map(([suffix, companion]) =>
            [allocate(logicalId + suffix, companion.type), { Type: companion.type, Properties: toProperties(companion.properties, index, region, dependencies) }] as const);
        const referenced = referencedIds([properties, ...companions.map(([, c]) => c.Properties)]);
        const policy: DeletionPolicy | undefined = resource.protect || resource.retainOnDelete ? "Retain" : translated.deletionPolicy;
        const template = resources.get(region)!;
        template.set(logicalId, {
            Type: translated.type ?? run.mapping.cfnType,
            Properties: properties,
            ...dependsOnOf(dependencies, referenced),
            ...(policy === undefined ? {} : { DeletionPolicy: policy, UpdateReplacePolicy: policy }),
        });
        origins[logicalId] = run.origin;
        for (const [companionId, companion] of companions) {
            template.set(companionId, companion);
            origins[companionId] = run.origin;
        }
    }

    let folded = 0;
    for (const run of foldRuns) {
        const { fold, region } = run;
        const index = indexes.get(region)!;
        const dependencies = dependenciesOf(run, byUrn);
        const host = resources.get(region)!.get(foldTarget(run, index, dependencies, byUrn) ?? "");
        if (host === undefined) {
            untranslated.push({ ...run.origin, reason: `it belongs on ${String(fold.target ?? fold.targetType)}, which is not a resource of this stack` });
            continue;
        }
        for (const [key, value] of Object.entries(toProperties(fold.properties, index, region, dependencies))) {
            const existing = host.Properties[key];
            host.Properties[key] = Array.isArray(existing) && Array.isArray(value)
                ? [...existing, ...value.filter((v) => !existing.some((e) => JSON.stringify(e) === JSON.stringify(v)))]
                : value;
        }
        folded++;
    }

    const parameterValues = new Map([...imports].map(([value, id]) => [id, value]));
    const templates = [...resources].filter(([, r]) => r.size > 0).map(([region, r]) => {
        const used = [...referencedIds([...r.values()].map((resource) => resource.Properties))].filter((id) => parameterValues.has(id)).sort();
        return {
            region,
            template: {
                AWSTemplateFormatVersion: "2010-09-09" as const,
                Description: `${plan.project}/${plan.stack} in ${region}, translated from the Pulumi plan for offline validation`,
                // No defaults: like a StackReference, the value is the other stack's to provide (and to validate).
                ...(used.length === 0 ? {} : {
                    Parameters: Object.fromEntries(used.map((id) => [id, { Type: "String" as const, Description: `from another stack (StackReference); in the plan: ${parameterValues.get(id)}` }])),
                }),
                Resources: Object.fromEntries(r),
            },
        };
    });
    return {
        project: plan.project,
        stack: plan.stack,
        awsResources: aws.length,
        translated: runs.length + folded,
        templates,
        untranslated,
        droppedInputs,
        placeholders,
        origins,
    };
}

/** The logical id a fold belongs on: the dependency its target value identifies, or its one dependency of the target type. */
function foldTarget(run: FoldRun, index: ReferenceIndex, dependencies: ReadonlySet<string>, byUrn: ReadonlyMap<string, ResourceRun>): string | undefined {
    const { target, targetType } = run.fold;
    if (targetType !== undefined) {
        const candidates = run.resource.dependsOn.map((urn) => byUrn.get(urn)).filter((dep) => dep?.resource.type === targetType);
        return new Set(candidates).size === 1 ? candidates[0]!.logicalId : undefined;
    }
    const byValue = typeof target === "string" ? index.exact.get(target)?.logicalId : undefined;
    return byValue !== undefined && dependencies.has(byValue) ? byValue : undefined;
}

function stringOr(value: unknown, fallback: string): string {
    return typeof value === "string" && value !== "" ? value : fallback;
}

function referenceIndexOf(runs: readonly ResourceRun[], imports: ReadonlyMap<string, string>): ReferenceIndex {
    const values: { value: string; target: ReferenceTarget }[] = [];
    for (const { resource, mapping, logicalId } of runs) {
        for (const [attribute, cfnAttribute] of Object.entries(mapping.attributes)) {
            const value = attribute === "id" ? resource.id ?? resource.state.id : valueAt(resource.state, attribute);
            if (typeof value === "string" && value !== "") {
                values.push({ value, target: { logicalId, attribute: cfnAttribute } });
            }
        }
    }
    return buildReferenceIndex(values, imports);
}

/** A state value by path: `masterUserSecrets.0.secretArn`. */
function valueAt(state: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined), state);
}

function contextFor(resource: PlannedResource, logicalId: string | undefined, providerDefaults: unknown, placeheld: string[]): MappingContext {
    const defaultTags = (providerDefaults as { tags?: Record<string, string> } | undefined)?.tags ?? {};
    return {
        name: resource.name,
        tags(tags, form = "list") {
            const merged = { ...defaultTags, ...tags };
            const entries = Object.entries(merged);
            return entries.length === 0 ? undefined : new Verbatim(form === "map" ? merged : entries.map(([Key, Value]) => ({ Key, Value })));
        },
        self(attribute = REF) {
            return new Verbatim(intrinsic(logicalId!, attribute));
        },
        orPlaceholder(value, property, kind) {
            if (value !== undefined) {
                return value;
            }
            placeheld.push(property);
            return PLACEHOLDERS[kind];
        },
    };
}

/**
 * The inputs, recording which keys the mapping reads: whatever it leaves unread gets reported.
 * Listing the keys is not reading them; spreading or `Object.entries` is.
 */
function tracked(inputs: Readonly<Record<string, unknown>>): { view: Readonly<Record<string, unknown>>; read: Set<string> } {
    const read = new Set<string>();
    const view = new Proxy(inputs, {
        get(target, key, receiver) {
            if (typeof key === "string") {
                read.add(key);
            }
            return Reflect.get(target, key, receiver) as unknown;
        },
    });
    return { view, read };
}

/** Logical ids of the translated resources (same region) that the plan says a resource depends on. */
function dependenciesOf(run: Run, byUrn: ReadonlyMap<string, ResourceRun>): ReadonlySet<string> {
    return new Set(run.resource.dependsOn
        .map((urn) => byUrn.get(urn))
        .filter((dep): dep is ResourceRun => dep !== undefined && dep.region === run.region && dep.resource.urn !== run.resource.urn)
        .map((dep) => dep.logicalId));
}

/**
 * The plan's dependencies include those that come from references in the inputs; CloudFormation
 * derives those from `Ref`/`Fn::GetAtt` itself (and warns about a `DependsOn` that repeats one), so
 * only the others are written out.
 */
function dependsOnOf(dependencies: ReadonlySet<string>, referenced: ReadonlySet<string>): { DependsOn?: string[] } {
    const ids = [...dependencies].filter((id) => !referenced.has(id));
    return ids.length === 0 ? {} : { DependsOn: ids };
}

/** Logical ids that a property tree references through `Ref`, `Fn::GetAtt` or `Fn::Sub`. */
function referencedIds(value: CfnValue, found = new Set<string>()): Set<string> {
    if (Array.isArray(value)) {
        value.forEach((item) => referencedIds(item, found));
    } else if (typeof value === "object") {
        for (const [key, item] of Object.entries(value)) {
            if (key === "Ref" && typeof item === "string") {
                found.add(item);
            } else if (key === "Fn::GetAtt" && Array.isArray(item)) {
                found.add(String(item[0]));
            } else if (key === "Fn::Sub" && typeof item === "string") {
                for (const match of item.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)) {
                    found.add(match[1]);
                }
            } else {
                referencedIds(item, found);
            }
        }
    }
    return found;
}

function toProperties(properties: Readonly<Record<string, unknown>>, index: ReferenceIndex, region: string, dependencies: ReadonlySet<string>): CfnProperties {
    return (toCfn(properties, index, region, dependencies) ?? {}) as CfnProperties;
}

/** Plan values to template values: absent values and emptied objects dropped, references resolved. */
function toCfn(value: unknown, index: ReferenceIndex, region: string, dependencies: ReadonlySet<string>): CfnValue | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (value instanceof Verbatim) {
        return value.value;
    }
    if (typeof value === "string") {
        return resolveString(value, index, region, dependencies);
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => toCfn(item, index, region, dependencies)).filter((item): item is CfnValue => item !== undefined);
    }
    const entries = Object.entries(value as Record<string, unknown>)
        .map(([key, item]) => [key, toCfn(item, index, region, dependencies)] as const)
        .filter((entry): entry is readonly [string, CfnValue] => entry[1] !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
