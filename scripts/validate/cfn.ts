/** The subset of the CloudFormation template format that the translation produces. */

export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

export type CfnProperties = { [key: string]: CfnValue };

export interface CfnResource {
    Type: string;
    Properties: CfnProperties;
    DependsOn?: string[];
    DeletionPolicy?: DeletionPolicy;
    UpdateReplacePolicy?: DeletionPolicy;
}

export type DeletionPolicy = "Retain" | "Snapshot" | "Delete";

export interface CfnParameter {
    Type: "String";
    Description: string;
}

export interface CfnTemplate {
    AWSTemplateFormatVersion: "2010-09-09";
    Description: string;
    Parameters?: Record<string, CfnParameter>;
    Resources: Record<string, CfnResource>;
}

export type Intrinsic = { Ref: string } | { "Fn::GetAtt": [string, string] } | { "Fn::Sub": string };

/** `Ref` in an attribute table: the resource's own `Ref` value rather than a `Fn::GetAtt`. */
export const REF = "Ref";

export function intrinsic(logicalId: string, attribute: string): Intrinsic {
    return attribute === REF ? { Ref: logicalId } : { "Fn::GetAtt": [logicalId, attribute] };
}
