/**
 * `npm run bench`: times the offline plan of each environment (best of several runs, each a fresh
 * process, loading TypeScript the way `npm run plan` does) beside the floor measured in the same
 * run, and reports peak memory. Targets: a whole environment's plan within 3x the floor and under
 * 1 GB; the plan's analyses (scripts/analysis) add at most 15% to the plan's wall time, measured as
 * the plan against the same plan without them (scripts/bench/plan-without-analyses.ts), run for run,
 * so that whatever they cost (their code, the route-table worker's contention for the cores) counts.
 * The figures are printed, not asserted: timing on a shared machine is too noisy for a test.
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { npmScriptArgv, takePeakBytes } from "./bench/commands";
import { sideBySide } from "./bench/side-by-side";

const root = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MAX_RATIO = 3;
const MAX_BYTES = 1024 ** 3;
const MAX_ANALYSES_SHARE = 0.15;

interface Measure {
    readonly label: string;
    readonly bestMs: number;
    readonly medianMs: number;
    readonly peakBytes: number;
    /** The last line of each run's output (the plan's summary), in run order. */
    readonly summaries: readonly string[];
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** Runs the commands RUNS times, interleaved round by round so that a change in the machine's load weighs on each alike. */
function measure(commands: readonly { label: string; argv: readonly string[] }[]): Measure[] {
    const runs = commands.map(() => ({ times: [] as number[], peak: 0, summaries: [] as string[] }));
    for (let i = 0; i < RUNS; i++) {
        commands.forEach(({ label, argv }, c) => {
            const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${i}-${c}`);
            const started = process.hrtime.bigint();
            const run = spawnSync(argv[0], argv.slice(1), { cwd: root, env: { ...process.env, BENCH_RSS_FILE: rssFile }, encoding: "utf8", maxBuffer: 256 * 1024 ** 2 });
            runs[c].times.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (run.status !== 0) {
                throw new Error(`${label} failed (exit ${run.status}):\n${run.stderr}`);
            }
            runs[c].summaries.push(run.stdout.trim().split("\n").at(-1) ?? "");
            runs[c].peak = Math.max(runs[c].peak, takePeakBytes(rssFile));
        });
    }
    return commands.map(({ label }, c) => ({ label, bestMs: Math.min(...runs[c].times), medianMs: median(runs[c].times), peakBytes: runs[c].peak, summaries: runs[c].summaries }));
}

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
