// Timeouts that hold on a busy machine. A timeout exists to end a test that hangs; one set near a
// test's usual duration instead fails it whenever other processes take the cores (parallel test
// runs, builds). So every timeout is the work's duration on an idle 2-core machine, times a safety
// margin, times how much slower the machine runs right now than idle.
"use strict";
const os = require("os");

/** Headroom over a measured idle duration, for load that arrives after the timeout was set. */
const MARGIN = 10;

/**
 * How many times slower than idle this machine runs work now: runnable tasks per core over the last
 * minute, at least 1 (an idle 2-core machine running this suite shows about 1 per 2 cores).
 */
function contention() {
    const [oneMinute] = os.loadavg(); // [0, 0, 0] where the OS has no load average: counted as idle
    return Math.max(1, oneMinute / os.cpus().length);
}

/** A timeout in ms for work that takes `idleMs` on an idle 2-core machine. */
function budget(idleMs) {
    return Math.round(idleMs * MARGIN * contention());
}

module.exports = { budget, contention, MARGIN };
