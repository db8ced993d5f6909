import * as assert from "assert";
import { deployWaves, Operation, runWaves, StackFailedError, StackRunner, StackTarget } from "../../scripts/lib/deploy-order";
import { environmentWaves } from "../../scripts/deploy";

const t = (project: string): StackTarget => ({ project, dir: `/repo/${project}` });
const platform = t("platform");

/** A fake Pulumi: records start/end of each run, finishes after `delays[project]` ms, fails the projects in `failing`. */
function fakeRunner(options: { delays?: Record<string, number>; failing?: string[] } = {}) {
    const events: string[] = [];
    let running = 0;
    let maxParallel = 0;
    const runner: StackRunner = {
        async run(operation: Operation, target: StackTarget, stack: string, onOutput: (line: string) => void) {
            events.push(`start ${target.project}/${stack}`);
            running++;
            maxParallel = Math.max(maxParallel, running);
            onOutput(`${operation} in progress`);
            await new Promise((r) => setTimeout(r, options.delays?.[target.project] ?? 5));
            running--;
            events.push(`end ${target.project}`);
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

    it("puts the platform first, then every other stack together (they read only the platform)", () => {
        assert.deepStrictEqual(waves.map((w) => w.map((x) => x.project)), [["platform"], ["catalog", "entities", "search"]]);
        assert.deepStrictEqual(deployWaves(platform, [], (x) => x.project), [[platform]]);
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
        const threeWaves = [[platform], [t("entities"), t("search")], [t("catalog")]];
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

    it("plans this repository's environments: the platform, then the edge, catalog and entities together (catalog calls entities without waiting for it)", () => {
        for (const env of ["dev", "prod"]) {
            assert.deepStrictEqual(environmentWaves(env).map((w) => w.map((x) => x.project)), [["platform"], ["catalog", "edge", "entities"]]);
        }
    });
});
