/**
 * Path routing on the shared internal ALB: each service owns a listener rule with its path
 * patterns and a priority. Priorities come from configuration, never from a list's order: a
 * priority derived from position would move when a service is added, and ALB rule priorities must
 * be unique per listener, so a shift would make every later rule collide or be replaced.
 */

export interface PathRoute {
    /** The service that owns the rule. */
    readonly service: string;
    /** ALB path patterns (case-sensitive; `*` any characters, `?` one character). */
    readonly pathPatterns: readonly string[];
    /** Listener rule priority, 1 to 50000; lower is evaluated first. */
    readonly priority: number;
}

export const MIN_RULE_PRIORITY = 1;
export const MAX_RULE_PRIORITY = 50000;
/** ALB accepts up to three comparison strings per condition (a rule has one path-pattern condition here). */
export const MAX_PATTERNS_PER_RULE = 3;
/** Longest path pattern the ALB accepts. */
export const MAX_PATTERN_LENGTH = 128;
/** Characters a path pattern may hold: A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & and the wildcards * ?. */
const PATTERN_CHARS = /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/;

/** Problems of one service's patterns and priority, each a sentence naming the value. */
export function pathRouteProblems(route: PathRoute): string[] {
    const problems: string[] = [];
    const { service, pathPatterns, priority } = route;
    if (!Number.isInteger(priority) || priority < MIN_RULE_PRIORITY || priority > MAX_RULE_PRIORITY) {
        problems.push(`${service}: listener rule priority ${priority} is not a whole number from ${MIN_RULE_PRIORITY} to ${MAX_RULE_PRIORITY}`);
    }
    if (pathPatterns.length === 0 || pathPatterns.length > MAX_PATTERNS_PER_RULE) {
        problems.push(`${service}: ${pathPatterns.length} path patterns given; a rule takes 1 to ${MAX_PATTERNS_PER_RULE}`);
    }
    for (const pattern of pathPatterns) {
        if (!pattern.startsWith("/") || pattern.length > MAX_PATTERN_LENGTH || !PATTERN_CHARS.test(pattern)) {
            problems.push(`${service}: path pattern ${JSON.stringify(pattern)} must start with "/", be at most ${MAX_PATTERN_LENGTH} characters of A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & * ?`);
        }
    }
    const repeated = pathPatterns.filter((p, i) => pathPatterns.indexOf(p) !== i);
    if (repeated.length > 0) {
        problems.push(`${service}: path pattern ${[...new Set(repeated)].join(", ")} repeated`);
    }
    return problems;
}

/**
 * Whether some request path matches both patterns. Two services whose patterns overlap would
 * depend on rule priority to decide who gets the overlap, which is invisible to both teams, so
 * any overlap is refused.
 */
export function patternsOverlap(a: string, b: string): boolean {
    const memo = new Map<string, boolean>();
    const both = (i: number, j: number): boolean => {
        const key = `${i},${j}`;
        const cached = memo.get(key);
        if (cached !== undefined) {
            return cached;
        }
        let result: boolean;
        if (i === a.length && j === b.length) {
            result = true;
        } else if (i < a.length && a[i] === "*") {
            // The star matches nothing, or takes the next character of whatever b produces.
            result = both(i + 1, j) || (j < b.length && both(i, j + 1));
        } else if (j < b.length && b[j] === "*") {
            result = both(i, j + 1) || (i < a.length && both(i + 1, j));
        } else if (i === a.length || j === b.length) {
            result = false;
        } else {
            result = (a[i] === "?" || b[j] === "?" || a[i] === b[j]) && both(i + 1, j + 1);
        }
        memo.set(key, result);
        return result;
    };
    return both(0, 0);
}

/**
 * Checks every service's rule and the rules against each other (same priority, overlapping
 * patterns); throws one Error listing every problem. Returns the rules ordered by priority.
 */
export function planPathRules(routes: readonly PathRoute[]): PathRoute[] {
    const problems = routes.flatMap(pathRouteProblems);
    for (let x = 0; x < routes.length; x++) {
        for (let y = x + 1; y < routes.length; y++) {
            const [r, s] = [routes[x], routes[y]];
            if (r.priority === s.priority) {
                problems.push(`${r.service} and ${s.service} both use listener rule priority ${r.priority}; priorities must be unique on the listener`);
            }
            for (const p of r.pathPatterns) {
                for (const q of s.pathPatterns) {
                    if (patternsOverlap(p, q)) {
                        problems.push(`${r.service} path ${JSON.stringify(p)} collides with ${s.service} path ${JSON.stringify(q)}: some request paths match both`);
                    }
                }
            }
        }
    }
    if (problems.length > 0) {
        throw new Error(`Invalid ALB path rules:\n  - ${problems.join("\n  - ")}`);
    }
    return [...routes].sort((r, s) => r.priority - s.priority);
}
