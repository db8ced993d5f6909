/** Shape conversions that several mappings share. */

import { CfnValue } from "./cfn";

/** A value written as is: a name that is not a reference even when it equals another resource's id. */
export class Verbatim {
    constructor(readonly value: CfnValue) {}
}

export function verbatim(value: CfnValue | undefined): Verbatim | undefined {
    return value === undefined ? undefined : new Verbatim(value);
}

/** Pulumi takes IAM policies and container definitions as JSON strings; CloudFormation as objects. */
export function parseJson(value: unknown): unknown {
    return typeof value === "string" ? (JSON.parse(value) as unknown) : value;
}

/** CloudFormation types some numeric settings as strings (`AllocatedStorage`, `Port`, `Cpu`). */
export function numberAsString(value: number | string | undefined): string | undefined {
    return value === undefined ? undefined : String(value);
}

function pascalCase(key: string): string {
    return key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * Converts the keys of an AWS API document (camelCase, as in ECS container definitions) to
 * CloudFormation's PascalCase. Keys listed in `freeFormMaps` hold user maps (log driver options,
 * Docker labels) whose own keys must stay as written.
 */
export function pascalCaseKeys(value: unknown, freeFormMaps: ReadonlySet<string> = new Set()): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => pascalCaseKeys(item, freeFormMaps));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [
            pascalCase(key),
            freeFormMaps.has(key) ? item : pascalCaseKeys(item, freeFormMaps),
        ]));
    }
    return value;
}

/** `{ key: value }` settings as CloudFormation `[{ Key, Value }]` attribute lists (ELB attributes). */
export function keyValueList(settings: Readonly<Record<string, unknown>>): { Key: string; Value: string }[] | undefined {
    const entries = Object.entries(settings).filter(([, value]) => value !== undefined);
    return entries.length === 0 ? undefined : entries.map(([Key, value]) => ({ Key, Value: String(value) }));
}

/**
 * Marks every empty object as one to keep: WAF spells actions as `{ Allow: {} }`, and the framework
 * otherwise drops emptied objects as absent.
 */
export function keepEmptyObjects(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(keepEmptyObjects);
    }
    if (typeof value === "object" && value !== null && !(value instanceof Verbatim)) {
        const entries = Object.entries(value);
        return entries.length === 0 ? new Verbatim({}) : Object.fromEntries(entries.map(([key, item]) => [key, keepEmptyObjects(item)]));
    }
    return value;
}
