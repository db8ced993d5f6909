import * as fs from "fs";
import * as path from "path";
import { planCallGraph } from "../../components/mesh/call-graph";
import { PathRoute, planPathRules } from "../../components/mesh/path-rules";
import { readProject, readStackConfig } from "./stack-config";

/** A Pulumi project of this repository: the platform at the root, the edge in edge/, services under apps/. */
export interface ProjectInfo {
    readonly name: string;
    readonly dir: string;
    /** The program's entry file, from Pulumi.yaml `main`. */
    readonly main: string;
    readonly kind: "platform" | "edge" | "service";
}

/**
 * Every project: the platform first, then the edge (when `edge/` holds a project), then the services
 * (folders of apps/ with a Pulumi.yaml; other folders, such as app code without a stack, are
 * ignored), in name order so that plans are reproducible.
 */
export function discoverProjects(root: string): ProjectInfo[] {
    const info = (dir: string, kind: ProjectInfo["kind"]): ProjectInfo => {
        const project = readProject(dir);
        return { name: project.name, dir, main: path.resolve(dir, project.main ?? "index.ts"), kind };
    };
    const hasProject = (d: string) => fs.existsSync(path.join(d, "Pulumi.yaml"));
    const appsDir = path.join(root, "apps");
    const services = fs.existsSync(appsDir)
        ? fs.readdirSync(appsDir).sort().map((d) => path.join(appsDir, d)).filter(hasProject).map((d) => info(d, "service"))
        : [];
    const edgeDir = path.join(root, "edge");
    return [info(root, "platform"), ...(hasProject(edgeDir) ? [info(edgeDir, "edge")] : []), ...services];
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

/** The services a project calls (`<project>:calls` of its stack file); [] for the platform and the edge. */
export function callsOf(project: ProjectInfo, env: string): string[] {
    return project.kind === "service" ? listOf(readStackConfig(project.dir, env), `${project.name}:calls`) ?? [] : [];
}

/**
 * What only a view of every project of an environment can check, before any program runs: each
 * service project is named after its folder and has a Dockerfile (or a pinned image); the platform's `platform:services` lists exactly the
 * service projects (it creates their security groups, which the services and their callers use);
 * every `calls` entry names a listed service; the calls form no cycle; and no two services' ALB
 * rules share a priority or overlap in paths (each stack sees only itself, and the ALB would
 * silently give the overlap to the lower priority). Returns the projects in plan order: the
 * platform, then the edge and the services (callee first, for a reproducible plan; none reads
 * another's stack). Throws one Error per kind.
 */
export function projectsInDeployOrder(root: string, env: string): ProjectInfo[] {
    const projects = discoverProjects(root);
    const platform = projects[0];
    const edge = projects.filter((p) => p.kind === "edge");
    const services = projects.filter((p) => p.kind === "service");
    const misnamed = services.filter((s) => path.basename(s.dir) !== s.name);
    if (misnamed.length > 0) {
        throw new Error(`service projects must be named after their folder: ${misnamed.map((s) => `apps/${path.basename(s.dir)} is named "${s.name}"`).join("; ")}`);
    }
    const listed = listOf(readStackConfig(platform.dir, env), `${platform.name}:services`) ?? [];
    const configs = new Map(services.map((s) => [s.name, readStackConfig(s.dir, env)]));
    const callsOf = (name: string) => listOf(configs.get(name)!, `${name}:calls`) ?? [];
    const problems = [
        ...services.filter((s) => !listed.includes(s.name)).map((s) => `service project apps/${s.name} is not listed in ${platform.name}:services of Pulumi.${env}.yaml (its security group is created there)`),
        ...listed.filter((name) => !configs.has(name)).map((name) => `${platform.name}:services of Pulumi.${env}.yaml lists "${name}", which has no project (apps/${name}/Pulumi.yaml)`),
        ...services.flatMap((s) => callsOf(s.name).filter((c) => !listed.includes(c)).map((c) => `${s.name} calls "${c}", which is not listed in ${platform.name}:services of Pulumi.${env}.yaml`)),
        // Without a pinned image the deploy builds apps/<name>/Dockerfile: a missing one would fail only then.
        ...services.filter((s) => (configs.get(s.name)![`${s.name}:image`] ?? "") === "" && !fs.existsSync(path.join(s.dir, "Dockerfile")))
            .map((s) => `service project apps/${s.name} has no Dockerfile, and ${s.name}:image in Pulumi.${env}.yaml pins no image (npm run new-service writes one)`),
    ];
    if (problems.length > 0) {
        throw new Error(`services of ${env} do not match the platform:\n  - ${problems.join("\n  - ")}`);
    }
    const graph = planCallGraph(services.map((s) => ({ name: s.name, calls: callsOf(s.name) })));
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
    return [platform, ...edge, ...graph.deployOrder.map((name) => byName.get(name)!)];
}
