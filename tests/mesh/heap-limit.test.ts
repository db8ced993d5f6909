import * as assert from "assert";
import { execFileSync } from "child_process";
import { APP_CONTAINER, nodeHeapLimitMiB } from "../../components/mesh/container-definitions";
import { committedPlan } from "../helpers/plans";

/** NODE_OPTIONS of the app container in a task definition's containerDefinitions JSON. */
function nodeOptionsOf(containerDefinitions: unknown): string | undefined {
    const app = (JSON.parse(String(containerDefinitions)) as { name: string; environment: { name: string; value: string }[] }[]).find((c) => c.name === APP_CONTAINER);
    return app?.environment.find((e) => e.name === "NODE_OPTIONS")?.value;
}

describe("Node heap limit from the task's memory (components/mesh/container-definitions.ts)", () => {
    it("leaves the collector's reservation and a quarter for V8's other memory", () => {
        assert.strictEqual(nodeHeapLimitMiB(512), 336);
        assert.strictEqual(nodeHeapLimitMiB(2048), 1488);
    });

    for (const env of ["dev", "prod"]) {
        it(`sets --max-old-space-size from each service task's memory in ${env}`, async () => {
            const services = (await committedPlan(env)).stacks.filter((s) => s.kind === "service");
            assert.ok(services.length > 0);
            for (const stack of services) {
                const taskDef = stack.resources.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
                assert.ok(taskDef, `${stack.project}: a task definition`);
                const memory = Number(taskDef.inputs.memory);
                assert.strictEqual(nodeOptionsOf(taskDef.inputs.containerDefinitions), `--max-old-space-size=${nodeHeapLimitMiB(memory)}`, `${stack.project} (${memory} MiB)`);
            }
        });
    }

    it("is a limit Node applies: V8's heap limit with it is below the task's memory", function () {
        this.timeout(10_000);
        const taskMemory = 512;
        const limit = execFileSync(process.execPath, ["-e", "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"], { env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${nodeHeapLimitMiB(taskMemory)}` } });
        const limitMiB = Number(limit) / 2 ** 20;
        assert.ok(limitMiB >= nodeHeapLimitMiB(taskMemory) && limitMiB < taskMemory - 64, `V8 heap limit ${limitMiB.toFixed(0)} MiB`);
    });
});
