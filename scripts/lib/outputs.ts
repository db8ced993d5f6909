import * as fs from "fs";
import * as path from "path";
import { PlannedResource } from "./mock-runtime";
import { MOCK_ACCOUNT_ID } from "./mocks";

/**
 * Stack outputs as the offline plan recorded them (`.plan/<env>/<project>.json`). Ids, ARNs and
 * endpoints there are invented by the mocks: they look real and are not, so each value that holds
 * one is labelled; values that follow from config alone (names, paths, ports) are what a deploy
 * would output too.
 */

export interface OutputLine {
    readonly key: string;
    readonly value: unknown;
    /** The value holds an id, ARN or address the mocks invented. */
    readonly mocked: boolean;
}

interface PlanFile {
    readonly project: string;
    readonly resources: PlannedResource[];
    readonly outputs: Record<string, unknown>;
}

/** The stack plans of an environment, by project. */
export function readPlanFiles(root: string, env: string): PlanFile[] {
    const dir = path.join(root, ".plan", env);
    if (!fs.existsSync(dir)) {
        throw new Error(`no plan in .plan/${env}: run npm run plan -- --env ${env} first`);
    }
    return fs.readdirSync(dir).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Partial<PlanFile>)
        .filter((p): p is PlanFile => typeof p.project === "string" && Array.isArray(p.resources) && typeof p.outputs === "object");
}

/**
 * Every string the mocks invented: ids and computed state that no input of the resource holds and
 * that carries what only the mocks make up (the mock account, or a run of random hex digits).
 */
export function mockedValues(plans: readonly PlanFile[]): Set<string> {
    const values = new Set<string>([MOCK_ACCOUNT_ID]);
    const invented = /[0-9a-f]{6,}/;
    for (const r of plans.flatMap((p) => p.resources)) {
        const given = new Set(Object.values(r.inputs ?? {}).filter((v): v is string => typeof v === "string"));
        const computed = [r.custom ? r.id : undefined, ...Object.entries(r.state ?? {}).filter(([k]) => !(k in (r.inputs ?? {}))).map(([, v]) => v)];
        for (const v of computed) {
            if (typeof v === "string" && !given.has(v) && (invented.test(v) || v.includes(MOCK_ACCOUNT_ID))) {
                values.add(v);
            }
        }
    }
    return values;
}

function holdsMocked(value: unknown, mocked: Set<string>): boolean {
    if (typeof value === "string") {
        return [...mocked].some((m) => value.includes(m));
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some((v) => holdsMocked(v, mocked));
    }
    return false;
}

/** One stack's outputs, each labelled. */
export function outputLines(plan: PlanFile, mocked: Set<string>): OutputLine[] {
    return Object.entries(plan.outputs).map(([key, value]) => ({ key, value, mocked: holdsMocked(value, mocked) }));
}
