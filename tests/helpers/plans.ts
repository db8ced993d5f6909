import * as path from "path";
import { EnvironmentPlan, planEnvironment } from "../../scripts/lib/plan-env";

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
