import type { CfnTemplate, CfnValue } from "../validate/cfn";
import { stackImports } from "../validate/imports";
import { REGISTRY } from "../validate/mappings";
import type { PlannedResource, StackPlan } from "../validate/plan";
import { providerUrn } from "../validate/plan";
import { StackTranslation, translateStack } from "../validate/translate";
import { CfnDiffResult, diffTemplatePairs, PropertyImpact, TemplatePair } from "./cfn-diff";
import { exceptionsFor, PROVIDER_EXCEPTIONS, ProviderException } from "./exceptions";
import { matchIdentities } from "./identity";
import { isStateful } from "./stateful";
import type { EnvironmentDiff, PermissionChange, Replacement, ResourceChange, StackDiff } from "./types";
import { changedInputs, propertyChanges } from "./values";

export interface DiffOptions {
    readonly env: string;
    /** What the base is (a git ref, a folder), for the report. */
    readonly base: string;
    /** Whether the environment's platform is `production` (the gate applies). */
    readonly production: boolean;
    /** URNs whose replacement or deletion the reviewer accepted (`--allow-replace`). */
    readonly allowReplace?: readonly string[];
    readonly exceptions?: readonly ProviderException[];
}

/** Rounds of following replacements to the resources that reference them; real chains are 2 or 3 long. */
const MAX_CASCADE_ROUNDS = 6;

/** One side of one stack: its plan, translation and logical ids aligned with the new side. */
interface Side {
    readonly plan: StackPlan;
    readonly byUrn: ReadonlyMap<string, PlannedResource>;
    readonly templates: Map<string, CfnTemplate>;
    /** Logical ids of each resource's CloudFormation resources (primary first), by URN. */
    readonly ids: ReadonlyMap<string, readonly string[]>;
    /** Template parameter (another stack's output) -> the value it stands for. */
    readonly parameters: ReadonlyMap<string, string>;
}

interface StackPair {
    readonly project: string;
    readonly stack: string;
    readonly old?: Side;
    readonly new?: Side;
    /** New URN -> old URN. */
    readonly identity: ReadonlyMap<string, string>;
}

function idsByUrn(translation: StackTranslation): Map<string, string[]> {
    const ids = new Map<string, string[]>();
    for (const [logicalId, origin] of Object.entries(translation.origins)) {
        ids.set(origin.urn, [...(ids.get(origin.urn) ?? []), logicalId]);
    }
    return ids;
}

/** Rewrites logical ids in references (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `DependsOn`). */
function renameIds(value: CfnValue, rename: (id: string) => string): CfnValue {
    if (Array.isArray(value)) {
        return value.map((item) => renameIds(item, rename));
    }
    if (typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => {
            if (key === "Ref" && typeof item === "string") {
                return [key, rename(item)];
            }
            if (key === "Fn::GetAtt" && Array.isArray(item)) {
                return [key, [rename(String(item[0])), ...item.slice(1)]];
            }
            if (key === "Fn::Sub" && typeof item === "string") {
                return [key, item.replace(/\$\{([A-Za-z0-9]+)([.}])/g, (_, id: string, end: string) => `\${${rename(id)}${end}`)];
            }
            if (key === "DependsOn" && Array.isArray(item)) {
                return [key, item.map((id) => rename(String(id)))];
            }
            return [key, renameIds(item, rename)];
        }));
    }
    return value;
}

function sideOf(plan: StackPlan, others: readonly StackPlan[]): Side {
    const imports = stackImports(others);
    const translation = translateStack(plan, REGISTRY, imports);
    return {
        plan,
        byUrn: new Map(plan.resources.map((r) => [r.urn, r])),
        templates: new Map(translation.templates.map(({ region, template }) => [region, template])),
        ids: idsByUrn(translation),
        parameters: new Map([...imports].map(([value, id]) => [id, value])),
    };
}

/**
 * Gives the old side the new side's logical ids for the same resource (the translation numbers
 * clashing names in plan order, so an added resource could shift them), and ids no new resource
 * uses to the resources that are gone.
 */
