import * as assert from "assert";
import * as path from "path";
import { deployWaves, Operation, runWaves, StackFailedError, StackRunner, StackTarget, stepLabel, StepScope, WaveStep } from "../../scripts/lib/deploy-order";
import { environmentWaves, heldBackUrns } from "../../scripts/deploy";
import { callsOf, projectsInDeployOrder } from "../../scripts/lib/projects";

const ROOT = path.resolve(__dirname, "../..");

const t = (project: string): StackTarget => ({ project, dir: `/repo/${project}` });
const platform = t("platform");

/** A fake Pulumi: records start/end of each run, finishes after `delays[project]` ms, fails the projects in `failing`. */
function fakeRunner(options: { delays?: Record<string, number>; failing?: string[] } = {}) {
    const events: string[] = [];
    let running = 0;
    let maxParallel = 0;
    const runner: StackRunner = {
        async run(operation: Operation, target: StackTarget, stack: string, onOutput: (line: string) => void, scope: StepScope) {
            events.push(`start ${stepLabel(target.project, scope)}/${stack}`);
            running++;
            maxParallel = Math.max(maxParallel, running);
            onOutput(`${operation} in progress`);
            await new Promise((r) => setTimeout(r, options.delays?.[target.project] ?? 5));
            running--;
            events.push(`end ${stepLabel(target.project, scope)}`);
            if (options.failing?.includes(target.project)) {
                throw new Error("error: creating ECS service: AccessDenied");
            }
            return { changes: { create: 1 } };
        },
    };
    return { runner, events, maxParallel: () => maxParallel };
}

