import type { PropertyChange } from "./types";

/** Input names whose values are secrets even when the plan did not mark them (plans of older versions, provider-side secrets). */
const SECRET_NAME = /(password|passphrase|secretString|secretBinary|privateKey|authToken|token)$/i;

const MASK = "[secret]";
const MAX_VALUE = 120;

function parsedJson(value: unknown): unknown {
    if (typeof value === "string" && /^\s*[[{]/.test(value)) {
        try {
            return JSON.parse(value) as unknown;
        } catch {
            return value;
        }
    }
    return value;
}

function render(value: unknown): string | undefined {
    if (value === undefined) {
        return undefined;
    }
    const text = JSON.stringify(value);
    return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function equal(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}

/** Leaf paths where two values differ; JSON documents in strings (policies, container definitions) are compared as documents. */
function leafChanges(old: unknown, now: unknown, path: string, out: PropertyChange[]): void {
    const [a, b] = [parsedJson(old), parsedJson(now)];
    if (equal(a, b)) {
        return;
    }
    if (isRecord(a) && isRecord(b)) {
        for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
            leafChanges(a[key], b[key], `${path}.${key}`, out);
        }
    } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        a.forEach((item, i) => leafChanges(item, b[i], `${path}[${i}]`, out));
    } else {
        out.push({ path, old: render(a), new: render(b) });
    }
}

/** Top-level inputs that differ between two versions of a resource. */
export function changedInputs(old: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>): string[] {
    return [...new Set([...Object.keys(old), ...Object.keys(now)])].filter((key) => !equal(old[key], now[key])).sort();
}

/**
 * The changed values of a resource's inputs, leaf by leaf (`containerDefinitions[0].image`), with
 * the values of secret inputs (marked by the plan, or named like one) replaced by `[secret]`.
 */
export function propertyChanges(old: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>, secretInputs: ReadonlySet<string>): PropertyChange[] {
    const out: PropertyChange[] = [];
    for (const key of changedInputs(old, now)) {
        if (secretInputs.has(key) || SECRET_NAME.test(key)) {
            out.push({ path: key, ...(old[key] === undefined ? {} : { old: MASK }), ...(now[key] === undefined ? {} : { new: MASK }) });
        } else {
            leafChanges(old[key], now[key], key, out);
        }
    }
    return out;
}
