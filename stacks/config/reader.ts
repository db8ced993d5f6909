import * as pulumi from "@pulumi/pulumi";
import { projectFileOf } from "./files";

/**
 * Typed, validated reading of Pulumi config. Every problem is collected, then reported together
 * before any resource exists, each line naming the key, the value given and what is accepted.
 */

/**
 * Reads the raw string of a fully qualified key (`platform:vpcCidr`); arrays and objects arrive as
 * JSON. `keys` lists every key set (declared defaults and the stack file), so that a key no program
 * reads is refused; `fileOf` names the file a key's value comes from, for messages.
 */
export type RawConfig = ((fullKey: string) => string | undefined) & {
    readonly keys?: () => readonly string[];
    readonly fileOf?: (fullKey: string) => string | undefined;
};

/** A RawConfig over plain values (tests, scripts), optionally knowing where each value comes from. */
export function rawConfigOf(values: Readonly<Record<string, string>>, fileOf?: (fullKey: string) => string | undefined): RawConfig {
    return Object.assign((key: string) => values[key], { keys: () => Object.keys(values), ...(fileOf ? { fileOf } : {}) });
}

/**
 * The raw config of the running Pulumi program, whose project lives in `projectDir`: every key the
 * CLI passed, each attributed to the stack file that sets it or else to Pulumi.yaml (its default).
 */
export function pulumiRawConfig(projectDir: string): RawConfig {
    const all = pulumi.runtime.allConfig();
    return rawConfigOf(all, projectFileOf(projectDir, pulumi.getProject(), pulumi.getStack()));
}

export interface ConfigProblem {
    readonly key: string;
    readonly value: string | undefined;
    readonly accepted: string;
    /** The file that sets the key (a stack file, or Pulumi.yaml for a default); absent for derived keys. */
    readonly file?: string;
}

function formatProblem(p: ConfigProblem): string {
    return `  - ${p.file !== undefined ? `${p.file}: ` : ""}${p.key} = ${p.value === undefined ? "(not set)" : JSON.stringify(p.value)}: expected ${p.accepted}`;
}

export class ConfigError extends pulumi.RunError {
    /** `stackName` (`entities/dev`), not `stack`: `Error.stack` is the error's trace. */
    constructor(public readonly stackName: string, public readonly problems: readonly ConfigProblem[]) {
        super(`Invalid configuration of stack "${stackName}":\n` + problems.map(formatProblem).join("\n"));
        this.name = "ConfigError";
    }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/** The known key closest to `key`, when it is close enough to be a typo (case and a few letters). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    // Namespaces are compared too, but only the key's own part sets how many edits pass as a typo.
    const own = key.slice(key.lastIndexOf(":") + 1);
    const ranked = known.map((k) => ({ k, d: editDistance(key, k) })).sort((x, y) => x.d - y.d);
    const best = ranked[0];
    return best !== undefined && best.d <= Math.max(2, Math.floor(own.length / 3)) ? best.k : undefined;
}

/** Namespaces a project's stack file may set besides its own: the AWS provider's and Pulumi's. */
const FOREIGN_NAMESPACES = ["aws", "pulumi"];

/**
 * Collects values and problems. Each getter returns a usable value even when the input is bad (the
 * fallback), so that validation can go on and report every problem at once; `finish` throws if
 * anything was wrong.
 */
export class ConfigValidator {
    private readonly problems: ConfigProblem[] = [];

    constructor(private readonly raw: RawConfig, private readonly stackName: string) {}

    /** Records a problem found by a caller's own cross-key check. */
    fail(key: string, value: unknown, accepted: string): void {
        const file = key.includes(":") ? this.raw.fileOf?.(key) : undefined;
        this.problems.push({ key, value: typeof value === "string" || value === undefined ? value : JSON.stringify(value), accepted, ...(file !== undefined ? { file } : {}) });
    }

    /**
     * Refuses every key set in this project's namespace that the program does not read (a typo
     * would otherwise leave the default in force, silently), and keys of namespaces that are
     * neither this project's nor the AWS provider's; each with the closest known key.
     */
    rejectUnknownKeys(namespace: string, known: readonly string[]): void {
        const qualified = known.map((k) => `${namespace}:${k}`);
        for (const key of this.raw.keys?.() ?? []) {
            const [ns] = key.split(":");
            if (qualified.includes(key) || (ns !== namespace && FOREIGN_NAMESPACES.includes(ns))) {
                continue;
            }
            const suggestion = closestKey(ns === namespace ? key : `${namespace}:${key.slice(ns.length + 1)}`, qualified);
            const what = ns === namespace ? `a key that ${namespace} reads` : `a key of this project (${namespace}:...) or of the AWS provider (aws:...)`;
            this.fail(key, this.raw(key), suggestion !== undefined ? `${what}: did you mean ${suggestion}?` : `${what}; known keys: ${known.join(", ")}`);
        }
    }

    /** A structured value (a list of objects), parsed from JSON; `check` returns every reason to refuse it. */
    json<T>(key: string, accepted: string, fallback: T, check: (v: unknown) => string[]): T {
        const value = this.raw(key);
        if (value === undefined || value === "") {
            return fallback;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            this.fail(key, value, `${accepted} (not valid YAML/JSON)`);
            return fallback;
        }
        const reasons = check(parsed);
        if (reasons.length > 0) {
            this.fail(key, value, `${accepted}: ${reasons.join("; ")}`);
            return fallback;
        }
        return parsed as T;
    }

