import type * as pulumi from "@pulumi/pulumi";
import { DeletionPolicy } from "./cfn";
import { PlaceholderKind } from "./placeholders";

/**
 * A property tree as a mapping writes it: plan values, `undefined` for absent inputs (dropped, as are
 * objects left empty), and `verbatim(...)` for values that must not be read as references.
 */
export type Props = { readonly [key: string]: unknown };

type Inputs = Readonly<Record<string, unknown>>;

export interface MappingContext {
    /** The Pulumi resource name; it stands in for Pulumi's auto-naming where CloudFormation requires a name. */
    readonly name: string;
    /**
     * The resource's tags over its provider's default tags (what AWS receives), as a CloudFormation
     * tag list, or as a map for the few types that take one (Cognito user pools, API Gateway V2).
     */
    tags(tags: Readonly<Record<string, string>> | undefined, form?: "list" | "map"): unknown;
    /** A reference to this resource's own primary CloudFormation resource, for its companions. */
    self(attribute?: string): unknown;
    /**
     * The value, or a placeholder of the right format when the plan cannot hold it: an input Pulumi
     * requires that is absent (so unknown at plan time, never "not set"), or an asset Pulumi uploads
     * itself (a Lambda archive). Each use is reported.
     */
    orPlaceholder(value: unknown, property: string, kind: PlaceholderKind): unknown;
}

/** A further CloudFormation resource that Pulumi folds into the one it maps (an IGW's VPC attachment). */
export interface Companion {
    readonly type: string;
    readonly properties: Props;
}

export interface Translated {
    /** The CloudFormation type, when the inputs decide it; `cfnType` otherwise. */
    readonly type?: string;
    readonly properties: Props;
    /** Keyed by the suffix of their logical id. */
    readonly companions?: Readonly<Record<string, Companion>>;
    /** What CloudFormation must do on delete to match what Pulumi does (a final snapshot). */
    readonly deletionPolicy?: DeletionPolicy;
}

/**
 * Properties that belong on another resource, found by `target` (the input that references it) or,
 * when no input identifies it (an API Gateway integration names its method by REST API, resource and
 * verb), as the one resource of `targetType` that this one depends on. A list adds to the list
 * already there (more managed policies); anything else sets the property.
 */
export interface Fold {
    readonly target?: unknown;
    readonly targetType?: string;
    readonly properties: Props;
}

interface MappingBase {
    readonly pulumiType: string;
    /** Other type tokens of the same resource (`aws:alb/...` for `aws:lb/...`). */
    readonly aliasTypes?: readonly string[];
}

/** A Pulumi resource that becomes one CloudFormation resource (plus companions). */
export interface ResourceMapping<I = Inputs> extends MappingBase {
    readonly cfnType: string;
    /**
     * How other resources point at this one: planned state attribute (`id`, `arn`, or a path such
     * as `masterUserSecrets.0.secretArn`) to `REF` or the `Fn::GetAtt` attribute that yields the
     * same value, so that those values become references. The first entry wins when two attributes
     * hold the same value.
     */
    readonly attributes: Readonly<Record<string, string>>;
    /** Inputs with no CloudFormation counterpart, and why; any other input left unread is reported. */
    readonly noEquivalent?: Readonly<Record<string, string>>;
    translate(inputs: I, ctx: MappingContext): Translated;
}

/**
 * A Pulumi resource that CloudFormation only expresses as properties of another resource: a
 * managed-policy attachment is an entry of the role's `ManagedPolicyArns`, a bucket's versioning
 * its `VersioningConfiguration`.
 */
export interface FoldMapping<I = Inputs> extends MappingBase {
    readonly noEquivalent?: Readonly<Record<string, string>>;
    fold(inputs: I, ctx: MappingContext): Fold;
}

/** A Pulumi type that CloudFormation has no resource for; it is reported with the reason, never skipped. */
export interface UnsupportedMapping extends MappingBase {
    readonly untranslated: string;
}

export type Mapping = ResourceMapping | FoldMapping | UnsupportedMapping;

/*
 * The constructors type each mapping by its resource's `@pulumi/aws` args, so that a misspelt Pulumi
 * property name fails `tsc` instead of silently reading `undefined`.
 */

export function resourceMapping<Args>(definition: ResourceMapping<pulumi.Unwrap<Args>>): ResourceMapping {
    return definition as unknown as ResourceMapping;
}

export function foldMapping<Args>(definition: FoldMapping<pulumi.Unwrap<Args>>): FoldMapping {
    return definition as unknown as FoldMapping;
}

export function noCloudFormationEquivalent(pulumiType: string, reason: string): UnsupportedMapping {
    return { pulumiType, untranslated: reason };
}

export type MappingRegistry = ReadonlyMap<string, Mapping>;

export function registryOf(mappings: readonly Mapping[]): MappingRegistry {
    const registry = new Map<string, Mapping>();
    for (const m of mappings) {
        for (const type of [m.pulumiType, ...(m.aliasTypes ?? [])]) {
            if (registry.has(type)) {
                throw new Error(`two mappings for ${type}`);
            }
            registry.set(type, m);
        }
    }
    return registry;
}
