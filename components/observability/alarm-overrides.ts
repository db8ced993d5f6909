import { AlarmOverride, overrideProblem } from "./alarm-catalogue";
import { SloOverride, sloOverrideProblem } from "./slo-catalogue";

/**
 * Per-environment alarm and SLO overrides as Pulumi config carries them. Project config types are
 * only string, integer, boolean and array, so each override is one string `<a>.<b>.<field>=<number>`
 * (e.g. `ecsService.cpu.threshold=90`, `service.latency.thresholdMs=200`), and the key is an array
 * of such strings.
 */

export const OVERRIDE_FORMAT = "<kind>.<alarm>.<threshold|periods|period>=<number>, such as ecsService.cpu.threshold=90";
export const SLO_OVERRIDE_FORMAT = "<tier>.<availability|latency>.<objective|windowDays|thresholdMs>=<number>, such as service.latency.thresholdMs=200";

const SHAPE = /^([A-Za-z0-9]+)\.([A-Za-z0-9]+)\.([A-Za-z]+)=(.*)$/;

/** One `<a>.<b>.<field>=<number>` entry checked by `problem`: the parts, or the reason it is refused (naming the entry). */
function parseEntry<T>(entry: string, format: string, make: (a: string, b: string, field: string, value: number) => T, problem: (parsed: T) => string | undefined): T | { problem: string } {
    const m = SHAPE.exec(entry.trim());
    if (m === null) {
        return { problem: `"${entry}" is not ${format}` };
    }
    const [, a, b, field, rawValue] = m;
    // Number("") is 0 and Number("0x10") is 16: accept only plain decimal numbers.
    const value = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(rawValue) ? Number(rawValue) : NaN;
    if (Number.isNaN(value)) {
        return { problem: `"${entry}": ${field} "${rawValue}" is not a number` };
    }
    const parsed = make(a, b, field, value);
    const reason = problem(parsed);
    return reason === undefined ? parsed : { problem: `"${entry}": ${reason}` };
}

/** Parses every entry; the reasons of all refused entries, or the overrides. */
function parseEntries<T>(entries: readonly string[], parse: (entry: string) => T | { problem: string }): { overrides: T[]; problems: string[] } {
    const overrides: T[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
        const parsed = parse(entry);
        if (typeof parsed === "object" && parsed !== null && "problem" in parsed) {
            problems.push(parsed.problem);
        } else {
            overrides.push(parsed as T);
        }
    }
    return { overrides, problems };
}

/** Parses one alarm override: the override, or the reason it is refused (naming the entry). */
export function parseAlarmOverride(entry: string): AlarmOverride | { problem: string } {
    return parseEntry(entry, OVERRIDE_FORMAT, (kind, metric, field, value) => ({ kind, metric, field, value }) as AlarmOverride, overrideProblem);
}

export function parseAlarmOverrides(entries: readonly string[]): { overrides: AlarmOverride[]; problems: string[] } {
    return parseEntries(entries, parseAlarmOverride);
}

/** Parses one SLO override: the override, or the reason it is refused (naming the entry). */
export function parseSloOverride(entry: string): SloOverride | { problem: string } {
    return parseEntry(entry, SLO_OVERRIDE_FORMAT, (tier, kind, field, value) => ({ tier, kind, field, value }) as SloOverride, sloOverrideProblem);
}

export function parseSloOverrides(entries: readonly string[]): { overrides: SloOverride[]; problems: string[] } {
    return parseEntries(entries, parseSloOverride);
}

/**
 * The overrides of one service: the environment's, with the service's own (`<service>:alarmOverrides`)
 * replacing any environment entry for the same alarm field, so a service tunes only its alarms.
 */
export function layerAlarmOverrides(environment: readonly AlarmOverride[], service: readonly AlarmOverride[]): AlarmOverride[] {
    const same = (a: AlarmOverride, b: AlarmOverride) => a.kind === b.kind && a.metric === b.metric && a.field === b.field;
    return [...environment.filter((e) => !service.some((s) => same(e, s))), ...service];
}
