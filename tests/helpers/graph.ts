import { PlannedResource, runStackUnderMocks, StackRun } from "../../scripts/lib/mock-runtime";
import { readStackConfig } from "../../scripts/lib/stack-config";

/** Queries over the resources a program registered under mocks. */
export class Graph {
    constructor(public readonly run: StackRun) {}

    get resources(): PlannedResource[] {
        return this.run.resources;
    }

    get outputs(): Record<string, unknown> {
        return this.run.outputs;
    }

    ofType(type: string): PlannedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** The resource of that logical name; fails the test when absent. */
    named(name: string): PlannedResource {
        const r = this.resources.find((x) => x.name === name);
        if (!r) {
            throw new Error(`no resource named ${name}; names: ${this.resources.map((x) => x.name).join(", ")}`);
        }
        return r;
    }

    /** The single resource of a type (optionally whose name ends with `suffix`); fails unless exactly one. */
    one(type: string, suffix = ""): PlannedResource {
        const found = this.ofType(type).filter((r) => r.name.endsWith(suffix));
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${suffix ? ` named *${suffix}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
        }
        return found[0];
    }

    /** The resource whose id or ARN is `ref` (how a registered input points at another resource). */
    referenced(ref: unknown): PlannedResource | undefined {
        return this.resources.find((r) => r.id === ref || r.state.arn === ref);
    }
}

export interface RunArgs {
    readonly project?: string;
    readonly stack?: string;
    readonly config?: Record<string, string>;
    readonly stackOutputs?: Record<string, Record<string, unknown>>;
}

/** Runs a program (or a function that builds components) under the plan's mocks. */
export async function runProgram(program: () => unknown, args: RunArgs = {}): Promise<Graph> {
    const run = await runStackUnderMocks({
        project: args.project ?? "test",
        stack: args.stack ?? "test",
        config: { "aws:region": "us-east-1", ...args.config },
        program,
        stackOutputs: args.stackOutputs,
    });
    return new Graph(run);
}

/** The config a stack file gives, with overrides (raw strings; arrays as JSON). */
export function stackConfig(dir: string, stack: string, overrides: Record<string, string> = {}): Record<string, string> {
    return { ...readStackConfig(dir, stack), ...overrides };
}
