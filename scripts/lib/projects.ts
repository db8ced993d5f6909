import * as fs from "fs";
import * as path from "path";
import { planCallGraph } from "../../components/mesh/call-graph";
import { PathRoute, planPathRules } from "../../components/mesh/path-rules";
import { readProject, readStackConfig } from "./stack-config";

/** A Pulumi project of this repository: the platform at the root, services under apps/. */
export interface ProjectInfo {
    readonly name: string;
    readonly dir: string;
    /** The program's entry file, from Pulumi.yaml `main`. */
    readonly main: string;
}

/**
 * Every project: the platform first, then the services (folders of apps/ with a Pulumi.yaml; other
 * folders, such as app code without a stack, are ignored), in name order so that plans are reproducible.
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

/** A list-valued config key as the CLI passes it (JSON); undefined when absent or malformed (the program reports those). */
function listOf(config: Record<string, string>, key: string): string[] | undefined {
    const raw = config[key];
    if (raw === undefined) {
        return undefined;
    }
    try {
        const parsed: unknown = JSON.parse(raw);
        return Array.isArray(parsed) && parsed.every((x) => typeof x === "string") ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/**
 * What only a view of every service of an environment can check, before any program runs: each
 * service project is named after its folder, every `calls` entry names a service project, the calls
 * form no cycle, and no two services' ALB rules share a priority or overlap in paths (each stack
 * sees only itself, and the ALB would silently give the overlap to the lower priority). Returns the
 * projects in deploy order: the platform, then the services callee first. Throws one Error per kind.
 */
export function projectsInDeployOrder(root: string, env: string): ProjectInfo[] {
    const [platform, ...services] = discoverProjects(root);
    const misnamed = services.filter((s) => path.basename(s.dir) !== s.name);
    if (misnamed.length > 0) {
        throw new Error(`service projects must be named after their folder: ${misnamed.map((s) => `apps/${path.basename(s.dir)} is named "${s.name}"`).join("; ")}`);
    }
    const configs = new Map(services.map((s) => [s.name, readStackConfig(s.dir, env)]));
    const graph = planCallGraph(services.map((s) => ({ name: s.name, calls: listOf(configs.get(s.name)!, `${s.name}:calls`) ?? [] })));
    const routes: PathRoute[] = [];
    for (const s of services) {
        const config = configs.get(s.name)!;
        const pathPatterns = listOf(config, `${s.name}:pathPatterns`);
        const priority = Number(config[`${s.name}:listenerRulePriority`]);
        if (pathPatterns !== undefined && Number.isInteger(priority)) {
            routes.push({ service: s.name, pathPatterns, priority });
        }
    }
    planPathRules(routes);
    const byName = new Map(services.map((s) => [s.name, s]));
    return [platform, ...graph.deployOrder.map((name) => byName.get(name)!)];
}
