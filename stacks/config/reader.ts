import * as pulumi from "@pulumi/pulumi";

/**
 * Typed, validated reading of Pulumi config. Every problem is collected, then reported together
 * before any resource exists, each line naming the key, the value given and what is accepted.
 */

/** Reads the raw string of a fully qualified key (`platform:vpcCidr`); arrays arrive as JSON. */
export type RawConfig = (fullKey: string) => string | undefined;

/** The raw config of the running Pulumi program. */
export function pulumiRawConfig(): RawConfig {
    return (fullKey) => {
        const [namespace, key] = fullKey.split(":");
        return new pulumi.Config(namespace).get(key);
    };
}

export interface ConfigProblem {
    readonly key: string;
    readonly value: string | undefined;
    readonly accepted: string;
}

export class ConfigError extends pulumi.RunError {
    constructor(public readonly stack: string, public readonly problems: readonly ConfigProblem[]) {
        super(
            `Invalid configuration of stack "${stack}":\n` +
                problems.map((p) => `  - ${p.key} = ${p.value === undefined ? "(not set)" : JSON.stringify(p.value)}: expected ${p.accepted}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/**
 * Collects values and problems. Each getter returns a usable value even when the input is bad (the
 * fallback), so that validation can go on and report every problem at once; `finish` throws if
 * anything was wrong.
 */
export class ConfigValidator {
    private readonly problems: ConfigProblem[] = [];

    constructor(private readonly raw: RawConfig, private readonly stack: string) {}

    /** Records a problem found by a caller's own cross-key check. */
    fail(key: string, value: unknown, accepted: string): void {
        this.problems.push({ key, value: typeof value === "string" || value === undefined ? value : JSON.stringify(value), accepted });
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

    finish(): void {
        if (this.problems.length > 0) {
            throw new ConfigError(this.stack, this.problems);
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

/** A string whose default is "" (off); the validator's `string` refuses "", so it is read here. */
export function optionalString(raw: RawConfig, v: ConfigValidator, key: string, accepted: string, valid: (s: string) => boolean): string {
    const value = raw(key) ?? "";
    if (value !== "" && !valid(value)) {
        v.fail(key, value, accepted);
        return "";
    }
    return value;
}

/**
 * Reads outputs of a referenced stack promptly (a StackReference's values are known at preview),
 * each checked: a missing or malformed value is a ConfigError naming the output and what was expected.
 */
export function stackOutputReader(ref: pulumi.StackReference, stack: string) {
    return async <T>(key: string, ok: (v: unknown) => boolean, expected: string): Promise<T> => {
        const value = await ref.requireOutputValue(key);
        if (!ok(value)) {
            throw new ConfigError(stack, [{ key: `platform output ${key}`, value: JSON.stringify(value), accepted: expected }]);
        }
        return value as T;
    };
}

/** A list of strings, as stack outputs and config lists hold them. */
export const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
