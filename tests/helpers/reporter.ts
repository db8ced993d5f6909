// Mocha's dot reporter, then the ten slowest tests and hooks (where the suite's time goes, so that a
// slow newcomer is seen before the suite outgrows its budget), then a closing line in the plain
// "N passed, N failed" form that CI reads.
import * as Mocha from "mocha";
import * as path from "path";
import { mapStack } from "./register-ts";

const SLOWEST = 10;

interface Timing {
    readonly title: string;
    readonly file: string;
    readonly ms: number;
}

class SummaryReporter extends Mocha.reporters.Dot {
    constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
        super(runner, options);
        const started = Date.now();
        const timings: Timing[] = [];
        const record = (runnable: Mocha.Runnable) => {
            timings.push({ title: runnable.fullTitle(), file: runnable.file === undefined ? "" : `  (${path.relative(process.cwd(), runnable.file)})`, ms: runnable.duration ?? 0 });
        };
        runner.on(Mocha.Runner.constants.EVENT_TEST_END, record);
        // Hooks hold the shared work (plans, servers, bundles): without them the slow part is invisible.
        runner.on(Mocha.Runner.constants.EVENT_HOOK_END, record);
        // Failures are printed at the end: their stacks point at TypeScript lines by then.
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (_test: Mocha.Runnable, err: { stack?: unknown }) => {
            if (typeof err?.stack === "string") {
                err.stack = mapStack(err.stack);
            }
        });
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const slowest = timings.filter((t) => t.ms > 0).sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
            console.log(`\nslowest ${slowest.length} tests and hooks (of ${timings.length}), wall time ${((Date.now() - started) / 1000).toFixed(1)} s:`);
            for (const t of slowest) {
                console.log(`${String(t.ms).padStart(8)} ms  ${t.title}${t.file}`);
            }
            const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
            console.log(`mocha: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
        });
    }
}

export = SummaryReporter;
