import * as path from "path";
import { fork } from "child_process";
import { reportEnvironment, StackValidationResult } from "./environment";
import type { StackPlan } from "./plan";
import { stackReport } from "./report";
import { SUPPRESSIONS } from "./suppressions";
import type { RegionalTemplate } from "./translate";
import { translateForValidation } from "./validate-stack";
import { VALIDATOR_NODE_FLAGS } from "./validator";
import type { Finding } from "./validator";

type Findings = (Finding & { region: string })[];

/** How long the validator's process may take to end once its channel is closed (it only has its exit hooks left to run). */
const CLOSE_GRACE_MS = 2000;

export interface PipelinedValidation {
    /** A stack just planned: translated with the stacks planned before it and validated in the worker meanwhile. */
    planned(stack: StackPlan, before: readonly StackPlan[]): void;
    /**
     * Every stack's validation as `npm run validate` makes it: each translated with all the others;
     * the early findings are kept where that gives the same templates, the rest validated again.
     */
    finish(stacks: readonly StackPlan[]): Promise<StackValidationResult[]>;
    close(): Promise<void>;
    /** `finish`, then printed and written as `npm run validate` does (into `planDir`); returns the failures, and stops the worker. */
    report(env: string, planDir: string, stacks: readonly StackPlan[]): Promise<string[]>;
}

/**
 * Validation overlapped with the plan: a child process loads AWS's validator (seconds of work) while
 * this process runs the programs, and validates each stack's templates as soon as its program has
 * run, while the next one plans. A process rather than a worker thread, so that it runs with the V8
 * flags that suit the validator (VALIDATOR_NODE_FLAGS) while the plan keeps the defaults that suit it.
 */
export function startValidation(nodeFlags: readonly string[] = VALIDATOR_NODE_FLAGS): PipelinedValidation {
    const worker = fork(path.join(__dirname, "worker.ts"), [], {
        // The parent's own options are passed on as fork does by default (the bench's memory probe among them).
        execArgv: [...nodeFlags, ...process.execArgv, "-r", path.resolve(__dirname, "../lib/register-ts.js")],
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const pending = new Map<number, { resolve(f: Findings): void; reject(e: Error): void }>();
    // Once the process has ended, every request fails with how it ended (its exit code or signal).
    // Writing to it may fail first (EPIPE), since its exit event waits for the event loop, which the
    // programs' microtasks hold: those requests stay pending until the exit event rejects them.
    let ended: Error | undefined;
    const crashed = (e: Error) => [...pending.values()].forEach((p) => p.reject(e));
    worker.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE" && e.code !== "ERR_IPC_CHANNEL_CLOSED") {
            crashed(e);
        }
    });
    worker.on("exit", (code, signal) => {
        ended = new Error(`the validator process exited (${signal ?? `code ${code}`}) before it validated every stack; its own message, if any, is above`);
        crashed(ended);
    });
    worker.on("message", ({ id, findings, error }: { id: number; findings?: Findings; error?: string }) => {
        const p = pending.get(id)!;
        pending.delete(id);
        return error === undefined ? p.resolve(findings!) : p.reject(new Error(error));
    });
    let next = 0;
    const validate = (project: string, templates: readonly RegionalTemplate[]): Promise<Findings> => new Promise((resolve, reject) => {
        if (ended !== undefined) {
            return reject(ended);
        }
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.send({ id, project, templates });
    });
    const early = new Map<string, { templates: string; findings: Promise<Findings> }>();
    // Whatever ends the process before the validation is closed (a promise left pending when the
    // validator's process is gone), it must not pass for a validated plan.
    const unfinished = (code: number) => {
        if (code === 0) {
            console.error("plan failed: --validate was asked for, and the validation never reported");
            process.exitCode = 1;
        }
    };
    process.on("exit", unfinished);
    // Closing the channel lets the process end its own way (its exit hooks run); the plan waits for
    // that, up to CLOSE_GRACE_MS, and then kills it.
    const close = async () => {
        process.off("exit", unfinished);
        worker.removeAllListeners("exit");
        if (worker.exitCode === null && worker.signalCode === null) {
            const exited = new Promise((resolve) => worker.once("exit", resolve));
            if (worker.connected) {
                worker.disconnect();
            }
            const grace = setTimeout(() => worker.kill("SIGKILL"), CLOSE_GRACE_MS);
            await exited;
            clearTimeout(grace);
        }
    };
    const pipeline: PipelinedValidation = {
        planned(stack, before) {
            const { templates } = translateForValidation(stack, before);
            const findings = validate(stack.project, templates);
            findings.catch(() => undefined);
            early.set(stack.project, { templates: JSON.stringify(templates), findings });
        },
        async finish(stacks) {
            const ordered = [...stacks].sort((a, b) => Number(b.project === "platform") - Number(a.project === "platform") || a.project.localeCompare(b.project));
            return Promise.all(ordered.map(async (plan) => {
                const translation = translateForValidation(plan, stacks.filter((other) => other !== plan));
                const before = early.get(plan.project);
                const findings = before !== undefined && before.templates === JSON.stringify(translation.templates) ? await before.findings : await validate(plan.project, translation.templates);
                return { plan, translation, report: stackReport(translation, findings, SUPPRESSIONS) };
            }));
        },
        close,
        async report(env, planDir, stacks) {
            try {
                console.log(`\n=== validation of ${env} (AWS's CloudFormation validator)`);
                const failed = reportEnvironment(env, planDir, await pipeline.finish(stacks));
                return failed ? ["validate: errors, or too few resources translated (listed above)"] : [];
            } finally {
                await close();
            }
        },
    };
    return pipeline;
}
