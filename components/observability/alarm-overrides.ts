import { AlarmOverride, overrideProblem } from "./alarm-catalogue";

/**
 * Per-environment alarm overrides as Pulumi config carries them. Project config types are only
 * string, integer, boolean and array, so each override is one string `<kind>.<alarm>.<field>=<number>`
 * (e.g. `ecsService.cpu.threshold=90`), and the key is an array of such strings.
 */

export const OVERRIDE_FORMAT = "<kind>.<alarm>.<threshold|periods|period>=<number>, such as ecsService.cpu.threshold=90";

const SHAPE = /^([A-Za-z0-9]+)\.([A-Za-z0-9]+)\.([A-Za-z]+)=(.*)$/;

/** Parses one entry: the override, or the reason it is refused (naming the entry). */
export function parseAlarmOverride(entry: string): AlarmOverride | { problem: string } {
    const m = SHAPE.exec(entry.trim());
    if (m === null) {
        return { problem: `"${entry}" is not ${OVERRIDE_FORMAT}` };
    }
    const [, kind, metric, field, rawValue] = m;
    // Number("") is 0 and Number("0x10") is 16: accept only plain decimal numbers.
    const value = /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(rawValue) ? Number(rawValue) : NaN;
    if (Number.isNaN(value)) {
        return { problem: `"${entry}": ${field} "${rawValue}" is not a number` };
    }
    const problem = overrideProblem({ kind, metric, field, value });
    return problem === undefined ? ({ kind, metric, field, value } as AlarmOverride) : { problem: `"${entry}": ${problem}` };
}

/** Parses every entry; the reasons of all refused entries, or the overrides. */
export function parseAlarmOverrides(entries: readonly string[]): { overrides: AlarmOverride[]; problems: string[] } {
    const overrides: AlarmOverride[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
        const parsed = parseAlarmOverride(entry);
        if ("problem" in parsed) {
            problems.push(parsed.problem);
        } else {
            overrides.push(parsed);
        }
    }
    return { overrides, problems };
}

/**
 * The overrides of one service: the environment's, with the service's own (`<service>:alarmOverrides`)
 * replacing any environment entry for the same alarm field, so a service tunes only its alarms.
 */
export function layerAlarmOverrides(environment: readonly AlarmOverride[], service: readonly AlarmOverride[]): AlarmOverride[] {
    const same = (a: AlarmOverride, b: AlarmOverride) => a.kind === b.kind && a.metric === b.metric && a.field === b.field;
    return [...environment.filter((e) => !service.some((s) => same(e, s))), ...service];
}
