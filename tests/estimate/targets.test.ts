import * as assert from "assert";
import * as path from "path";
import { DEV_PLATFORM_IDLE_CEILING_USD, DEV_SERVICE_IDLE_CEILING_USD, estimateEnvironment, EnvironmentEstimate } from "../../scripts/estimate";
import { discoverProjects } from "../../scripts/lib/projects";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";

const root = path.resolve(__dirname, "../..");

describe("estimate: the program's targets", function () {
    this.timeout(budget(5000)); // both plans, when this suite comes first
    let dev: EnvironmentEstimate;
    let prod: EnvironmentEstimate;
    before(async () => {
        dev = estimateEnvironment(root, await committedPlan("dev"));
        prod = estimateEnvironment(root, await committedPlan("prod"));
    });

    const projects = discoverProjects(root);
    const services = projects.filter((p) => p.kind === "service").map((p) => p.name);

    it(`keeps the platform's own dev idle cost (platform and edge) within $${DEV_PLATFORM_IDLE_CEILING_USD} a month with every shared layer present`, () => {
        const shared = dev.cost.stacks.filter((s) => !services.includes(s.stack));
        assert.deepStrictEqual(shared.map((s) => s.stack).sort(), projects.filter((p) => p.kind !== "service").map((p) => p.name).sort());
        const usd = shared.reduce((n, s) => n + s.fixedUsd, 0);
        assert.ok(usd <= DEV_PLATFORM_IDLE_CEILING_USD, `platform idle $${usd}`);
        assert.ok(dev.targets.every((t) => t.holds), JSON.stringify(dev.targets.filter((t) => !t.holds)));
        const sharedTypes = new Set(shared.flatMap((s) => s.lines.map((l) => l.type)));
        for (const layer of ["aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer", "aws:wafv2/webAcl:WebAcl"]) {
            assert.ok(sharedTypes.has(layer), `dev's platform lacks ${layer}`);
        }
    });

    for (const service of services) {
        it(`keeps ${service}'s dev idle cost within $${DEV_SERVICE_IDLE_CEILING_USD} a month`, () => {
            const cost = dev.cost.stacks.find((s) => s.stack === service)!;
            assert.ok(cost.fixedUsd <= DEV_SERVICE_IDLE_CEILING_USD, `${service} idle $${cost.fixedUsd}`);
        });
    }

    it("prices every costly layer dev has (the services' stores included, whichever services have them)", async () => {
        const priced = new Set(dev.cost.stacks.flatMap((s) => s.lines.map((l) => l.type)));
        const planned = new Set((await committedPlan("dev")).stacks.flatMap((s) => s.resources.map((r) => r.type)));
        for (const layer of ["aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer", "aws:wafv2/webAcl:WebAcl", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:ecs/service:Service"]) {
            assert.strictEqual(priced.has(layer), planned.has(layer), `dev plans ${layer} without pricing it (or prices it without planning it)`);
        }
        assert.ok(priced.has("aws:ecs/service:Service"));
    });

    it("holds every capacity line in prod", () => {
        assert.deepStrictEqual(prod.capacity.filter((l) => !l.holds), []);
    });

    it("deploys each prod stack in under 30 minutes", () => {
        for (const s of prod.deployTime.stacks) {
            assert.ok(s.minutes < 30, `${s.stack}: ${s.minutes} min`);
        }
    });

    it("deploys the whole prod environment in under 30 minutes: the platform, every other stack (callers without their ECS services), then the callers' ECS services", () => {
        const [first, second, ...later] = prod.deployTime.waves.map((w) => w.stacks);
        assert.deepStrictEqual(first, ["platform"]);
        assert.deepStrictEqual(second.map((s) => s.replace(/ \(without its ECS services\)$/, "")).sort(), projects.filter((p) => p.kind !== "platform").map((p) => p.name).sort());
        assert.ok(later.flat().every((s) => / \(its ECS services\)$/.test(s)), JSON.stringify(later));
        assert.ok(prod.deployTime.minutes < 30, `prod: ${prod.deployTime.minutes} min over ${prod.deployTime.waves.map((w) => `[${w.stacks.join(", ")}] ${w.minutes}`).join(" then ")}`);
        assert.ok(prod.targets.every((t) => t.holds), JSON.stringify(prod.targets));
    });
});

describe("estimate: the size keys that bring dev under its ceiling", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadServiceConfig } = require("../../stacks/service/config") as typeof import("../../stacks/service/config");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readStackConfig } = require("../../scripts/lib/stack-config") as typeof import("../../scripts/lib/stack-config");
    const svc = discoverProjects(root).filter((p) => p.kind === "service")[0].name;
    const base = { ...readStackConfig(path.join(root, "apps", svc), "dev"), [`${svc}:postgresInstanceClass`]: "", [`${svc}:cacheNodeType`]: "" };
    const load = (over: Record<string, string>) => loadServiceConfig((k) => ({ ...base, ...over } as Record<string, string>)[k], svc, "dev");
    it("passes an RDS class and a node type through, and keeps \"\" for the tier defaults", () => {
        const c = load({ [`${svc}:postgresInstanceClass`]: "db.t4g.micro", [`${svc}:cacheNodeType`]: "cache.t4g.micro" });
        assert.deepStrictEqual([c.postgresInstanceClass, c.cacheNodeType], ["db.t4g.micro", "cache.t4g.micro"]);
        const d = load({});
        assert.deepStrictEqual([d.postgresInstanceClass, d.cacheNodeType], ["", ""]);
    });
    it("refuses a malformed class or node type, naming the key and the value", () => {
        assert.throws(() => load({ [`${svc}:postgresInstanceClass`]: "t4g.micro", [`${svc}:cacheNodeType`]: "large" }),
            (e: Error) => /postgresInstanceClass/.test(e.message) && /t4g\.micro/.test(e.message) && /cacheNodeType/.test(e.message) && /large/.test(e.message));
    });
});
