import { diffTemplate, ResourceImpact } from "@aws-cdk/cloudformation-diff";
import type { CfnTemplate } from "../validate/cfn";
import type { PermissionChange } from "./types";

/** The two sides of one CloudFormation template (a stack's region), logical ids already aligned. */
export interface TemplatePair {
    readonly key: string;
    readonly old?: CfnTemplate;
    readonly new?: CfnTemplate;
}

/** The specification's verdict on one changed property. */
export type PropertyImpact = "replace" | "may-replace" | "update";

export interface CfnResourceDiff {
    readonly properties: Readonly<Record<string, PropertyImpact>>;
}

export interface CfnPairDiff {
    /** Resources present on both sides whose properties differ, by logical id. */
    readonly resources: Readonly<Record<string, CfnResourceDiff>>;
    readonly permissions: readonly PermissionChange[];
}

export type CfnDiffResult = Readonly<Record<string, CfnPairDiff>>;

const EMPTY: CfnTemplate = { AWSTemplateFormatVersion: "2010-09-09", Description: "", Resources: {} };

const IMPACTS: Partial<Record<ResourceImpact, PropertyImpact>> = {
    [ResourceImpact.WILL_REPLACE]: "replace",
    [ResourceImpact.MAY_REPLACE]: "may-replace",
    [ResourceImpact.WILL_UPDATE]: "update",
};

// The tables are coloured for a terminal; the report colours nothing.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** `cdk diff`'s IAM and security-group tables, each row classed as widening or narrowing access. */
function permissionRows(kind: PermissionChange["kind"], table: string[][]): PermissionChange[] {
    return table.slice(1).map((row) => row.map((cell) => cell.replace(ANSI, ""))).map(([sign, ...columns]) => {
        const deny = kind === "iam-statement" && columns[1] === "Deny";
        return { kind, direction: (sign === "+") !== deny ? "widened" : "narrowed", columns };
    });
}

const SINGLE_IDENTITY_POLICIES: Readonly<Record<string, string>> = { "AWS::IAM::RolePolicy": "Roles", "AWS::IAM::UserPolicy": "Users", "AWS::IAM::GroupPolicy": "Groups" };
const SINGLE_IDENTITY_NAME: Readonly<Record<string, string>> = { Roles: "RoleName", Users: "UserName", Groups: "GroupName" };

/**
 * `cdk diff`'s IAM table reads the identities of a policy resource from `Roles`/`Users`/`Groups`,
 * which `AWS::IAM::Policy` has and the one-identity policy types (`RoleName`) have not: for the
 * table only, those are written as the equivalent `AWS::IAM::Policy`.
 */
function asIdentityPolicies(template: CfnTemplate): CfnTemplate {
    return {
        ...template,
        Resources: Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => {
            const list = SINGLE_IDENTITY_POLICIES[resource.Type];
            if (list === undefined) {
                return [id, resource];
            }
            const { [SINGLE_IDENTITY_NAME[list]]: identity, ...rest } = resource.Properties;
            return [id, { ...resource, Type: "AWS::IAM::Policy", Properties: { ...rest, [list]: [identity] } }];
        })),
    };
}

/**
 * Diffs each pair with `@aws-cdk/cloudformation-diff`, which takes replace-vs-update from the
 * CloudFormation resource specification (`@aws-cdk/aws-service-spec`). Pure apart from loading the
 * specification once per process (about 2 s): the CLI runs it in a worker so that the load
 * overlaps the plans.
 */
export function diffTemplatePairs(pairs: readonly TemplatePair[], withPermissions = true): CfnDiffResult {
    const result: Record<string, CfnPairDiff> = {};
    for (const pair of pairs) {
        const [old, now] = [pair.old ?? EMPTY, pair.new ?? EMPTY];
        const diff = diffTemplate(old, now);
        const resources: Record<string, CfnResourceDiff> = {};
        diff.resources.forEachDifference((logicalId, change) => {
            if (change.isAddition || change.isRemoval) {
                return;
            }
            const properties: Record<string, PropertyImpact> = {};
            for (const [name, property] of Object.entries(change.propertyUpdates)) {
                properties[name] = (property.changeImpact && IMPACTS[property.changeImpact]) ?? "update";
            }
            if (change.resourceTypeChanged) {
                properties.Type = "replace";
            }
            if (Object.keys(properties).length > 0) {
                resources[logicalId] = { properties };
            }
        });
        const access = withPermissions ? diffTemplate(asIdentityPolicies(old), asIdentityPolicies(now)) : undefined;
        result[pair.key] = {
            resources,
            permissions: access === undefined ? [] : [
                ...permissionRows("iam-statement", access.iamChanges.summarizeStatements()),
                ...permissionRows("iam-managed-policy", access.iamChanges.summarizeManagedPolicies()),
                ...permissionRows("security-group-rule", access.securityGroupChanges.summarize()),
            ],
        };
    }
    return result;
}

/** Makes the specification load now (the first diff would otherwise pay for it). */
export function preloadSpecification(): void {
    diffTemplatePairs([{ key: "preload", new: { ...EMPTY, Resources: { A: { Type: "AWS::SNS::Topic", Properties: {} } } }, old: { ...EMPTY, Resources: { A: { Type: "AWS::SNS::Topic", Properties: { TopicName: "a" } } } } }]);
}
