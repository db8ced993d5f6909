import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { Worker } from "worker_threads";
import { readStackPlans, StackPlan } from "../validate/plan";

const execFileAsync = promisify(execFile);

function git(root: string, args: string[]): string {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The default base: where the branch left `main` (`origin/main` on a CI checkout). */
export function defaultBase(root: string): string {
    for (const main of ["main", "origin/main"]) {
        try {
            return git(root, ["merge-base", "HEAD", main]);
        } catch {
            // try the next spelling
        }
    }
    throw new Error("no merge base with main or origin/main: pass --diff <git ref or folder>");
}

export interface BasePlans {
    readonly label: string;
    readonly plans: StackPlan[];
}

/**
 * The stack plans of a folder holding an earlier `.plan/<env>` (or the `.plan` above it); undefined
 * when `base` is not a folder. Read it before planning: the plan rewrites `.plan/<env>`.
 */
export function readBaseFolder(root: string, env: string, base: string): BasePlans | undefined {
    const folder = path.resolve(base);
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
        return undefined;
    }
    const dir = fs.existsSync(path.join(folder, env)) && !fs.readdirSync(folder).some((f) => f.endsWith(".json")) ? path.join(folder, env) : folder;
    const plans = readStackPlans(dir);
    if (plans.length === 0) {
        throw new Error(`${base} holds no stack plan (.plan/<env>/<project>.json files)`);
    }
    return { label: path.relative(root, dir) || dir, plans };
}

/**
 * The plan of a git ref, made in a temporary worktree that shares this checkout's node_modules, in
 * this process: the ref's programs, run by this checkout's planner and mocks, so that only the
 * programs differ.
 */
export async function planAtRef(root: string, env: string, base: string): Promise<BasePlans> {
    let commit: string;
    try {
        commit = git(root, ["rev-parse", "--verify", `${base}^{commit}`]);
    } catch {
        throw new Error(`--diff ${base}: neither a folder nor a git ref of this repository`);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-base-"));
    // git checks the files out while this thread loads the planner and the Pulumi SDK (a second each).
    const checkedOut = execFileAsync("git", ["worktree", "add", "--detach", "--quiet", dir, commit], { cwd: root });
    checkedOut.catch(() => undefined);
    try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { planEnvironment } = require("../lib/plan-env") as typeof import("../lib/plan-env");
        await checkedOut;
        fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
        const plan = await planEnvironment(dir, env);
        // Inputs that hold a path (a Docker build context) name the worktree; the same file in this checkout is no change.
        const plans = JSON.parse(JSON.stringify(plan.stacks).split(dir).join(root)) as StackPlan[];
        return { label: `${base} (${commit.slice(0, 12)})`, plans };
    } finally {
        // A failure while git still checks out must not remove the worktree under it.
        await checkedOut.catch(() => undefined);
        try {
            git(root, ["worktree", "remove", "--force", dir]);
        } catch {
            fs.rmSync(dir, { recursive: true, force: true });
            git(root, ["worktree", "prune"]);
        }
    }
}

/**
 * `planAtRef` in a worker thread, started now so that it overlaps what the caller does next (the
 * working tree's plan, on the main thread). The worker ends once it has posted; `stop` ends it early.
 */
export function startBasePlan(root: string, env: string, ref: string): { plans: Promise<BasePlans>; stop(): Promise<void> } {
    const worker = new Worker(path.join(__dirname, "base-worker.ts"), { workerData: { root, env, ref }, execArgv: ["-r", path.resolve(__dirname, "../lib/register-ts.js")] });
    const plans = new Promise<BasePlans>((resolve, reject) => {
        worker.once("message", (message: { base?: BasePlans; error?: string }) => (message.error === undefined ? resolve(message.base!) : reject(new Error(message.error))));
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the worker planning ${ref} exited (code ${code}) before it reported`)));
    });
    plans.catch(() => undefined);
    return {
        plans,
        stop: async () => {
            worker.removeAllListeners("exit");
            await worker.terminate();
        },
    };
}
