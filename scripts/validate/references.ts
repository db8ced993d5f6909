import { CfnValue, intrinsic, REF } from "./cfn";

/** The account id that the plan's mocks report; strings holding it are rewritten to `AWS::AccountId`. */
const PLAN_ACCOUNT_ID = "123456789012";

export interface ReferenceTarget {
    readonly logicalId: string;
    readonly attribute: string;
}

export interface ReferenceIndex {
    readonly exact: ReadonlyMap<string, ReferenceTarget>;
    /** Values that come from other stacks, by the template parameter that stands for them. */
    readonly imports: ReadonlyMap<string, string>;
    /**
     * Matches indexed values inside longer strings (`${arn}:*`, `.../restapis/${id}/stages/v1`),
     * longest first, as whole tokens. Short values (a stage called `v1`) are left out: inside a
     * longer string they are too likely to be a coincidence.
     */
    readonly embedded?: RegExp;
}

const MIN_EMBEDDED_LENGTH = 8;

/**
 * Indexes the values that identify planned resources. A value claimed by two different resources
 * (mocks that reuse an id) identifies neither and stays a literal: a wrong reference would make the
 * validator check the wrong wiring.
 */
export function buildReferenceIndex(
    entries: Iterable<{ readonly value: string; readonly target: ReferenceTarget }>,
    imports: ReadonlyMap<string, string> = new Map(),
): ReferenceIndex {
    const exact = new Map<string, ReferenceTarget>();
    const ambiguous = new Set<string>();
    for (const { value, target } of entries) {
        const known = exact.get(value);
        if (known === undefined && !ambiguous.has(value)) {
            exact.set(value, target);
        } else if (known !== undefined && known.logicalId !== target.logicalId) {
            exact.delete(value);
            ambiguous.add(value);
        }
    }
    const embeddable = [...exact.keys()].filter((value) => value.length >= MIN_EMBEDDED_LENGTH).sort((a, b) => b.length - a.length);
    return {
        exact,
        imports,
        embedded: embeddable.length === 0 ? undefined : new RegExp(`(?<![A-Za-z0-9_-])(?:${embeddable.map(escapeRegExp).join("|")})(?![A-Za-z0-9_-])`, "g"),
    };
}

function escapeRegExp(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A string value as CloudFormation would write it: a `Ref`/`Fn::GetAtt` when it is the id or ARN
 * of a resource it depends on; a `Ref` to a parameter when another stack exports it (CloudFormation's
 * stand-in for a `StackReference`); a `Fn::Sub` when it embeds a resource's value or spells out the
 * partition, region or account inside an ARN (what `AWS::Partition`, `AWS::Region` and
 * `AWS::AccountId` are for); otherwise the string itself. Only resources in `dependencies` (the
 * logical ids of what the plan says the resource depends on) can be referenced: an equal value
 * without the dependency is a coincidence or a hand-built ARN, and reading it as a reference could
 * invent a cycle Pulumi does not have.
 */
export function resolveString(value: string, index: ReferenceIndex, region: string, dependencies: ReadonlySet<string>): CfnValue {
    const whole = index.exact.get(value);
    if (whole !== undefined && dependencies.has(whole.logicalId)) {
        return intrinsic(whole.logicalId, whole.attribute);
    }
    const imported = index.imports.get(value);
    if (imported !== undefined) {
        return { Ref: imported };
    }
    let template = "";
    let changed = false;
    let last = 0;
    for (const match of index.embedded ? value.matchAll(index.embedded) : []) {
        const target = index.exact.get(match[0])!;
        if (!dependencies.has(target.logicalId)) {
            continue;
        }
        template += withPseudoParameters(value.slice(last, match.index), region);
        template += target.attribute === REF ? `\${${target.logicalId}}` : `\${${target.logicalId}.${target.attribute}}`;
        last = match.index + match[0].length;
        changed = true;
    }
    const rest = value.slice(last);
    const rewritten = withPseudoParameters(rest, region);
    template += rewritten;
    changed ||= rewritten !== escapeSub(rest);
    return changed ? subOrReference(template) : value;
}

/** Literal text of a `Fn::Sub` template: `${` must be escaped as `${!`. */
function escapeSub(text: string): string {
    return text.replace(/\$\{/g, "${!");
}

const ARN_PREFIX = /arn:aws:([^:\s"]*):([^:\s"]*):([^:\s"]*):/g;
const ACCOUNT = new RegExp(`(?<![0-9])${PLAN_ACCOUNT_ID}(?![0-9])`, "g");

function withPseudoParameters(text: string, region: string): string {
    return escapeSub(text)
        .replace(ARN_PREFIX, (_, service: string, arnRegion: string, account: string) =>
            `arn:\${AWS::Partition}:${service}:${arnRegion === region ? "${AWS::Region}" : arnRegion}:${account}:`)
        .replace(ACCOUNT, "${AWS::AccountId}");
}

/** `Fn::Sub: "${X}"` is just a reference; write it as one. */
function subOrReference(template: string): CfnValue {
    const single = /^\$\{([A-Za-z0-9:]+)(?:\.([A-Za-z0-9.]+))?\}$/.exec(template);
    if (single) {
        return single[2] === undefined ? { Ref: single[1] } : { "Fn::GetAtt": [single[1], single[2]] };
    }
    return { "Fn::Sub": template };
}
