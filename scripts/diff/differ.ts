import * as path from "path";
import { Worker } from "worker_threads";
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

/** Starts the worker now, so that loading the specification overlaps whatever the caller does next. */
export function workerDiffer(): TemplateDiffer {
    const worker = new Worker(path.join(__dirname, "cfn-worker.ts"), { execArgv: ["-r", path.resolve(__dirname, "../lib/register-ts.js")] });
    const failed = new Promise<never>((_, reject) => {
        worker.once("error", reject);
        worker.once("exit", (code) => reject(new Error(`the diff worker exited (code ${code})`)));
    });
    failed.catch(() => undefined);
    return {
        diff: (pairs, withPermissions) => Promise.race([failed, new Promise<CfnDiffResult>((resolve, reject) => {
            worker.once("message", (message: { result?: CfnDiffResult; error?: string }) =>
                (message.error === undefined ? resolve(message.result!) : reject(new Error(message.error))));
            worker.postMessage({ pairs, withPermissions });
        })]),
        close: async () => {
            worker.removeAllListeners("exit");
            await worker.terminate();
        },
    };
}
