import * as assert from "assert";
import * as path from "path";
import { estimateEnvironment, EnvironmentEstimate } from "../../scripts/estimate";
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

    it("keeps dev's idle cost at most $150 a month with every layer present", () => {
        assert.ok(dev.cost.fixedUsd <= 150, `dev idle $${dev.cost.fixedUsd}`);
        const types = new Set(dev.cost.stacks.flatMap((s) => s.lines.map((l) => l.type)));
        for (const layer of ["aws:ec2/natGateway:NatGateway", "aws:lb/loadBalancer:LoadBalancer", "aws:wafv2/webAcl:WebAcl", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:ecs/service:Service"]) {
            assert.ok(types.has(layer), `dev lacks ${layer}`);
        }
    });

    it("holds every capacity line in prod", () => {
        assert.deepStrictEqual(prod.capacity.filter((l) => !l.holds), []);
    });

    it("deploys each prod stack in under 30 minutes", () => {
        for (const s of prod.deployTime.stacks) {
            assert.ok(s.minutes < 30, `${s.stack}: ${s.minutes} min`);
        }
    });

    it("deploys the whole prod environment in under 30 minutes: the platform, then every other stack in one wave", () => {
        assert.deepStrictEqual(prod.deployTime.waves.map((w) => w.stacks), [["platform"], ["catalog", "edge", "entities"]]);
        assert.ok(prod.deployTime.minutes < 30, `prod: ${prod.deployTime.minutes} min over ${prod.deployTime.waves.map((w) => `[${w.stacks.join(", ")}] ${w.minutes}`).join(" then ")}`);
        assert.ok(prod.targets.every((t) => t.holds), JSON.stringify(prod.targets));
    });
});

describe("estimate: the size keys that bring dev under its ceiling", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { loadServiceConfig } = require("../../stacks/service/config") as typeof import("../../stacks/service/config");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readStackConfig } = require("../../scripts/lib/stack-config") as typeof import("../../scripts/lib/stack-config");
    const base = { ...readStackConfig(path.join(root, "apps", "catalog"), "dev"), "catalog:postgresInstanceClass": "", "catalog:cacheNodeType": "" };
    it("passes an RDS class and a node type through, and keeps \"\" for the tier defaults", () => {
        const c = loadServiceConfig((k) => ({ ...base, "catalog:postgresInstanceClass": "db.t4g.micro", "catalog:cacheNodeType": "cache.t4g.micro" } as Record<string, string>)[k], "catalog", "dev");
        assert.deepStrictEqual([c.postgresInstanceClass, c.cacheNodeType], ["db.t4g.micro", "cache.t4g.micro"]);
        const d = loadServiceConfig((k) => (base as Record<string, string>)[k], "catalog", "dev");
        assert.deepStrictEqual([d.postgresInstanceClass, d.cacheNodeType], ["", ""]);
    });
    it("refuses a malformed class or node type, naming the key and the value", () => {
        assert.throws(() => loadServiceConfig((k) => ({ ...base, "catalog:postgresInstanceClass": "t4g.micro", "catalog:cacheNodeType": "large" } as Record<string, string>)[k], "catalog", "dev"),
            (e: Error) => /postgresInstanceClass/.test(e.message) && /t4g\.micro/.test(e.message) && /cacheNodeType/.test(e.message) && /large/.test(e.message));
    });
});
