/**
 * Which service may call which (M3). Each service lists the services it calls; everything else
 * follows from that list: who may reach a service's port (its security group) and the Service
 * Connect names its callers use. The graph must be acyclic: a request loop between services turns
 * one slow call into a retry storm (the stacks themselves no longer wait for each other: every
 * service's security group is the platform's).
 */

export interface ServiceCalls {
    /** Service name, as in the Service Connect namespace. */
    readonly name: string;
    /** Names of the services it calls. */
    readonly calls: readonly string[];
}

export interface CallGraph {
    /** Service names in an order where every callee comes before its callers (a deploy order). */
    readonly deployOrder: string[];
    /** For each service, the services allowed to call it, sorted. */
    readonly callersOf: Record<string, string[]>;
    /** For each service, the services it calls, sorted and without repeats. */
    readonly calleesOf: Record<string, string[]>;
}

/** Plans the call graph; throws one Error naming every unknown callee, self-call, repeat, or the first cycle found. */
export function planCallGraph(services: readonly ServiceCalls[]): CallGraph {
    const names = services.map((s) => s.name);
    const problems: string[] = [];
    const repeated = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (repeated.length > 0) {
        problems.push(`service ${repeated.join(", ")} declared more than once`);
    }
    const known = new Set(names);
    for (const service of services) {
        for (const callee of service.calls) {
            if (callee === service.name) {
                problems.push(`${service.name} calls itself; a service reaches its own code in-process, not through the mesh`);
            } else if (!known.has(callee)) {
                problems.push(`${service.name} calls unknown service "${callee}" (known: ${[...known].sort().join(", ")})`);
            }
        }
    }
    if (problems.length > 0) {
        throw new Error(`Invalid service call graph:\n  - ${problems.join("\n  - ")}`);
    }

    const calleesOf: Record<string, string[]> = {};
    const callersOf: Record<string, string[]> = {};
    for (const name of names) {
        callersOf[name] = [];
    }
    for (const service of services) {
        calleesOf[service.name] = [...new Set(service.calls)].sort();
        for (const callee of calleesOf[service.name]) {
            callersOf[callee].push(service.name);
        }
    }
    for (const name of names) {
        callersOf[name].sort();
    }

    const cycle = findCycle(names, calleesOf);
    if (cycle) {
        throw new Error(`Invalid service call graph: call cycle ${cycle.join(" -> ")}; calls must form a DAG so that callees deploy before their callers`);
    }
    return { deployOrder: topologicalOrder(names, calleesOf), callersOf, calleesOf };
}

/** A cycle as a path that starts and ends at the same service, or undefined. */
function findCycle(names: readonly string[], calleesOf: Record<string, string[]>): string[] | undefined {
    const state = new Map<string, "visiting" | "done">();
    const path: string[] = [];
    const visit = (name: string): string[] | undefined => {
        if (state.get(name) === "done") {
            return undefined;
        }
        if (state.get(name) === "visiting") {
            return [...path.slice(path.indexOf(name)), name];
        }
        state.set(name, "visiting");
        path.push(name);
        for (const callee of calleesOf[name]) {
            const found = visit(callee);
            if (found) {
                return found;
            }
        }
        path.pop();
        state.set(name, "done");
        return undefined;
    };
    for (const name of [...names].sort()) {
        const found = visit(name);
        if (found) {
            return found;
        }
    }
    return undefined;
}

/** Callees first; ties broken by name so that the order does not depend on how the list was written. */
function topologicalOrder(names: readonly string[], calleesOf: Record<string, string[]>): string[] {
    const order: string[] = [];
    const placed = new Set<string>();
    while (order.length < names.length) {
        const ready = names.filter((n) => !placed.has(n) && calleesOf[n].every((c) => placed.has(c))).sort();
        for (const name of ready) {
            placed.add(name);
            order.push(name);
        }
    }
    return order;
}