describe("whole-environment deploys (scripts/lib/deploy-order)", () => {
    const waves = deployWaves(platform, [t("catalog"), t("entities"), t("search")], (x) => x.project);
    const names = (w: WaveStep<StackTarget>[][]) => w.map((steps) => steps.map((s) => stepLabel(s.target.project, s.scope)));

    it("puts the platform first, then every other stack together (they read only the platform)", () => {
        assert.deepStrictEqual(names(waves), [["platform"], ["catalog", "entities", "search"]]);
        assert.deepStrictEqual(names(deployWaves(platform, [], (x) => x.project)), [["platform"]]);
    });

    it("starts a caller's ECS services only after its callees', one wave per call depth, its other resources in the parallel wave", () => {
        const calls: Record<string, string[]> = { web: ["catalog"], catalog: ["entities"], entities: [], search: ["entities"] };
        const chained = deployWaves(platform, ["web", "catalog", "entities", "search"].map(t), (x) => x.project, (x) => calls[x.project]);
        assert.deepStrictEqual(names(chained), [
            ["platform"],
            ["catalog (without its ECS services)", "entities", "search (without its ECS services)", "web (without its ECS services)"],
            ["catalog (its ECS services)", "search (its ECS services)"],
            ["web (its ECS services)"],
        ]);
        assert.throws(() => deployWaves(platform, [t("a"), t("b")], (x) => x.project, (x) => (x.project === "a" ? ["b"] : ["a"])), /call cycle a -> b -> a/);
    });

    it("previews and destroys each stack once, with no held-back step", async () => {
        const chained = deployWaves(platform, [t("catalog"), t("entities")], (x) => x.project, (x) => (x.project === "catalog" ? ["entities"] : []));
        for (const operation of ["preview", "destroy"] as const) {
            const fake = fakeRunner();
            await runWaves(fake.runner, chained, { operation, env: "dev", log: () => undefined });
            assert.deepStrictEqual(fake.events.filter((e) => e.startsWith("start")).map((e) => e.split(" ")[1].split("/")[0]).sort(), ["catalog", "entities", "platform"]);
        }
    });

    it("deploys the platform before any service, and the services of a wave in parallel", async () => {
        const fake = fakeRunner({ delays: { catalog: 30, entities: 30, search: 30 } });
        const lines: string[] = [];
        await runWaves(fake.runner, waves, { operation: "deploy", env: "dev", log: (l) => lines.push(l) });
        assert.deepStrictEqual(fake.events.slice(0, 2), ["start platform/dev", "end platform"]);
        assert.deepStrictEqual(fake.events.slice(2, 5).sort(), ["start catalog/dev", "start entities/dev", "start search/dev"], "every service of the wave starts before any ends");
        assert.strictEqual(fake.maxParallel(), 3);
        assert.ok(lines.includes("[entities] deploy in progress"), "progress is streamed with the stack's name");
    });

    it("stops on the first failure, names the stack, and never starts the next wave", async () => {
        const fake = fakeRunner({ failing: ["entities"] });
        const all = (x: StackTarget) => ({ target: x, scope: "all" as const });
        const threeWaves = [[all(platform)], [all(t("entities")), all(t("search"))], [all(t("catalog"))]];
        await assert.rejects(runWaves(fake.runner, threeWaves, { operation: "deploy", env: "dev", log: () => undefined }), (err: unknown) => {
            assert.ok(err instanceof StackFailedError);
            assert.strictEqual(err.project, "entities");
            assert.match(err.message, /deploy of entities \(stack dev\) failed: .*AccessDenied/);
            return true;
        });
        assert.ok(!fake.events.some((e) => e.startsWith("start catalog")), "a later wave is not started");
        assert.ok(fake.events.includes("end search"), "a sibling already running is allowed to finish");
    });

    it("stops before the services when the platform fails", async () => {
        const fake = fakeRunner({ failing: ["platform"] });
        await assert.rejects(runWaves(fake.runner, waves, { operation: "preview", env: "prod", log: () => undefined }), /preview of platform \(stack prod\) failed/);
        assert.deepStrictEqual(fake.events, ["start platform/prod", "end platform"]);
    });

    it("destroys in reverse: the services first, the platform last", async () => {
        const fake = fakeRunner();
        await runWaves(fake.runner, waves, { operation: "destroy", env: "dev", log: () => undefined });
        const starts = fake.events.filter((e) => e.startsWith("start")).map((e) => e.split(" ")[1].split("/")[0]);
        assert.deepStrictEqual(starts.slice(0, 3).sort(), ["catalog", "entities", "search"]);
        assert.strictEqual(starts[3], "platform");
        assert.ok(fake.events.indexOf("start platform/dev") > fake.events.indexOf("end catalog"), "the platform waits for every service");
    });

    it("refuses to destroy prod without --yes-destroy-prod, before touching any stack", async () => {
        const fake = fakeRunner();
        await assert.rejects(runWaves(fake.runner, waves, { operation: "destroy", env: "prod", log: () => undefined }), /refusing to destroy the production environment "prod": pass --yes-destroy-prod/);
        assert.deepStrictEqual(fake.events, []);
        await runWaves(fake.runner, waves, { operation: "destroy", env: "prod", allowProdDestroy: true, log: () => undefined });
        assert.strictEqual(fake.events.length, 8);
    });

    it("plans this repository's environments from their calls: every caller's ECS services in a wave after its callees'", () => {
        for (const env of ["dev", "prod"]) {
            const waves = environmentWaves(env);
            const waveOf = (project: string, scope: StepScope) => waves.findIndex((w) => w.some((s) => s.target.project === project && s.scope === scope));
            for (const project of projectsInDeployOrder(ROOT, env)) {
                for (const callee of callsOf(project, env)) {
                    const calleeServices = Math.max(waveOf(callee, "all"), waveOf(callee, "services"));
                    assert.ok(calleeServices >= 0 && waveOf(project.name, "services") > calleeServices, `${env}: ${project.name} calls ${callee}: ${JSON.stringify(names(waves))}`);
                }
            }
            assert.strictEqual(waves[0].length, 1);
            assert.strictEqual(waves[1].length, waves.flat().filter((s) => s.scope !== "services").length - 1, "every stack but the platform starts in the second wave");
        }
    });

    it("holds back exactly the ECS services of the plan, by the URNs Pulumi gives them", async () => {
        const held = await heldBackUrns("dev");
        for (const [project, urns] of Object.entries(held)) {
            assert.ok(urns.every((u) => u.startsWith(`urn:pulumi:dev::${project}::`) && u.endsWith("$aws:ecs/service:Service::" + u.split("::").pop())), urns.join(", "));
        }
        assert.ok(Object.values(held).flat().length > 0);
    });
});
