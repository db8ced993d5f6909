// Worker thread of the diff: loads the CloudFormation specification while the main thread plans, then diffs templates on request.
import { parentPort } from "worker_threads";
import { diffTemplatePairs, preloadSpecification, TemplatePair } from "./cfn-diff";

preloadSpecification();
parentPort!.on("message", ({ pairs, withPermissions }: { pairs: TemplatePair[]; withPermissions: boolean }) => {
    try {
        parentPort!.postMessage({ result: diffTemplatePairs(pairs, withPermissions) });
    } catch (e) {
        parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
});
