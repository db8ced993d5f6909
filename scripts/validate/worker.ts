// Worker thread of `npm run plan -- --validate`: loads AWS's validator while the main thread plans, then validates templates as stacks arrive.
import { parentPort } from "worker_threads";
import type { RegionalTemplate } from "./translate";
import { loadValidator } from "./validator";

const validator = loadValidator();
parentPort!.on("message", ({ id, project, templates }: { id: number; project: string; templates: RegionalTemplate[] }) => {
    try {
        const findings = templates.flatMap(({ region, template }) => validator.validate(template, region, `${project}.${region}.json`).map((f) => ({ ...f, region })));
        parentPort!.postMessage({ id, findings });
    } catch (e) {
        parentPort!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
    }
});
