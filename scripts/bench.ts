/**
 * `npm run bench`: times the offline plan of each environment (best of several runs, each a fresh
 * process, loading TypeScript the way `npm run plan` does) beside the floor measured in the same
 * run, and reports peak memory. Targets: a whole environment's plan within 3x the floor and under
 * 1 GB; the plan's analyses (scripts/analysis) add at most 15% to the plan's wall time, measured as
 * the plan against the same plan without them (scripts/bench/plan-without-analyses.ts), run for run,
 * so that whatever they cost (their code, the route-table worker's contention for the cores) counts.
 * The figures are printed, not asserted: timing on a shared machine is too noisy for a test.
 */
import * as os from "os";
import { BenchCommand, npmScriptArgv, runInterleaved } from "./bench/commands";
import { sideBySide } from "./bench/side-by-side";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MAX_RATIO = 3;
const MAX_BYTES = 1024 ** 3;
const MAX_ANALYSES_SHARE = 0.15;

const measure = (commands: readonly BenchCommand[]) => runInterleaved(commands, RUNS);

function main() {
    const [floor] = measure([{ label: "floor (load + 1 resource)", argv: npmScriptArgv("plan", [], "scripts/bench/floor.ts") }]);
    // Each plan beside the same plan without its analyses (scripts/bench/plan-without-analyses.ts): what they add to the wall time.
    const pairs = ["dev", "prod"].map((env) => measure([
        { label: `plan --env ${env}`, argv: npmScriptArgv("plan", ["--env", env]) },
        { label: `  the same without analyses`, argv: npmScriptArgv("plan", ["--env", env], "scripts/bench/plan-without-analyses.ts") },
    ]));
    const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;
    console.log(`best of ${RUNS} runs, each a fresh process, on ${os.cpus().length} cores`);
    console.log(`${"".padEnd(30)}${"best".padStart(10)}${"median".padStart(10)}${"x floor".padStart(10)}${"peak RSS".padStart(12)}  verdict`);
    for (const m of [floor, ...pairs.flat()]) {
        const ratio = m.bestMs / floor.bestMs;
        const verdict = m === floor || m.label.startsWith(" ") ? "" : ratio <= MAX_RATIO && m.peakBytes < MAX_BYTES ? "within target" : "OVER TARGET";
        console.log(`${m.label.padEnd(30)}${`${m.bestMs.toFixed(0)} ms`.padStart(10)}${`${m.medianMs.toFixed(0)} ms`.padStart(10)}${ratio.toFixed(2).padStart(10)}${mb(m.peakBytes).padStart(12)}  ${verdict}`);
    }
    for (const [plan, without] of pairs) {
        // Medians: a difference of two best times is at the mercy of one lucky run.
        const share = plan.medianMs / without.medianMs - 1;
        const inPlan = /\(analyses (\d+) ms\)/.exec(plan.summaries.at(-1) ?? "")?.[1];
        console.log(`${plan.label}: analyses add ${(share * 100).toFixed(1)}% to the plan's wall time (medians; best against best ${((plan.bestMs / without.bestMs - 1) * 100).toFixed(1)}%; the plan's own count in its last run: ${inPlan} ms after the programs, the route tables read by a worker thread during them)  ${share <= MAX_ANALYSES_SHARE ? "within target" : "OVER TARGET"}`);
    }
    console.log(`targets: plan <= ${MAX_RATIO}x floor, peak < ${mb(MAX_BYTES)}, analyses add <= ${MAX_ANALYSES_SHARE * 100}% to the plan's wall time`);
    sideBySide(RUNS);
}

main();
