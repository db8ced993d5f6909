import * as assert from "assert";
import { planCallGraph } from "../../components/mesh/call-graph";
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
    const graph = planCallGraph([{ name: "catalog", calls: ["entities"] }, { name: "entities", calls: [] }, { name: "search", calls: [] }]);
    const waves = deployWaves(platform, [t("catalog"), t("entities"), t("search")], graph);

    it("puts the platform first, then callees before their callers, independent services together", () => {
        assert.deepStrictEqual(waves.map((w) => w.map((x) => x.project)), [["platform"], ["entities", "search"], ["catalog"]]);
    });

    it("deploys the platform before any service, and the services of a wave in parallel", async () => {
        const fake = fakeRunner({ delays: { entities: 30, search: 30 } });
        const lines: string[] = [];
        await runWaves(fake.runner, waves, { operation: "deploy", env: "dev", log: (l) => lines.push(l) });
        assert.deepStrictEqual(fake.events.slice(0, 2), ["start platform/dev", "end platform"]);
        assert.deepStrictEqual(fake.events.slice(2, 4).sort(), ["start entities/dev", "start search/dev"], "both services of the wave start before either ends");
        assert.strictEqual(fake.events.indexOf("start catalog/dev") > fake.events.indexOf("end entities"), true, "catalog waits for entities");
        assert.strictEqual(fake.maxParallel(), 2);
        assert.ok(lines.includes("[entities] deploy in progress"), "progress is streamed with the stack's name");
    });

    it("stops on the first failure, names the stack, and never starts the next wave", async () => {
        const fake = fakeRunner({ failing: ["entities"] });
        await assert.rejects(runWaves(fake.runner, waves, { operation: "deploy", env: "dev", log: () => undefined }), (err: unknown) => {
            assert.ok(err instanceof StackFailedError);
            assert.strictEqual(err.project, "entities");
            assert.match(err.message, /deploy of entities \(stack dev\) failed: .*AccessDenied/);
            return true;
        });
        assert.ok(!fake.events.some((e) => e.startsWith("start catalog")), "the callers of a failed service are not deployed");
        assert.ok(fake.events.includes("end search"), "a sibling already running is allowed to finish");
    });

    it("stops before the services when the platform fails", async () => {
        const fake = fakeRunner({ failing: ["platform"] });
        await assert.rejects(runWaves(fake.runner, waves, { operation: "preview", env: "prod", log: () => undefined }), /preview of platform \(stack prod\) failed/);
        assert.deepStrictEqual(fake.events, ["start platform/prod", "end platform"]);
    });

    it("destroys in reverse: callers first, the platform last", async () => {
        const fake = fakeRunner();
        await runWaves(fake.runner, waves, { operation: "destroy", env: "dev", log: () => undefined });
        const starts = fake.events.filter((e) => e.startsWith("start")).map((e) => e.split(" ")[1].split("/")[0]);
        assert.strictEqual(starts[0], "catalog");
        assert.deepStrictEqual(starts.slice(1, 3).sort(), ["entities", "search"]);
        assert.strictEqual(starts[3], "platform");
    });

    it("refuses to destroy prod without --yes-destroy-prod, before touching any stack", async () => {
        const fake = fakeRunner();
        await assert.rejects(runWaves(fake.runner, waves, { operation: "destroy", env: "prod", log: () => undefined }), /refusing to destroy the production environment "prod": pass --yes-destroy-prod/);
        assert.deepStrictEqual(fake.events, []);
        await runWaves(fake.runner, waves, { operation: "destroy", env: "prod", allowProdDestroy: true, log: () => undefined });
        assert.strictEqual(fake.events.length, 8);
    });

    it("plans this repository's environments: platform, entities, then catalog (which calls it)", () => {
        for (const env of ["dev", "prod"]) {
            assert.deepStrictEqual(environmentWaves(env).map((w) => w.map((x) => x.project)), [["platform"], ["entities"], ["catalog"]]);
        }
    });
});
