/** Shapes of the offline diff (`npm run plan -- --env <env> --diff <base>`, `.plan/<env>/diff.json`). */

/** What applying the change would do to one Pulumi resource (its URN is its identity). */
export type Action = "create" | "update" | "replace" | "delete";

export interface PropertyChange {
    /** Pulumi input path (`desiredCount`, `containerDefinitions[0].image`) or, for a cascade, the CloudFormation property. */
    readonly path: string;
    /** Rendered values, secrets masked; absent when the side has no value. */
    readonly old?: string;
    readonly new?: string;
}

export interface Replacement {
    /** The property whose change forces the replacement (CloudFormation name, or the Pulumi input for an exception). */
    readonly property: string;
    /** "always" per the specification, "conditional" when it depends on the values (CloudFormation's "maybe"). */
    readonly certainty: "always" | "conditional";
    /** Where the verdict comes from: the CloudFormation specification, the provider exception table, or a replaced dependency. */
    readonly basis: "cloudformation" | "provider-exception" | "identity";
    readonly detail?: string;
}

export interface ResourceChange {
    readonly action: Action;
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** For an alias match, the URN the resource had in the base. */
    readonly previousUrn?: string;
    readonly stateful: boolean;
    readonly properties: readonly PropertyChange[];
    /** For replacements: every property that forces it. */
    readonly replacedBy?: readonly Replacement[];
    /** Caveats about how the action was decided (no CloudFormation resource of its own, URN changed...). */
    readonly notes?: readonly string[];
}

/** One row of an IAM or security-group change table, as `cdk diff` prints them. */
export interface PermissionChange {
    readonly kind: "iam-statement" | "iam-managed-policy" | "security-group-rule";
    readonly direction: "widened" | "narrowed";
    /** The table's columns (resource, effect, action, principal, condition; or group, direction, protocol, peer). */
    readonly columns: readonly string[];
}

export interface StackDiff {
    readonly project: string;
    readonly stack: string;
    readonly changes: readonly ResourceChange[];
    readonly unchanged: number;
    readonly permissions: readonly PermissionChange[];
}

export interface EnvironmentDiff {
    readonly env: string;
    readonly base: string;
    readonly production: boolean;
    readonly stacks: readonly StackDiff[];
    /** Stateful resources the change would replace or delete that no `--allow-replace` names. */
    readonly blocked: readonly ResourceChange[];
    readonly allowed: readonly string[];
}
