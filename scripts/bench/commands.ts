/**
 * How the bench starts our scripts: exactly as `npm run <script>` does (the node options of
 * package.json's script, read from it rather than copied), plus the memory probe, so that a number
 * the bench prints is the number a user's command would give.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const probe = path.join(root, "scripts/bench/max-rss.ts");

/**
 * The argv of `npm run <script> -- <args>` without npm, for a package.json script of the form
 * `node <options> <file>`; `file` replaces the script's own file (the floor runs with the plan's options).
 */
export function npmScriptArgv(script: string, args: readonly string[], file?: string): string[] {
    const command = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[script];
    const words = command?.split(/\s+/) ?? [];
    if (words[0] !== "node" || words.length < 2) {
        throw new Error(`package.json script "${script}" is not of the form "node <options> <file>": ${command}`);
    }
    const options = words.slice(1, -1).map((w) => (w.startsWith("./") ? path.join(root, w) : w));
    return [process.execPath, ...options, "-r", probe, path.join(root, file ?? words[words.length - 1]), ...args];
}

/** The peak memory the probe recorded for a run (the sum of its processes' peaks), and removes its file; 0 without one. */
export function takePeakBytes(file: string): number {
    if (!fs.existsSync(file)) {
        return 0;
    }
    const total = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).reduce((sum, line) => sum + Number(line), 0);
    fs.rmSync(file, { force: true });
    return total;
}

/** A command the bench times. */
export interface BenchCommand {
    readonly label: string;
    readonly argv: readonly string[];
    /** Where it runs; the repository by default. */
    readonly cwd?: string;
    /** Runs with an empty transpile cache (a first run after a clone or an edit of every file). */
    readonly cold?: boolean;
}

export interface Measure {
    readonly label: string;
    readonly bestMs: number;
    readonly medianMs: number;
    readonly peakBytes: number;
    /** The last line of each run's output (a plan's summary), in run order. */
    readonly summaries: readonly string[];
}

export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/**
 * Runs each command `runs` times, each run a fresh process, interleaved round by round so that a
 * change in a shared machine's load weighs on each alike. Throws, with its output, on a failed run.
 */
export function runInterleaved(commands: readonly BenchCommand[], runs: number): Measure[] {
    const results = commands.map(() => ({ times: [] as number[], peak: 0, summaries: [] as string[] }));
    for (let round = 0; round < runs; round++) {
        commands.forEach((command, c) => {
            const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${round}-${c}`);
            // Beside the real cache, on its file system: on this machine, creating files in /tmp is ten times slower.
            const cache = command.cold ? fs.mkdtempSync(path.join(root, "node_modules/.cache/bench-cold-")) : undefined;
            const env = { ...process.env, BENCH_RSS_FILE: rssFile, ...(cache === undefined ? {} : { TRANSPILED_TS_CACHE: cache }) };
            const started = process.hrtime.bigint();
            const run = spawnSync(command.argv[0], command.argv.slice(1), { cwd: command.cwd ?? root, env, encoding: "utf8", maxBuffer: 256 * 1024 ** 2 });
            results[c].times.push(Number(process.hrtime.bigint() - started) / 1e6);
            if (cache !== undefined) {
                fs.rmSync(cache, { recursive: true, force: true });
            }
            if (run.status !== 0) {
                throw new Error(`${command.label} failed (exit ${run.status}):\n${run.stderr}\n${run.stdout.slice(-2000)}`);
            }
            results[c].summaries.push(run.stdout.trim().split("\n").at(-1) ?? "");
            results[c].peak = Math.max(results[c].peak, takePeakBytes(rssFile));
        });
    }
    return commands.map(({ label }, c) => ({ label, bestMs: Math.min(...results[c].times), medianMs: median(results[c].times), peakBytes: results[c].peak, summaries: results[c].summaries }));
}
