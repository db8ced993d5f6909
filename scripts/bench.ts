/**
 * `npm run bench`: times the offline plan of each environment (best of several runs, each a fresh
 * process, loading TypeScript the way `npm run plan` does) beside the floor measured in the same
 * run, and reports peak memory. Targets: a whole
 * environment's plan within 3x the floor and under 1 GB; the plan's analyses (scripts/analysis: the
 * time the plan itself reports for loading and running them, after the programs) add at most 15% to
 * the rest of the plan. The route tables the request-path analysis needs are read by a worker thread
 * during the plan; that time is printed beside the share, since it runs on another core. The
 * figures are printed, not asserted: timing on a shared machine is too noisy for a test.
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
    readonly peakBytes: number;
    /** The median over the runs of the analyses' time over the rest of the plan, from the plan's last line (plans only). */
    readonly analysesShare?: number;
    /** The median time a worker thread took to read the services' route tables, overlapped with the plan (plans only). */
    readonly prefetchMs?: number;
}

function measure(label: string, argv: readonly string[]): Measure {
    const times: number[] = [];
    const shares: number[] = [];
    const prefetches: number[] = [];
    let peak = 0;
    for (let i = 0; i < RUNS; i++) {
        const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${i}`);
        const started = process.hrtime.bigint();
        const run = spawnSync(argv[0], argv.slice(1), {
            cwd: root,
            env: { ...process.env, BENCH_RSS_FILE: rssFile },
            encoding: "utf8",
        });
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (run.status !== 0) {
            throw new Error(`${label} failed (exit ${run.status}):\n${run.stderr}`);
        }
        times.push(ms);
        const reported = /, (\d+) ms \(analyses (\d+) ms\)/.exec(run.stdout);
        if (reported) {
            shares.push(Number(reported[2]) / Math.max(1, Number(reported[1]) - Number(reported[2])));
        }
        prefetches.push(Number(/route tables took (\d+) ms to read, in a worker thread/.exec(run.stdout)?.[1] ?? NaN));
        peak = Math.max(peak, takePeakBytes(rssFile));
    }
    // The share is a ratio within each run, so the median of the runs is its fair figure (the fastest run's is arbitrary).
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    return { label, bestMs: Math.min(...times), peakBytes: peak, ...(shares.length > 0 ? { analysesShare: median(shares), prefetchMs: median(prefetches) } : {}) };
}

function main() {
    const floor = measure("floor (load + 1 resource)", npmScriptArgv("plan", [], "scripts/bench/floor.ts"));
    const plans = ["dev", "prod"].map((env) => measure(`plan --env ${env}`, npmScriptArgv("plan", ["--env", env])));
    const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;
    console.log(`best of ${RUNS} runs, each a fresh process, on ${os.cpus().length} cores`);
    console.log(`${"".padEnd(28)}${"best".padStart(10)}${"x floor".padStart(10)}${"peak RSS".padStart(12)}  verdict`);
    for (const m of [floor, ...plans]) {
        const ratio = m.bestMs / floor.bestMs;
        const verdict = m === floor ? "" : ratio <= MAX_RATIO && m.peakBytes < MAX_BYTES ? "within target" : "OVER TARGET";
        console.log(`${m.label.padEnd(28)}${`${m.bestMs.toFixed(0)} ms`.padStart(10)}${ratio.toFixed(2).padStart(10)}${mb(m.peakBytes).padStart(12)}  ${verdict}`);
    }
    for (const m of plans.filter((p) => p.analysesShare !== undefined)) {
        const share = m.analysesShare!;
        const prefetch = Number.isNaN(m.prefetchMs) ? "" : ` (besides, a worker thread read the route tables in ${m.prefetchMs} ms while the plan ran)`;
        console.log(`${m.label}: analyses add ${(share * 100).toFixed(1)}% to the plan (median of ${RUNS} runs)${prefetch}  ${share <= MAX_ANALYSES_SHARE ? "within target" : "OVER TARGET"}`);
    }
    console.log(`targets: plan <= ${MAX_RATIO}x floor, peak < ${mb(MAX_BYTES)}, analyses <= ${MAX_ANALYSES_SHARE * 100}% of the plan`);
    sideBySide(RUNS);
}

main();
