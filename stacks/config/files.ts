import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/**
 * The files Pulumi reads a project's config from: Pulumi.yaml (declarations and defaults) and
 * Pulumi.<stack>.yaml (the stack's values). Shared by the programs (to name the file a bad value
 * comes from) and the offline tools (which hand the config to the programs as the CLI would).
 */

export interface ConfigDeclaration {
    readonly type?: string;
    readonly items?: { readonly type: string };
    readonly default?: unknown;
    readonly value?: unknown;
    readonly description?: string;
}

export interface ProjectFile {
    readonly name: string;
    readonly description?: string;
    readonly main?: string;
    readonly config?: Record<string, ConfigDeclaration | unknown>;
}

export function readProject(dir: string): ProjectFile {
    return yaml.load(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as ProjectFile;
}

/** A stack file's key in its fully qualified form: Pulumi qualifies bare keys with the project name. */
export function qualifyKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/** The path of a project's stack file. */
export function stackFilePath(dir: string, stack: string): string {
    return path.join(dir, `Pulumi.${stack}.yaml`);
}

/** The values a stack file sets, by fully qualified key (as parsed: not yet turned into strings); undefined when the file is absent. */
export function readStackFile(dir: string, project: string, stack: string): Record<string, unknown> | undefined {
    const file = stackFilePath(dir, stack);
    if (!fs.existsSync(file)) {
        return undefined;
    }
    const doc = (yaml.load(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return Object.fromEntries(Object.entries(doc.config ?? {}).map(([k, v]) => [qualifyKey(project, k), v]));
}

/** Names the file a key's value comes from, relative to the working directory: the stack file that sets it, or else Pulumi.yaml. */
export function projectFileOf(dir: string, project: string, stack: string): (fullKey: string) => string {
    let inStack: Set<string>;
    try {
        inStack = new Set(Object.keys(readStackFile(dir, project, stack) ?? {}));
    } catch {
        inStack = new Set();
    }
    const rel = (file: string) => path.relative(process.cwd(), file) || file;
    return (key) => rel(inStack.has(key) ? stackFilePath(dir, stack) : path.join(dir, "Pulumi.yaml"));
}