    /** Whether a problem has been recorded for `key` (to skip checks that build on it). */
    hasProblem(key: string): boolean {
        return this.problems.some((p) => p.key === key);
    }

    private read(key: string, accepted: string): string | undefined {
        const value = this.raw(key);
        if (value === undefined || value === "") {
            this.fail(key, value, accepted);
            return undefined;
        }
        return value;
    }

    /** A string that `check` accepts (check returns a reason to refuse, or undefined). */
    string(key: string, accepted: string, fallback: string, check?: (v: string) => string | undefined): string {
        const value = this.read(key, accepted);
        if (value === undefined) {
            return fallback;
        }
        const reason = check?.(value);
        if (reason !== undefined) {
            this.fail(key, value, `${accepted} (${reason})`);
            return fallback;
        }
        return value;
    }

    oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
        const accepted = `one of ${allowed.map((a) => `"${a}"`).join(", ")}`;
        return this.string(key, accepted, fallback, (v) => (allowed.includes(v as T) ? undefined : "unknown value")) as T;
    }

    boolean(key: string, fallback: boolean): boolean {
        const value = this.read(key, "true or false");
        if (value === undefined) {
            return fallback;
        }
        if (value !== "true" && value !== "false") {
            this.fail(key, value, "true or false");
            return fallback;
        }
        return value === "true";
    }

    integer(key: string, accepted: string, fallback: number, check?: (v: number) => string | undefined): number {
        const value = this.read(key, accepted);
        if (value === undefined) {
            return fallback;
        }
        const n = /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
        const reason = Number.isSafeInteger(n) ? check?.(n) : "not a whole number";
        if (reason !== undefined) {
            this.fail(key, value, `${accepted} (${reason})`);
            return fallback;
        }
        return n;
    }

    stringList(key: string, accepted: string, fallback: string[], check?: (v: string[]) => string | undefined): string[] {
        const value = this.read(key, accepted);
        if (value === undefined) {
            return fallback;
        }
        let parsed: unknown;
        try {
            parsed = JSON.parse(value);
        } catch {
            parsed = undefined;
        }
        if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== "string")) {
            this.fail(key, value, `${accepted} (a list of strings)`);
            return fallback;
        }
        const reason = check?.(parsed as string[]);
        if (reason !== undefined) {
            this.fail(key, value, `${accepted} (${reason})`);
            return fallback;
        }
        return parsed as string[];
    }

    /** Whether any problem has been recorded. */
    get failed(): boolean {
        return this.problems.length > 0;
    }

    /** Throws one ConfigError with every problem recorded. */
    finish(): void {
        if (this.problems.length > 0) {
            throw new ConfigError(this.stackName, this.problems);
        }
    }
}

/** Duplicates in a list, for messages. */
export function duplicatesOf(values: readonly string[]): string[] {
    return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** AWS tag values: up to 256 letters, digits, spaces and `_ . : / = + - @`. */
export function tagValueProblem(value: string): string | undefined {
    return value.length <= 256 && /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(value) ? undefined : "a tag value: up to 256 letters, digits, spaces and _ . : / = + - @";
}

/** An ACM certificate ARN (`arn:<partition>:acm:<region>:<account>:certificate/<id>`). */
export const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
/** A Route 53 hosted zone id (`Z` and upper-case letters and digits). */
export const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;
/** A lower-case DNS name of at least two labels, such as app.example.com. */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A string whose default is "" (off); the validator's `string` refuses "", so it is read here. */
export function optionalString(raw: RawConfig, v: ConfigValidator, key: string, accepted: string, valid: (s: string) => boolean): string {
    const value = raw(key) ?? "";
    if (value !== "" && !valid(value)) {
        v.fail(key, value, accepted);
        return "";
    }
    return value;
}

/** The config keys that chose a referenced stack, with the name they make and the file that sets them. */
export interface StackChoice {
    readonly keys: readonly string[];
    readonly referenced: string;
    readonly file?: string;
}

/** The StackChoice of `<namespace>:platformOrganization` and `<namespace>:platformProject`. */
export function platformStackChoice(raw: RawConfig, namespace: string, referenced: string): StackChoice {
    const keys = [`${namespace}:platformOrganization`, `${namespace}:platformProject`];
    const file = raw.fileOf?.(keys[1]);
    return { keys, referenced, ...(file !== undefined ? { file } : {}) };
}

/**
 * Reads outputs of a referenced stack promptly (a StackReference's values are known at preview),
 * each checked: a missing or malformed value is a ConfigError naming the output and what was
 * expected; a stack that cannot be read (it does not exist) is one naming the keys that chose it.
 */
export function stackOutputReader(ref: pulumi.StackReference, stackName: string, choice: StackChoice) {
    let exists: Promise<void> | undefined;
    return async <T>(key: string, ok: (v: unknown) => boolean, expected: string): Promise<T> => {
        exists ??= ref.getOutputDetails(key).then(() => undefined, (e: unknown) => {
            throw new ConfigError(stackName, [{ key: choice.keys.join(" and "), value: choice.referenced, ...(choice.file !== undefined ? { file: choice.file } : {}),
                accepted: `the name of a deployed stack (<organization>/<project>/<stack>): reading it failed: ${e instanceof Error ? e.message : String(e)}` }]);
        });
        await exists;
        const value = await ref.requireOutputValue(key);
        if (!ok(value)) {
            throw new ConfigError(stackName, [{ key: `platform output ${key}`, value: JSON.stringify(value), accepted: expected }]);
        }
        return value as T;
    };
}

/** A list of strings, as stack outputs and config lists hold them. */
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
