/** Headroom over a measured idle duration, for load that arrives after the timeout was set. */
export declare const MARGIN: number;
/** How many times slower than idle this machine runs work now (runnable tasks per core, at least 1). */
export declare function contention(): number;
/** A timeout in ms for work that takes `idleMs` on an idle 2-core machine. */
export declare function budget(idleMs: number): number;