function alignOldIds(old: Side, now: Side, identity: ReadonlyMap<string, string>): Side {
    const newUrnOf = new Map([...identity].map(([newUrn, oldUrn]) => [oldUrn, newUrn]));
    const taken = new Set([...now.ids.values()].flat());
    const mapping = new Map<string, string>();
    for (const [urn, ids] of old.ids) {
        const newIds = now.ids.get(newUrnOf.get(urn) ?? "") ?? [];
        ids.forEach((id, i) => {
            let target = newIds[i];
            if (target === undefined) {
                target = id;
                for (let n = 1; taken.has(target); n++) {
                    target = `${id}Gone${n}`;
                }
                taken.add(target);
            }
            mapping.set(id, target);
        });
    }
    const rename = (id: string) => mapping.get(id) ?? id;
    const templates = new Map([...old.templates].map(([region, template]) => [region, {
        ...template,
        Resources: Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => [rename(id), renameIds(resource as unknown as CfnValue, rename) as unknown as typeof resource])),
    }]));
    return { ...old, templates, ids: new Map([...old.ids].map(([urn, ids]) => [urn, ids.map(rename)])) };
}

const UNKNOWN = (id: string) => `(known after ${id} is replaced)`;

/** Whether a value refers to one of `ids` (resources or parameters). */
function refersTo(value: CfnValue, ids: ReadonlySet<string>): boolean {
    if (Array.isArray(value)) {
        return value.some((item) => refersTo(item, ids));
    }
    if (typeof value === "object") {
        return Object.entries(value).some(([key, item]) =>
            (key === "Ref" && typeof item === "string" && ids.has(item))
            || (key === "Fn::GetAtt" && Array.isArray(item) && ids.has(String(item[0])))
            || (key === "Fn::Sub" && typeof item === "string" && [...item.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].some((m) => ids.has(m[1])))
            || refersTo(item, ids));
    }
    return false;
}

/** Replaces references to `ids` with a marker: what a replaced resource's id or ARN is, only the cloud will know. */
function markUnknown(value: CfnValue, ids: ReadonlySet<string>): CfnValue {
    if (Array.isArray(value)) {
        return value.map((item) => markUnknown(item, ids));
    }
    if (typeof value === "object") {
        if (typeof value.Ref === "string" && ids.has(value.Ref)) {
            return UNKNOWN(value.Ref);
        }
        const getAtt = value["Fn::GetAtt"];
        if (Array.isArray(getAtt) && ids.has(String(getAtt[0]))) {
            return UNKNOWN(String(getAtt[0]));
        }
        if (typeof value["Fn::Sub"] === "string" && refersTo(value, ids)) {
            return UNKNOWN("a dependency");
        }
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, markUnknown(item, ids)]));
    }
    return value;
}

function pairKey(project: string, region: string): string {
    return `${project}/${region}`;
}

function templatePairs(pairs: readonly StackPair[], marked: ReadonlyMap<string, ReadonlySet<string>>): { templates: TemplatePair[]; cascaded: Map<string, Set<string>> } {
    const templates: TemplatePair[] = [];
    const cascaded = new Map<string, Set<string>>();
    for (const pair of pairs) {
        const regions = new Set([...(pair.old?.templates.keys() ?? []), ...(pair.new?.templates.keys() ?? [])]);
        for (const region of regions) {
            const key = pairKey(pair.project, region);
            const ids = marked.get(pair.project) ?? new Set<string>();
            let template = pair.new?.templates.get(region);
            if (template !== undefined && ids.size > 0) {
                const resources = Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => {
                    const properties = Object.fromEntries(Object.entries(resource.Properties).map(([name, value]) => {
                        if (!refersTo(value, ids)) {
                            return [name, value];
                        }
                        cascaded.set(`${key}/${id}`, new Set([...(cascaded.get(`${key}/${id}`) ?? []), name]));
                        return [name, markUnknown(value, ids)];
                    }));
                    return [id, { ...resource, Properties: properties }];
                }));
                template = { ...template, Resources: resources };
            }
            templates.push({ key, old: pair.old?.templates.get(region), new: template });
        }
    }
    return { templates, cascaded };
}

function regionOf(side: Side, id: string): string | undefined {
    return [...side.templates].find(([, template]) => id in template.Resources)?.[0];
}

const RANK: Record<PropertyImpact, number> = { update: 0, "may-replace": 1, replace: 2 };

interface Verdict {
    readonly change?: ResourceChange;
    readonly replaced: boolean;
}

