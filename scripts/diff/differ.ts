import * as path from "path";
import { Worker } from "worker_threads";
import type { BasePlans } from "./base";
import { CfnDiffResult, diffTemplatePairs, TemplatePair } from "./cfn-diff";

/** Diffs template pairs; in this process (tests) or in a worker that loaded the specification ahead (the CLI). */
export interface TemplateDiffer {
    /** `withPermissions`: also the IAM and security-group tables (the first round only needs them). */
    diff(pairs: readonly TemplatePair[], withPermissions: boolean): Promise<CfnDiffResult>;
    close(): Promise<void>;
}

export const IN_PROCESS: TemplateDiffer = {
    diff: async (pairs, withPermissions) => diffTemplatePairs(pairs, withPermissions),
    close: async () => undefined,
};

export interface DiffWorker extends TemplateDiffer {
    /** The plan of the git ref the worker was started with. */
    basePlans(): Promise<BasePlans>;
}

interface Message {
    base?: BasePlans;
    baseError?: string;
    result?: CfnDiffResult;
    error?: string;
}

/**
 * Starts the worker now, so that planning the base ref (when given) and loading the specification
 * overlap whatever the caller does next: the working tree's plan, on the main thread.
 */
export function workerDiffer(base?: { root: string; env: string; ref: string }): DiffWorker {
    const worker = new Worker(path.join(__dirname, "cfn-worker.ts"), { workerData: base, execArgv: ["-r", path.resolve(__dirname, "../lib/register-ts.js")] });
    const failed = new Promise<never>((_, reject) => {
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the diff worker exited (code ${code})`)));
    });
    failed.catch(() => undefined);
    const planned = new Promise<BasePlans>((resolve, reject) => {
        const onBase = (message: Message) => {
            if (message.base !== undefined || message.baseError !== undefined) {
                worker.off("message", onBase);
                return message.baseError === undefined ? resolve(message.base!) : reject(new Error(message.baseError));
            }
        };
        worker.on("message", onBase);
    });
    planned.catch(() => undefined);
    return {
        basePlans: () => (base === undefined ? Promise.reject(new Error("the diff worker was started without a base ref")) : Promise.race([failed, planned])),
        diff: (pairs, withPermissions) => Promise.race([failed, new Promise<CfnDiffResult>((resolve, reject) => {
            const onResult = (message: Message) => {
                if (message.result !== undefined || message.error !== undefined) {
                    worker.off("message", onResult);
                    return message.error === undefined ? resolve(message.result!) : reject(new Error(message.error));
                }
            };
            worker.on("message", onResult);
            worker.postMessage({ pairs, withPermissions });
        })]),
        close: async () => {
            worker.removeAllListeners("exit");
            await worker.terminate();
        },
    };
}
