import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { appendToList, newService } from "../../scripts/lib/new-service";
import { EnvironmentPlan, planEnvironment } from "../../scripts/lib/plan-env";
import { discoverProjects } from "../../scripts/lib/projects";
import { failures } from "../../scripts/validate/report";
import { validateStack } from "../../scripts/validate/validate-stack";
import { loadValidator } from "../../scripts/validate/validator";
import { committedPlan } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "../..");
const NAME = "zz-scaffold";
const SKIP = new Set(["node_modules", ".git", ".plan"]);

/** A copy of the repository without node_modules (symlinked), where the scaffold may write. */
function repositoryCopy(): string {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "new-service-"));
    for (const entry of fs.readdirSync(ROOT)) {
        if (!SKIP.has(entry)) {
            fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
        }
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    return copy;
}

/** What a plan registers, comparable across two copies of the repository (image build paths differ by the root). */
function fingerprint(plan: EnvironmentPlan): Record<string, string> {
    const strip = (r: PlannedResource) => JSON.stringify(r.inputs).split(ROOT).join("<root>");
    return Object.fromEntries(plan.stacks.flatMap((s) => s.resources).map((r) => [r.urn, r.type.startsWith("awsx:") ? r.type : strip(r)]));
}

describe("npm run new-service: a service with a table, a path and a callee, planned in a copy of the repository", function () {
    this.timeout(120000);
    const callee = discoverProjects(ROOT).filter((p) => p.kind === "service")[0].name;
    let copy: string;
    const plans: Record<string, EnvironmentPlan> = {};
    const originals: Record<string, string> = {};

    before(async () => {
        copy = repositoryCopy();
        for (const f of ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "edge/Pulumi.dev.yaml", "edge/Pulumi.prod.yaml"]) {
            originals[f] = fs.readFileSync(path.join(copy, f), "utf8");
        }
        const result = newService(copy, { name: NAME, calls: [callee], path: `/api/v1/${NAME}`, table: { name: "Orders", partitionKey: "pk", sortKey: "sk" } });
        assert.deepStrictEqual(result.updated.sort(), ["Pulumi.dev.yaml", "Pulumi.prod.yaml", "edge/Pulumi.dev.yaml", "edge/Pulumi.prod.yaml"]);
        for (const env of ["dev", "prod"]) {
            plans[env] = await planEnvironment(copy, env);
        }
    });
    after(() => fs.rmSync(copy, { recursive: true, force: true }));

    it("writes the project, a stack file per environment, the app with its test, and a Dockerfile", () => {
        for (const f of ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "index.ts", "tsconfig.json", "Dockerfile", "src/main.ts", "src/server.ts", `test/${NAME}.test.ts`]) {
            assert.ok(fs.existsSync(path.join(copy, "apps", NAME, f)), f);
        }
    });

    it("writes an app that serves its path and /health, and drains on shutdown", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const server = require(path.join(copy, "apps", NAME, "src", "server.ts")) as Record<string, unknown>;
        const build = Object.values(server).find((v) => typeof v === "function") as (deps: { logger: unknown }) => { app: { inject(o: { url: string }): Promise<{ statusCode: number }>; close(): Promise<void> }; markDraining(): void };
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { createLogger } = require(path.join(copy, "apps", "shared", "logger.ts")) as typeof import("../../apps/shared/logger");
        const { app, markDraining } = build({ logger: createLogger(NAME, "silent") });
        try {
            assert.strictEqual((await app.inject({ url: `/api/v1/${NAME}` })).statusCode, 200);
            assert.strictEqual((await app.inject({ url: "/health" })).statusCode, 200);
            markDraining();
            assert.strictEqual((await app.inject({ url: "/health" })).statusCode, 503);
        } finally {
            await app.close();
        }
    });

    it("refuses to run twice, an invalid name, an unknown callee, and a folder of apps/ that is no service", () => {
        assert.throws(() => newService(copy, { name: NAME }), /exists .* registered in every environment/);
        assert.throws(() => newService(copy, { name: "Bad_Name" }), /not a service name/);
        assert.throws(() => newService(copy, { name: "other", calls: ["nobody"] }), /--calls nobody: no such service/);
        assert.throws(() => newService(copy, { name: "shared" }), /apps\/shared exists and is not a service project/);
        assert.ok(!fs.existsSync(path.join(copy, "apps", "other")));
    });

    for (const env of ["dev", "prod"]) {
        it(`${env}: wired - the callee admits it, the ALB routes its path, the edge proxies it, its table and alarms exist`, () => {
            const plan = plans[env];
            const platform = plan.stacks[0];
            const stack = plan.stacks.find((s) => s.project === NAME)!;
            const groups = platform.outputs.serviceSecurityGroupIds as Record<string, string>;
            assert.ok(groups[NAME], "the platform creates its security group");
            const ofType = (t: string) => stack.resources.filter((r) => r.type === t);
            const into = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === groups[callee]);
            assert.deepStrictEqual(into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[groups[NAME], 8443]]);
            const rule = ofType("aws:lb/listenerRule:ListenerRule")[0];
            assert.deepStrictEqual((rule.inputs.conditions as { pathPattern: { values: string[] } }[])[0].pathPattern.values, [`/api/v1/${NAME}*`]);
            const edge = plan.stacks.find((s) => s.kind === "edge")!;
            assert.ok(edge.resources.some((r) => r.type === "aws:apigateway/resource:Resource" && r.inputs.pathPart === NAME), "edge resource for the path");
            const table = ofType("aws:dynamodb/table:Table")[0];
            assert.deepStrictEqual([table.inputs.name, table.inputs.hashKey, table.inputs.rangeKey], [`${env}-${NAME}-Orders`, "pk", "sk"]);
            const alarms = ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => String(a.inputs.name));
            assert.ok(alarms.some((n) => n.startsWith(`${env}-${NAME}-orders-table-`)) && alarms.some((n) => n.startsWith(`${env}-${NAME}-alb-`)), alarms.join(", "));
        });

        it(`${env}: the new stack and the edge validate as CloudFormation with 0 errors`, () => {
            const plan = plans[env];
            const stackPlans = plan.stacks.map((s) => ({ project: s.project, stack: s.stack, region: s.region, resources: s.resources, outputs: s.outputs }));
            const validator = loadValidator();
            try {
                for (const p of stackPlans.filter((s) => s.project === NAME || s.project === "edge")) {
                    const { report } = validateStack(p, validator, stackPlans.filter((o) => o !== p));
                    assert.deepStrictEqual(failures(report), [], `${p.project}: ${JSON.stringify(report.errors.slice(0, 3))}`);
                }
            } finally {
                validator.free();
            }
        });
    }

    it("removing it (its folder and its registration) restores the original plan", async () => {
        fs.rmSync(path.join(copy, "apps", NAME), { recursive: true });
        for (const [f, text] of Object.entries(originals)) {
            fs.writeFileSync(path.join(copy, f), text);
        }
        const restored = fingerprint(await planEnvironment(copy, "dev"));
        const original = fingerprint(await committedPlan("dev"));
        const norm = (fp: Record<string, string>) => JSON.stringify(fp).split(copy).join("<root>");
        assert.strictEqual(norm(restored), norm(original));
    });

    it("appends to a block list once, and creates the list when absent", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "append-")), "Pulumi.dev.yaml");
        fs.writeFileSync(file, "config:\n  p:services:\n    - a\n  p:other: 1\n");
        assert.strictEqual(appendToList(file, "p:services", "b"), true);
        assert.strictEqual(appendToList(file, "p:services", "b"), false);
        assert.strictEqual(appendToList(file, "p:new", "x"), true);
        assert.strictEqual(fs.readFileSync(file, "utf8"), "config:\n  p:services:\n    - a\n    - b\n  p:other: 1\n  p:new:\n    - x\n");
    });
});
