import * as fs from "fs";
import * as path from "path";
import { readProject } from "./stack-config";

/** A Pulumi project of this repository: the platform at the root, services under apps/. */
export interface ProjectInfo {
    readonly name: string;
    readonly dir: string;
    /** The program's entry file, from Pulumi.yaml `main`. */
    readonly main: string;
}

/**
 * Every project, in deploy order: the platform first, then the services (which read it through
 * StackReference), in name order so that plans are reproducible.
 */
export function discoverProjects(root: string): ProjectInfo[] {
    const info = (dir: string): ProjectInfo => {
        const project = readProject(dir);
        return { name: project.name, dir, main: path.resolve(dir, project.main ?? "index.ts") };
    };
    const appsDir = path.join(root, "apps");
    const services = fs.existsSync(appsDir)
        ? fs.readdirSync(appsDir).sort().map((d) => path.join(appsDir, d)).filter((d) => fs.existsSync(path.join(d, "Pulumi.yaml"))).map(info)
        : [];
    return [info(root), ...services];
}
