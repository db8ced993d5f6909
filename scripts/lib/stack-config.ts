import { qualifyKey, readProject, readStackFile, stackFilePath } from "../../stacks/config/files";

export { readProject, ProjectFile } from "../../stacks/config/files";

/**
 * Reads a Pulumi project's config the way the Pulumi CLI hands it to the program: the project's
 * declared defaults (Pulumi.yaml `config:`), overlaid with the stack file (Pulumi.<stack>.yaml).
 * Values that are not strings reach the program as JSON, as the CLI sends them.
 */

function toRaw(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

export function readStackConfig(dir: string, stack: string): Record<string, string> {
    const project = readProject(dir);
    const result: Record<string, string> = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        if (decl !== null && typeof decl === "object" && !Array.isArray(decl)) {
            const d = decl as { default?: unknown; value?: unknown };
            const value = d.value ?? d.default;
            if (value !== undefined) {
                result[qualifyKey(project.name, key)] = toRaw(value);
            }
        } else if (decl !== undefined) {
            result[qualifyKey(project.name, key)] = toRaw(decl);
        }
    }
    const stackFile = stackFilePath(dir, stack);
    const values = readStackFile(dir, project.name, stack);
    if (values === undefined) {
        throw new Error(`${stackFile} does not exist: project ${project.name} has no stack "${stack}"`);
    }
    for (const [key, value] of Object.entries(values)) {
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            throw new Error(`${stackFile}: ${key} is an encrypted secret, which the offline plan cannot read`);
        }
        result[key] = toRaw(value);
    }
    return result;
}
