import * as assert from "assert";
import { runSoak, soakProfiles } from "../../scripts/soak";

/**
 * The short run of the soak script: every service with a soak profile, as its production bundle on
 * loopback, loaded briefly on each endpoint, then stopped with SIGTERM under load. The fault cases
 * have their own tests next to each service; `npm run soak` runs them too.
 */
describe("soak script, short run (scripts/soak.ts)", function () {
    this.timeout(90_000);

    it("answers every endpoint of every service without an error, within the dev task's memory, and stops cleanly under load", async () => {
        const report = await runSoak({ durationMs: 200, connections: 4, faults: false, seedFraction: 0.1 });
        const services = soakProfiles().map((p) => p.service);
        assert.ok(services.length > 0, "no apps/<service>/soak.ts found");
        for (const e of report.endpoints) {
            assert.ok(e.requests > 0, `${e.service} ${e.endpoint}: no request completed`);
            assert.strictEqual(e.errors, 0, `${e.service} ${e.endpoint}: ${JSON.stringify(e.statuses)}`);
        }
        assert.deepStrictEqual(Object.keys(report.rpsPerVcpu).sort(), [...services].sort());
        for (const m of report.memory) {
            assert.ok(m.peakRssMiB > 0 && m.peakRssMiB < m.taskMemoryMiB, `${m.service}: peak RSS ${m.peakRssMiB} MiB in a ${m.taskMemoryMiB} MiB task`);
        }
        for (const f of report.faults) {
            assert.ok(f.pass, `${f.service} ${f.name}: ${f.outcome}`);
        }
        assert.strictEqual(report.faults.length, services.length, "one SIGTERM case per service");
    });
});
