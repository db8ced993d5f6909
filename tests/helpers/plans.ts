import * as path from "path";
import { EnvironmentPlan, planEnvironment } from "../../scripts/lib/plan-env";
import { Graph } from "./graph";

const ROOT = path.resolve(__dirname, "../..");
const cache = new Map<string, Promise<EnvironmentPlan>>();

/**
 * The plan of an environment as committed (stack files unchanged), computed once per test run and
 * shared by every suite that reads it: each plan costs about a second, and several suites need
 * both environments. Suites must treat it as read-only.
 */
export function committedPlan(env: string): Promise<EnvironmentPlan> {
    let plan = cache.get(env);
    if (plan === undefined) {
        plan = planEnvironment(ROOT, env);
        cache.set(env, plan);
    }
    return plan;
}

/**
 * One project's stack from the committed plan of `env` (the platform, the edge fed the platform's
 * outputs, a service), for suites that query the stack files as committed without planning again.
 */
export async function committedStack(env: string, project: string): Promise<Graph> {
    const plan = await committedPlan(env);
    const run = plan.stacks.find((s) => s.project === project);
    if (run === undefined) {
        throw new Error(`no project ${project} in the ${env} plan; projects: ${plan.stacks.map((s) => s.project).join(", ")}`);
    }
    return new Graph(run);
}