/** What happens to a resource present on both sides. */
function decide(pair: StackPair, newUrn: string, cfn: CfnDiffResult, cascaded: ReadonlyMap<string, ReadonlySet<string>>, exceptions: readonly ProviderException[]): Verdict {
    const oldUrn = pair.identity.get(newUrn)!;
    const old = pair.old!.byUrn.get(oldUrn)!;
    const now = pair.new!.byUrn.get(newUrn)!;
    const inputs = changedInputs(old.inputs, now.inputs);
    const ids = pair.new!.ids.get(newUrn) ?? [];
    const notes: string[] = [];
    const replacedBy: Replacement[] = [];
    const cfnProperties: { property: string; impact: PropertyImpact; cascade: boolean }[] = [];
    for (const id of ids) {
        const region = regionOf(pair.new!, id);
        const key = region === undefined ? undefined : pairKey(pair.project, region);
        const fromCascade = key === undefined ? undefined : cascaded.get(`${key}/${id}`);
        const properties = key === undefined ? {} : cfn[key]?.resources[id]?.properties ?? {};
        for (const [property, impact] of Object.entries(properties)) {
            const cascade = fromCascade?.has(property) === true;
            // Without a changed input, a changed property comes from another resource folded into this one, or from a replaced dependency.
            if (inputs.length > 0 || cascade) {
                cfnProperties.push({ property, impact, cascade });
            }
        }
    }
    const providerChanged = (old.provider === undefined ? "" : providerUrn(old.provider)) !== (now.provider === undefined ? "" : providerUrn(now.provider));
    if (inputs.length === 0 && cfnProperties.length === 0 && !providerChanged) {
        return { replaced: false };
    }
    const applicable = exceptionsFor(now.type, exceptions).filter((e) => e.inputs.some((input) => inputs.includes(input)));
    const overridden = new Set(applicable.flatMap((e) => e.cfnProperties));
    for (const { property, impact, cascade } of cfnProperties) {
        if (impact !== "update" && !(overridden.has(property) && !cascade)) {
            // A replaced dependency's id or ARN is unknown until it exists, as in `pulumi preview`; it may turn out the same (an explicit name).
            replacedBy.push({ property, certainty: impact === "replace" && !cascade ? "always" : "conditional", basis: cascade ? "identity" : "cloudformation", ...(cascade ? { detail: "references a resource that is replaced" } : {}) });
        }
    }
    for (const exception of applicable) {
        if (exception.verdict(old.inputs, now.inputs) === "replace") {
            replacedBy.push({ property: exception.inputs.filter((input) => inputs.includes(input)).join(", "), certainty: "always", basis: "provider-exception", detail: exception.why });
        }
    }
    if (providerChanged) {
        replacedBy.push({ property: "provider", certainty: "always", basis: "identity", detail: "the resource moved to another provider" });
    }
    if (ids.length === 0 && now.custom) {
        notes.push(applicable.length > 0 ? "no CloudFormation resource of its own: decided by the provider exception table" : "no CloudFormation resource of its own: shown as an update (replacement unknown)");
    }
    if (oldUrn !== newUrn) {
        notes.push(`kept through an alias of ${oldUrn}`);
    }
    const secrets = new Set([...(old.secretInputs ?? []), ...(now.secretInputs ?? [])]);
    const properties = [
        ...propertyChanges(old.inputs, now.inputs, secrets),
        ...cfnProperties.filter((p) => p.cascade).map((p) => ({ path: p.property, old: "(unchanged reference)", new: "(known after the referenced resource is replaced)" })),
    ];
    const replaced = replacedBy.length > 0;
    const maxImpact = cfnProperties.reduce((n, p) => Math.max(n, RANK[p.impact]), 0);
    return {
        replaced,
        change: {
            action: replaced ? "replace" : "update",
            urn: newUrn,
            type: now.type,
            name: now.name,
            ...(oldUrn !== newUrn ? { previousUrn: oldUrn } : {}),
            stateful: isStateful(now.type),
            properties,
            ...(replaced ? { replacedBy: replacedBy.sort((a, b) => Number(a.certainty !== "always") - Number(b.certainty !== "always")) } : {}),
            ...(notes.length > 0 || (maxImpact > 0 && !replaced) ? { notes: [...notes, ...(maxImpact > 0 && !replaced ? ["the CloudFormation verdict (replace) is overridden by the provider exception table"] : [])] } : {}),
        },
    };
}

function created(r: PlannedResource, notes?: string[]): ResourceChange {
    return { action: "create", urn: r.urn, type: r.type, name: r.name, stateful: isStateful(r.type), properties: [], ...(notes ? { notes } : {}) };
}

function deleted(r: PlannedResource): ResourceChange {
    return { action: "delete", urn: r.urn, type: r.type, name: r.name, stateful: isStateful(r.type), properties: [] };
}

/** Identifiers (ids, ARNs) of resources, the values another stack reads through `StackReference`. */
function identifiersOf(r: PlannedResource): string[] {
    return [r.id, r.state.arn, r.state.id].filter((v): v is string => typeof v === "string" && v !== "");
}

