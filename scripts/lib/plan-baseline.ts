/**
 * The bench's baseline: the plan without its analyses, to measure what they add to the plan's wall
 * time. Only scripts/bench/plan-without-analyses.ts turns it on, from inside the process before it
 * loads the plan; no flag or environment variable can, so nobody can skip the analyses by accident.
 */
const KEY = Symbol.for("aws-cloud-platform.plan-without-analyses");

export function markPlanWithoutAnalyses(): void {
    (globalThis as Record<symbol, unknown>)[KEY] = true;
}

export function planWithoutAnalyses(): boolean {
    return (globalThis as Record<symbol, unknown>)[KEY] === true;
}
