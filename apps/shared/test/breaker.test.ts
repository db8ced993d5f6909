import * as assert from "assert";
import { BreakerOpenError, CircuitBreaker } from "../breaker";

describe("CircuitBreaker (apps/shared/breaker.ts)", () => {
    let now = 0;
    const breaker = (changes: boolean[] = []) => new CircuitBreaker({ name: "store", minOpenMs: 100, maxOpenMs: 400, now: () => now, onChange: (open) => changes.push(open) });
    const fail = () => Promise.reject(new Error("down"));
    const ok = () => Promise.resolve("ok");
    beforeEach(() => (now = 1_000));

    it("opens on a failure and answers at once with the time left, without calling the dependency", async () => {
        const changes: boolean[] = [];
        const b = breaker(changes);
        await assert.rejects(b.run(fail), /down/);
        let called = false;
        await assert.rejects(b.run(async () => (called = true)), (err: unknown) => err instanceof BreakerOpenError && err.retryAfterMs > 0 && err.retryAfterMs <= 100);
        assert.strictEqual(called, false);
        assert.deepStrictEqual(changes, [true]);
    });

    it("lets one probe through after the backoff; its success closes the breaker", async () => {
        const changes: boolean[] = [];
        const b = breaker(changes);
        await assert.rejects(b.run(fail));
        now += 100;
        let release!: () => void;
        const probe = b.run(() => new Promise<string>((r) => (release = () => r("ok"))));
        await assert.rejects(b.run(ok), BreakerOpenError, "a second call while the probe runs");
        release();
        assert.strictEqual(await probe, "ok");
        assert.strictEqual(await b.run(ok), "ok");
        assert.deepStrictEqual(changes, [true, false]);
    });

    it("doubles the backoff on each failed probe up to the maximum", async () => {
        const b = breaker();
        await assert.rejects(b.run(fail));
        const ceilings: number[] = [];
        for (let i = 0; i < 4; i++) {
            now += 1_000;
            await assert.rejects(b.run(fail), /down/);
            ceilings.push(b.retryAfterMs);
        }
        // Jitter keeps each wait between half and all of 200, 400, 400, 400 ms.
        [200, 400, 400, 400].forEach((ceiling, i) => assert.ok(ceilings[i] >= ceiling / 2 && ceilings[i] <= ceiling, `${ceilings[i]} for ceiling ${ceiling}`));
    });

    it("counts only the failures it is told to, and calls already under way do not lengthen the backoff", async () => {
        const b = breaker();
        await assert.rejects(b.run(() => Promise.reject(new Error("4xx")), () => false));
        assert.strictEqual(b.isOpen, false);
        let rejectSlow!: (e: Error) => void;
        const slow = b.run(() => new Promise((_r, reject) => (rejectSlow = reject)));
        await assert.rejects(b.run(fail));
        const after = b.retryAfterMs;
        rejectSlow(new Error("down too"));
        await assert.rejects(slow);
        assert.strictEqual(b.retryAfterMs, after);
    });
});
