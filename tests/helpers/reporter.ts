// Mocha's dot reporter plus a closing line in the plain "N passed, N failed" form that CI reads.
import * as Mocha from "mocha";

class SummaryReporter extends Mocha.reporters.Dot {
    constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
            console.log(`mocha: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
        });
    }
}

export = SummaryReporter;
