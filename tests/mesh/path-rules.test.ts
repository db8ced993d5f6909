import * as assert from "assert";
import fc from "fast-check";
import { pathRouteProblems, patternsOverlap, planPathRules } from "../../components/mesh/path-rules";

describe("path-rules", () => {
    it("accepts disjoint services and orders them by priority, not by list order", () => {
        const rules = planPathRules([
            { service: "orders", pathPatterns: ["/api/v1/orders", "/api/v1/orders/*"], priority: 200 },
            { service: "data", pathPatterns: ["/api/v1/data*"], priority: 100 },
        ]);
        assert.deepStrictEqual(rules.map((r) => r.service), ["data", "orders"]);
    });

    it("refuses two services with overlapping patterns, naming both", () => {
        assert.throws(
            () => planPathRules([{ service: "a", pathPatterns: ["/api/*"], priority: 1 }, { service: "b", pathPatterns: ["/api/v1/orders"], priority: 2 }]),
            /a path "\/api\/\*" collides with b path "\/api\/v1\/orders"/,
        );
    });

    it("refuses two services on the same priority", () => {
        assert.throws(
            () => planPathRules([{ service: "a", pathPatterns: ["/a"], priority: 7 }, { service: "b", pathPatterns: ["/b"], priority: 7 }]),
            /a and b both use listener rule priority 7/,
        );
    });

    it("refuses bad patterns and priorities with the value in the message", () => {
        assert.match(pathRouteProblems({ service: "a", pathPatterns: ["api"], priority: 1 }).join(), /path pattern "api" must start with "\/"/);
        assert.match(pathRouteProblems({ service: "a", pathPatterns: ["/a"], priority: 0 }).join(), /priority 0 is not a whole number from 1 to 50000/);
        assert.match(pathRouteProblems({ service: "a", pathPatterns: ["/a", "/b", "/c", "/d"], priority: 1 }).join(), /4 path patterns given; a rule takes 1 to 3/);
    });

    it("overlap: wildcards and literals", () => {
        assert.ok(patternsOverlap("/api/*", "/api/v1"));
        assert.ok(patternsOverlap("/a?c", "/abc"));
        assert.ok(patternsOverlap("*/x", "/y*"));
        assert.ok(!patternsOverlap("/orders*", "/users*"));
        assert.ok(!patternsOverlap("/a", "/A"));
    });

    it("overlap is symmetric and a pattern overlaps any literal path it matches", () => {
        const glob = fc.stringMatching(/^\/[a-c*?]{0,6}$/);
        fc.assert(fc.property(glob, glob, (a, b) => patternsOverlap(a, b) === patternsOverlap(b, a)));
        fc.assert(fc.property(glob, fc.stringMatching(/^\/[a-c]{0,6}$/), (pattern, path) => {
            const regex = new RegExp(`^${pattern.replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
            assert.strictEqual(patternsOverlap(pattern, path), regex.test(path));
        }));
    });
});
