import { loadValidator, TemplateValidator } from "../../scripts/validate/validator";

let shared: TemplateValidator | undefined;

/** AWS's validator, loaded once for all test files (loading takes about 2 s). */
export function sharedValidator(): TemplateValidator {
    shared ??= loadValidator();
    return shared;
}
