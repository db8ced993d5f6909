import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ProgramError } from "../../scripts/lib/mock-runtime";
import { projectsInDeployOrder } from "../../scripts/lib/projects";
import { readProject, readStackConfig } from "../../scripts/lib/stack-config";
import { ConfigError } from "../../stacks/config/reader";
import { loadServiceConfig, productionProblems, SERVICE_CONFIG_KEYS } from "../../stacks/service/config";
import { cacheMemberIds, targetGroupArnSuffix, urlVariableOf } from "../../stacks/service/program";
import { stackConfig } from "../helpers/graph";
import { appDir, fakePlatform, ROOT, runService } from "./service-helpers";
import { committedPlan } from "../helpers/plans";

const SERVICES = fs.readdirSync(path.join(ROOT, "apps")).filter((d) => fs.existsSync(path.join(ROOT, "apps", d, "Pulumi.yaml"))).sort();

function load(service: string, stack: "dev" | "prod", overrides: Record<string, string>) {
    const config = stackConfig(appDir(service), stack, overrides);
    return loadServiceConfig((key) => config[key], service, stack);
}

describe("service project files", () => {
    it("are the folders of apps/ with a Pulumi.yaml; app code without one (the authorizer) is no project", () => {
        assert.ok(SERVICES.length > 0);
        assert.ok(fs.existsSync(path.join(ROOT, "apps", "authorizer")) && !SERVICES.includes("authorizer"));
    });

    for (const service of SERVICES) {
        it(`${service}: Pulumi.yaml is named after its folder, runs index.ts and declares every service key with a description, and a default unless required`, () => {
            const project = readProject(appDir(service));
            assert.strictEqual(project.name, service);
            assert.strictEqual(project.main, "index.ts");
            assert.ok(fs.existsSync(path.join(appDir(service), "index.ts")));
            const declared = project.config as Record<string, { type?: string; default?: unknown; description?: string }>;
            assert.deepStrictEqual(Object.keys(declared).sort(), [...SERVICE_CONFIG_KEYS].sort());
            for (const [key, decl] of Object.entries(declared)) {
                // A table is an object, which Pulumi's declared types cannot describe.
                assert.ok(decl.type || key === "tables", `${key} has no type`);
                assert.ok(decl.default !== undefined || (decl.description ?? "").startsWith("Required."), `${key} has no default and does not say it is required`);
                assert.ok((decl.description ?? "").length > 20, `${key} has no real description`);
            }
        });
        for (const stack of ["dev", "prod"] as const) {
            it(`${service}: Pulumi.${stack}.yaml sets only declared keys and the region, and loads`, () => {
                const config = readStackConfig(appDir(service), stack);
                const unknown = Object.keys(config).filter((k) => k !== "aws:region" && !SERVICE_CONFIG_KEYS.some((key) => k === `${service}:${key}`));
                assert.deepStrictEqual(unknown, []);
                assert.strictEqual(load(service, stack, {}).service, service);
            });
        }
    }
});

