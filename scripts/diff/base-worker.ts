// Worker thread of the diff (startBasePlan in base.ts): plans the base git ref while the main thread
// plans the working tree, posts the plans or the reason it could not, and ends.
import { parentPort, workerData } from "worker_threads";
import { planAtRef } from "./base";

const { root, env, ref } = workerData as { root: string; env: string; ref: string };
planAtRef(root, env, ref).then(
    (base) => parentPort!.postMessage({ base }),
    (e: unknown) => parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e) }),
);