const ORDER: Record<ResourceChange["action"], number> = { replace: 0, delete: 1, update: 2, create: 3 };

/**
 * The diff of an environment between two plans: per stack, which resources the change creates,
 * updates in place, replaces (and which property forces it) or deletes, the IAM and security-group
 * changes, and the stateful replacements and deletions that the production gate blocks.
 */
export function diffEnvironment(basePlans: readonly StackPlan[], headPlans: readonly StackPlan[], options: DiffOptions): EnvironmentDiff {
    const exceptions = options.exceptions ?? PROVIDER_EXCEPTIONS;
    const projects = [...new Set([...headPlans, ...basePlans].map((p) => p.project))];
    const pairs: StackPair[] = projects.map((project) => {
        const oldPlan = basePlans.find((p) => p.project === project);
        const newPlan = headPlans.find((p) => p.project === project);
        const now = newPlan === undefined ? undefined : sideOf(newPlan, headPlans.filter((p) => p !== newPlan));
        const identity = matchIdentities(oldPlan?.resources ?? [], newPlan?.resources ?? []);
        const rawOld = oldPlan === undefined ? undefined : sideOf(oldPlan, basePlans.filter((p) => p !== oldPlan));
        const old = rawOld !== undefined && now !== undefined ? alignOldIds(rawOld, now, identity) : rawOld;
        return { project, stack: (newPlan ?? oldPlan)!.stack, old, new: now, identity };
    });

    const marked = new Map<string, Set<string>>();
    let firstRound: CfnDiffResult | undefined;
    let verdicts = new Map<string, Map<string, Verdict>>();
    for (let round = 0; round < MAX_CASCADE_ROUNDS; round++) {
        const { templates, cascaded } = templatePairs(pairs, marked);
        const cfn = diffTemplatePairs(templates, round === 0);
        firstRound ??= cfn;
        verdicts = new Map(pairs.map((pair) => [pair.project, new Map([...pair.identity.keys()].map((urn) => [urn, decide(pair, urn, cfn, cascaded, exceptions)]))]));
        const replacedValues = new Set<string>();
        let grew = false;
        for (const pair of pairs) {
            const ids = marked.get(pair.project) ?? new Set<string>();
            for (const [urn, verdict] of verdicts.get(pair.project)!) {
                if (verdict.replaced) {
                    (pair.new!.ids.get(urn) ?? []).forEach((id) => { grew ||= !ids.has(id); ids.add(id); });
                    identifiersOf(pair.old!.byUrn.get(pair.identity.get(urn)!)!).forEach((v) => replacedValues.add(v));
                }
            }
            marked.set(pair.project, ids);
        }
        for (const pair of pairs) {
            for (const [parameter, value] of pair.new?.parameters ?? []) {
                if (replacedValues.has(value) && !marked.get(pair.project)!.has(parameter)) {
                    marked.get(pair.project)!.add(parameter);
                    grew = true;
                }
            }
        }
        if (!grew) {
            break;
        }
    }

    const allow = new Set(options.allowReplace ?? []);
    const stacks: StackDiff[] = pairs.map((pair) => {
        const oldMatched = new Set(pair.identity.values());
        const changes: ResourceChange[] = [
            ...(pair.new?.plan.resources ?? []).filter((r) => !pair.identity.has(r.urn)).map((r) => created(r)),
            ...(pair.old?.plan.resources ?? []).filter((r) => !oldMatched.has(r.urn)).map(deleted),
            ...[...verdicts.get(pair.project)!.values()].flatMap((v) => (v.change === undefined ? [] : [v.change])),
        ].filter((c) => c.type !== "pulumi:pulumi:Stack").sort((a, b) => ORDER[a.action] - ORDER[b.action] || a.urn.localeCompare(b.urn));
        const regions = new Set([...(pair.old?.templates.keys() ?? []), ...(pair.new?.templates.keys() ?? [])]);
        const permissions: PermissionChange[] = [...regions].flatMap((region) => firstRound?.[pairKey(pair.project, region)]?.permissions ?? []);
        const unchanged = [...verdicts.get(pair.project)!.values()].filter((v) => v.change === undefined).length;
        return { project: pair.project, stack: pair.stack, changes, unchanged, permissions };
    });
    const risky = stacks.flatMap((s) => s.changes).filter((c) => c.stateful && (c.action === "replace" || c.action === "delete"));
    const blocked = options.production ? risky.filter((c) => !allow.has(c.urn)) : [];
    return { env: options.env, base: options.base, production: options.production, stacks, blocked, allowed: [...allow] };
}