describe("service config", () => {
    // Any service will do: each test sets the values it is about.
    const S = SERVICES[0];
    const k = (key: string) => `${S}:${key}`;
    const DEV_LIKE = { [k("minTasks")]: "1", [k("maxTasks")]: "2", [k("enableExecuteCommand")]: "true", [k("deploymentStrategy")]: "ROLLING", [k("fargateSpot")]: "true" };

    it("refuses a CPU/memory pair Fargate does not accept, naming both values and the accepted memories", () => {
        assert.throws(() => load(S, "dev", { [k("cpu")]: "256", [k("memory")]: "4096" }),
            new RegExp(`${S}:memory = "4096": expected a Fargate CPU/memory pair \\(${S}:cpu = 256, ${S}:memory = 4096\\): memory 4096 MiB is not valid with cpu 256; accepted with cpu 256: 512, 1024, 2048 MiB`));
        assert.throws(() => load(S, "dev", { [k("cpu")]: "300" }), new RegExp(`${S}:cpu = "300".*accepted: 256, 512, 1024`));
    });

    it("reports every bad key at once, with key, value and what is accepted", () => {
        try {
            load(S, "dev", {
                [k("deploymentStrategy")]: "FAST",
                [k("calls")]: JSON.stringify([S]),
                [k("pathPatterns")]: '["api/books"]',
                [k("image")]: "nginx",
                [k("maxTasks")]: "0",
                [k("postgres")]: "true",
                [k("postgresIamUser")]: "App-User",
            });
            assert.fail("no error");
        } catch (e) {
            assert.ok(e instanceof ConfigError);
            assert.deepStrictEqual(e.problems.map((p) => p.key).sort(), ["calls", "deploymentStrategy", "image", "maxTasks", "pathPatterns", "postgresIamUser"].map(k));
            assert.match(e.message, new RegExp(`${S}:calls = .*${S} calls itself`));
            assert.match(e.message, new RegExp(`${S}:deploymentStrategy = "FAST": expected one of "ROLLING", "CANARY", "LINEAR", "BLUE_GREEN"`));
            assert.match(e.message, new RegExp(`${S}:pathPatterns.*must start with "/"`));
        }
    });

    it("refuses, when the platform is production, what would make the service less protected than it", () => {
        const devConfig = load(S, "dev", DEV_LIKE);
        const problems = productionProblems(devConfig, { production: true, privateCaArn: "" }).map((p) => p.key).sort();
        assert.deepStrictEqual(problems, [...["deploymentStrategy", "enableExecuteCommand", "fargateSpot", "minTasks"].map(k), "organization/platform/dev privateCaArn"]);
        assert.deepStrictEqual(productionProblems(devConfig, { production: false, privateCaArn: "" }), []);
        assert.deepStrictEqual(productionProblems(load(S, "prod", {}), { production: true, privateCaArn: "arn:aws:acm-pca:us-east-1:1:certificate-authority/x" }), []);
    });

    it("stops the program before any resource when config is bad, and before the service when the platform is production but the config is not", async () => {
        await assert.rejects(runService(S, "dev", { config: { [k("cpu")]: "256", [k("memory")]: "4096" } }), (e: unknown) => {
            assert.ok(e instanceof ProgramError);
            assert.match(e.message, new RegExp(`${S}:memory = "4096"`));
            assert.deepStrictEqual(e.registered.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            return true;
        });
        // A dev-like stack against a production platform: refused after reading it, before any resource of the service.
        await assert.rejects(runService(S, "dev", { config: DEV_LIKE, stackOutputs: { "organization/platform/dev": fakePlatform(true) } }), (e: unknown) => {
            assert.ok(e instanceof ProgramError);
            assert.match(e.message, new RegExp(`${S}:minTasks = "1": expected at least 2 in production`));
            assert.deepStrictEqual(e.registered.filter((r) => r.custom).map((r) => r.type), []);
            return true;
        });
    });

    it("names variables, ALB dimensions and cache members the way AWS and the apps expect", () => {
        assert.strictEqual(urlVariableOf("book-reviews"), "BOOK_REVIEWS_URL");
        assert.strictEqual(targetGroupArnSuffix("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-a/0123abcd"), "targetgroup/tg-a/0123abcd");
        assert.deepStrictEqual(cacheMemberIds("prod-entities-cache", 2), ["prod-entities-cache-001", "prod-entities-cache-002"]);
    });
});

/** A throw-away repository: a platform project and service projects with the given dev config. */
function fakeRepo(services: Record<string, Record<string, unknown>>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-order-"));
    fs.writeFileSync(path.join(root, "Pulumi.yaml"), "name: platform\nruntime: nodejs\n");
    fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), `config:\n  platform:services: ${JSON.stringify(Object.keys(services))}\n`);
    fs.mkdirSync(path.join(root, "apps", "authorizer", "src"), { recursive: true });
    for (const [name, config] of Object.entries(services)) {
        const dir = path.join(root, "apps", name);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\nmain: index.ts\n`);
        const entries = Object.entries(config).map(([k, v]) => `  ${name}:${k}: ${JSON.stringify(v)}`);
        fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), `config:\n${entries.join("\n")}\n`);
        fs.writeFileSync(path.join(dir, "Dockerfile"), "FROM scratch\n");
    }
    return root;
}

const svc = (calls: string[], pathPatterns: string[], listenerRulePriority: number) => ({ calls, pathPatterns, listenerRulePriority });

describe("plan: checks across service projects, before any program runs", () => {
    it("orders services callee first, whatever their names, and ignores folders without a Pulumi.yaml", () => {
        const root = fakeRepo({ a: svc(["b"], ["/a*"], 1), b: svc(["c"], ["/b*"], 2), c: svc([], ["/c*"], 3) });
        assert.deepStrictEqual(projectsInDeployOrder(root, "dev").map((p) => p.name), ["platform", "c", "b", "a"]);
    });

    it("fails on a call to a service that is not in platform:services, naming caller and callee", () => {
        const root = fakeRepo({ a: svc(["payments"], ["/a*"], 1) });
        assert.throws(() => projectsInDeployOrder(root, "dev"), /a calls "payments", which is not listed in platform:services of Pulumi.dev.yaml/);
    });

    it("fails on a service project that platform:services does not list, and on a listed name without a project", () => {
        const root = fakeRepo({ a: svc([], ["/a*"], 1), b: svc([], ["/b*"], 2) });
        fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), 'config:\n  platform:services: ["a", "search"]\n');
        assert.throws(() => projectsInDeployOrder(root, "dev"), (e: Error) => {
            assert.match(e.message, /service project apps\/b is not listed in platform:services of Pulumi.dev.yaml/);
            assert.match(e.message, /platform:services of Pulumi.dev.yaml lists "search", which has no project \(apps\/search\/Pulumi.yaml\)/);
            return true;
        });
    });

    it("fails on a call cycle, showing the cycle", () => {
        const root = fakeRepo({ a: svc(["b"], ["/a*"], 1), b: svc(["a"], ["/b*"], 2) });
        assert.throws(() => projectsInDeployOrder(root, "dev"), /call cycle a -> b -> a/);
    });

    it("fails when two services' path rules overlap or share a priority", () => {
        const overlap = fakeRepo({ a: svc([], ["/api/v1/*"], 1), b: svc([], ["/api/v1/books*"], 2) });
        assert.throws(() => projectsInDeployOrder(overlap, "dev"), /a path "\/api\/v1\/\*" collides with b path "\/api\/v1\/books\*"/);
        const samePriority = fakeRepo({ a: svc([], ["/a*"], 7), b: svc([], ["/b*"], 7) });
        assert.throws(() => projectsInDeployOrder(samePriority, "dev"), /a and b both use listener rule priority 7/);
    });

    it("fails when a project is not named after its folder", () => {
        const root = fakeRepo({ a: svc([], ["/a*"], 1) });
        fs.writeFileSync(path.join(root, "apps", "a", "Pulumi.yaml"), "name: other\nruntime: nodejs\n");
        assert.throws(() => projectsInDeployOrder(root, "dev"), /apps\/a is named "other"/);
    });

    it("refuses the repository's own services when one's paths fall under another's", function () {
        if (SERVICES.length < 2) {
            this.skip();
        }
        const [first, second] = SERVICES;
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-real-"));
        fs.cpSync(path.join(ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
        fs.cpSync(path.join(ROOT, "Pulumi.dev.yaml"), path.join(root, "Pulumi.dev.yaml"));
        for (const s of SERVICES) {
            fs.cpSync(appDir(s), path.join(root, "apps", s), { recursive: true });
        }
        const firstPattern = (JSON.parse(readStackConfig(appDir(first), "dev")[`${first}:pathPatterns`]) as string[])[0];
        const inside = `${firstPattern.replace(/\*$/, "")}/nested*`;
        const file = path.join(root, "apps", second, "Pulumi.dev.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(new RegExp(`^  ${second}:pathPatterns: .*$`, "m"), `  ${second}:pathPatterns: ${JSON.stringify([inside])}`));
        const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
        const a = `${second} path "${escape(inside)}"`;
        const b = `${first} path "${escape(firstPattern)}"`;
        assert.throws(() => projectsInDeployOrder(root, "dev"), new RegExp(`${a} collides with ${b}|${b} collides with ${a}`));
    });

    it("fails on a service project without a Dockerfile unless its image is pinned", () => {
        const root = fakeRepo({ a: svc([], ["/a*"], 1) });
        fs.rmSync(path.join(root, "apps", "a", "Dockerfile"));
        assert.throws(() => projectsInDeployOrder(root, "dev"), /apps\/a has no Dockerfile, and a:image in Pulumi.dev.yaml pins no image/);
        fs.appendFileSync(path.join(root, "apps", "a", "Pulumi.dev.yaml"), "  a:image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1.0.0\n");
        assert.deepStrictEqual(projectsInDeployOrder(root, "dev").map((p) => p.name), ["platform", "a"]);
    });
});

describe("plan: the whole environment", () => {
    for (const env of ["dev", "prod"]) {
        it(`${env}: runs the platform, then the edge and the services, each reading the real outputs of the platform, each service in the platform's group for it`, async () => {
            const plan = await committedPlan(env);
            assert.deepStrictEqual(plan.stacks.slice(0, 2).map((s) => s.project), ["platform", "edge"]);
            const services = plan.stacks.filter((s) => s.kind === "service");
            assert.deepStrictEqual(services.map((s) => s.project).sort(), SERVICES);
            const platform = plan.stacks[0];
            const groups = platform.outputs.serviceSecurityGroupIds as Record<string, string>;
            const groupNamed = (id: string) => platform.resources.find((r) => r.id === id)?.name;
            assert.deepStrictEqual(Object.keys(groups).sort(), SERVICES);
            for (const service of services) {
                const name = service.project;
                const ecs = service.resources.find((r) => r.type === "aws:ecs/service:Service")!;
                assert.strictEqual(ecs.inputs.cluster, platform.outputs.clusterArn);
                assert.strictEqual(groupNamed(groups[name]), `${env}-svc-${name}`);
                assert.strictEqual(service.outputs.securityGroupId, groups[name]);
                // Each call: an ingress rule on the callee's group from the caller's, on the mesh port only.
                for (const callee of service.outputs.calls as string[]) {
                    const into = service.resources.filter((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.inputs.securityGroupId === groups[callee]);
                    assert.deepStrictEqual(into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[groups[name], 8443]]);
                }
                const tls = ((ecs.inputs.serviceConnectConfiguration as Record<string, unknown>).services as Record<string, unknown>[])[0].tls;
                assert.strictEqual(tls !== undefined, env === "prod", "TLS in prod only");
            }
        });
    }
});
