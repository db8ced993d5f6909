// Child process of `npm run plan -- --validate` (pipeline.ts): loads AWS's validator while the plan runs, then validates templates as stacks arrive.
import type { RegionalTemplate } from "./translate";
import { loadValidator, templateFindings } from "./validator";

const validator = loadValidator();
process.on("message", ({ id, project, templates }: { id: number; project: string; templates: RegionalTemplate[] }) => {
    try {
        process.send!({ id, findings: templateFindings(project, { templates }, validator) });
    } catch (e) {
        process.send!({ id, error: e instanceof Error ? e.message : String(e) });
    }
});
