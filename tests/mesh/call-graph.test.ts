import * as assert from "assert";
import fc from "fast-check";
import { planCallGraph } from "../../components/mesh/call-graph";

describe("call-graph", () => {
    const services = [
        { name: "web", calls: ["orders", "users"] },
        { name: "orders", calls: ["users"] },
        { name: "users", calls: [] },
    ];

    it("derives for each service who may call it", () => {
        const graph = planCallGraph(services);
        assert.deepStrictEqual(graph.callersOf, { web: [], orders: ["web"], users: ["orders", "web"] });
        assert.deepStrictEqual(graph.calleesOf.web, ["orders", "users"]);
    });

    it("orders callees before callers, whatever order the list is in", () => {
        assert.deepStrictEqual(planCallGraph(services).deployOrder, ["users", "orders", "web"]);
        assert.deepStrictEqual(planCallGraph([...services].reverse()).deployOrder, ["users", "orders", "web"]);
    });

    it("refuses a call to an unknown service, naming the caller and the known services", () => {
        assert.throws(() => planCallGraph([{ name: "web", calls: ["payments"] }, { name: "users", calls: [] }]), /web calls unknown service "payments" \(known: users, web\)/);
    });

    it("refuses a self-call", () => {
        assert.throws(() => planCallGraph([{ name: "web", calls: ["web"] }]), /web calls itself/);
    });

    it("refuses a cycle and prints it", () => {
        assert.throws(
            () => planCallGraph([{ name: "a", calls: ["b"] }, { name: "b", calls: ["c"] }, { name: "c", calls: ["a"] }]),
            /call cycle a -> b -> c -> a/,
        );
    });

    it("refuses a service declared twice", () => {
        assert.throws(() => planCallGraph([{ name: "a", calls: [] }, { name: "a", calls: [] }]), /service a declared more than once/);
    });

    it("any graph whose calls only point to earlier services is accepted, with every caller deployed after its callees", () => {
        fc.assert(fc.property(fc.array(fc.array(fc.nat(), { maxLength: 4 }), { minLength: 1, maxLength: 8 }), (edges) => {
            const list = edges.map((targets, i) => ({ name: `s${i}`, calls: i === 0 ? [] : targets.map((t) => `s${t % i}`) }));
            const graph = planCallGraph(list);
            for (const s of list) {
                for (const callee of s.calls) {
                    assert.ok(graph.deployOrder.indexOf(callee) < graph.deployOrder.indexOf(s.name));
                    assert.ok(graph.callersOf[callee].includes(s.name));
                }
            }
        }));
    });
});
