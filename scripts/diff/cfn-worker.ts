// Worker thread of the diff: plans the base (when it is a git ref) and loads the CloudFormation
// specification while the main thread plans the working tree, then diffs templates on request.
import { parentPort, workerData } from "worker_threads";
import { planAtRef } from "./base";
import { diffTemplatePairs, preloadSpecification, TemplatePair } from "./cfn-diff";

const errorOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function start(): Promise<void> {
    const base = workerData as { root: string; env: string; ref: string } | undefined;
    if (base !== undefined) {
        try {
            parentPort!.postMessage({ base: await planAtRef(base.root, base.env, base.ref) });
        } catch (e) {
            parentPort!.postMessage({ baseError: errorOf(e) });
        }
    }
    preloadSpecification();
    parentPort!.on("message", ({ pairs, withPermissions }: { pairs: TemplatePair[]; withPermissions: boolean }) => {
        try {
            parentPort!.postMessage({ result: diffTemplatePairs(pairs, withPermissions) });
        } catch (e) {
            parentPort!.postMessage({ error: errorOf(e) });
        }
    });
}

void start();
