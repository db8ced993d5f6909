import * as path from "path";
import { edgeProgram } from "../../stacks/edge/program";
import { platformProgram } from "../../stacks/platform/program";
import { Graph, runProgram, stackConfig } from "../helpers/graph";

export const ROOT = path.resolve(__dirname, "../..");
export const EDGE_DIR = path.join(ROOT, "edge");

/** The edge stack of an environment, fed the real platform program's outputs of the same environment. */
export async function runEdge(stack: "dev" | "prod", overrides: Record<string, string> = {}): Promise<{ platform: Graph; edge: Graph }> {
    const platform = await runProgram(() => platformProgram(), { project: "platform", stack, config: stackConfig(ROOT, stack) });
    const edge = await runProgram(() => edgeProgram(), {
        project: "edge", stack, config: stackConfig(EDGE_DIR, stack, overrides), stackOutputs: { [`organization/platform/${stack}`]: platform.outputs },
    });
    return { platform, edge };
}

