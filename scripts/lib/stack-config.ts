import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/**
 * Reads a Pulumi project's config the way the Pulumi CLI hands it to the program: the project's
 * declared defaults (Pulumi.yaml `config:`), overlaid with the stack file (Pulumi.<stack>.yaml).
 * Values that are not strings reach the program as JSON, as the CLI sends them.
 */

export interface ProjectFile {
    readonly name: string;
    readonly main?: string;
    readonly config?: Record<string, { type?: string; default?: unknown; value?: unknown; description?: string } | unknown>;
}

export function readProject(dir: string): ProjectFile {
    return yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

function toRaw(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

export function readStackConfig(dir: string, stack: string): Record<string, string> {
    const project = readProject(dir);
    const result: Record<string, string> = {};
    for (const [key, decl] of Object.entries(project.config ?? {})) {
        if (decl !== null && typeof decl === "object" && !Array.isArray(decl)) {
            const d = decl as { default?: unknown; value?: unknown };
            const value = d.value ?? d.default;
            if (value !== undefined) {
                result[qualify(project.name, key)] = toRaw(value);
            }
        } else if (decl !== undefined) {
            result[qualify(project.name, key)] = toRaw(decl);
        }
    }
    const stackFile = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        throw new Error(`${stackFile} does not exist: project ${project.name} has no stack "${stack}"`);
    }
    const stackDoc = (yaml.load(fs.readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    for (const [key, value] of Object.entries(stackDoc.config ?? {})) {
        if (value !== null && typeof value === "object" && "secure" in (value as object)) {
            throw new Error(`${stackFile}: ${key} is an encrypted secret, which the offline plan cannot read`);
        }
        result[qualify(project.name, key)] = toRaw(value);
    }
    return result;
}
