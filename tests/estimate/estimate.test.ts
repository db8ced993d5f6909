import * as assert from "assert";
import type { PlannedResource } from "../../scripts/lib/mock-runtime";
import { clusterLine, subnetLines, cacheLines, apiThrottleLines } from "../../scripts/estimate/capacity";
import { estimateCost, splitTasks } from "../../scripts/estimate/cost";
import { criticalPath, environmentDeployTime, heldBack } from "../../scripts/estimate/deploy-time";
import { cacheNodeHourly, fargateTaskMonthly, FARGATE_SPOT_DISCOUNT, HOURS_PER_MONTH, price, PRICES } from "../../scripts/estimate/prices";

const round2 = (n: number) => Math.round(n * 100) / 100;
const usd = (key: string) => price(key).usd;

const NO_TRAFFIC = { requestsPerMonth: 0, gbOutPerMonth: 0, dynamoReadsPerMonth: 0, dynamoWritesPerMonth: 0, logGbPerMonth: 0 };

function res(name: string, type: string, inputs: Record<string, unknown> = {}, dependsOn: string[] = [], extra: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:${name}`, type, name, custom: true, inputs, state: inputs, protect: false, retainOnDelete: false, dependsOn, ...extra };
}

const cost = (resources: PlannedResource[], region = "us-east-1") => estimateCost([{ project: "s", resources }], NO_TRAFFIC, region);

describe("estimate: prices", () => {
    it("dates every price line and gives its unit", () => {
        for (const p of PRICES.values()) {
            assert.strictEqual(p.read, "2026-11-23", p.key);
            assert.ok(p.unit.length > 0 && p.usd >= 0, p.key);
        }
    });
});

describe("estimate: cost arithmetic", () => {
    it("doubles instance hours and storage for a Multi-AZ database", () => {
        const single = cost([res("db", "aws:rds/instance:Instance", { instanceClass: "db.r7g.large", multiAz: false, allocatedStorage: 100 })]);
        const multi = cost([res("db", "aws:rds/instance:Instance", { instanceClass: "db.r7g.large", multiAz: true, allocatedStorage: 100 })]);
        const instance = HOURS_PER_MONTH * usd("rds.postgres.db.r7g.large");
        const storage = 100 * usd("rds.gp3.gbMonth");
        assert.strictEqual(round2(single.fixedUsd), round2(instance + storage));
        assert.strictEqual(round2(multi.fixedUsd), round2(2 * (instance + storage)));
    });

    it("prices an interface endpoint per AZ and a gateway endpoint at zero", () => {
        const c = cost([
            res("ecr", "aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Interface", subnetIds: ["a", "b", "c"] }),
            res("s3", "aws:ec2/vpcEndpoint:VpcEndpoint", { vpcEndpointType: "Gateway" }),
        ]);
        assert.strictEqual(round2(c.fixedUsd), round2(3 * HOURS_PER_MONTH * usd("endpoint.azHour"))); // 3 AZs, gateway free
    });

    it("places the base task on-demand and splits the rest by weight, Spot at 70 % off", () => {
        assert.deepStrictEqual(splitTasks(5, [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]), { onDemand: 2, spot: 3 });
        assert.deepStrictEqual(splitTasks(1, [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]), { onDemand: 1, spot: 0 });
        const onDemand = (usd("fargate.vcpuHour") + 2 * usd("fargate.gbHour")) * HOURS_PER_MONTH; // 1 vCPU, 2 GB
        assert.strictEqual(round2(fargateTaskMonthly(1024, 2048, false)), round2(onDemand));
        assert.strictEqual(round2(fargateTaskMonthly(1024, 2048, true)), round2(onDemand * (1 - FARGATE_SPOT_DISCOUNT)));
        const td = res("td", "aws:ecs/taskDefinition:TaskDefinition", { cpu: "1024", memory: "2048" });
        const svc = res("svc", "aws:ecs/service:Service", { desiredCount: 1, capacityProviderStrategies: [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }] }, [td.urn]);
        const scaling = res("scaling", "aws:appautoscaling/target:Target", { minCapacity: 5, maxCapacity: 10 }, [svc.urn]);
        assert.strictEqual(round2(cost([td, svc, scaling]).fixedUsd), round2(2 * onDemand + 3 * onDemand * (1 - FARGATE_SPOT_DISCOUNT))); // 2 on-demand + 3 Spot
    });

    it("counts cache nodes and takes 20 % off for Valkey", () => {
        const valkeyNode = cacheNodeHourly("valkey", "cache.r7g.large")!.usd;
        assert.strictEqual(round2(valkeyNode), round2(usd("elasticache.redis.cache.r7g.large") * 0.8));
        assert.strictEqual(round2(cost([res("c", "aws:elasticache/replicationGroup:ReplicationGroup", { engine: "valkey", nodeType: "cache.r7g.large", numCacheClusters: 2 })]).fixedUsd), round2(2 * HOURS_PER_MONTH * valkeyNode));
    });

    it("prices a web ACL and each of its rules", () => {
        assert.strictEqual(round2(cost([res("w", "aws:wafv2/webAcl:WebAcl", { rules: [{}, {}, {}] })]).fixedUsd), round2(usd("waf.webAclMonth") + 3 * usd("waf.ruleMonth")));
    });

    it("bills a metric-math alarm once per metric it reads, a plain alarm once, a composite alarm at its own rate", () => {
        const plain = res("cpu", "aws:cloudwatch/metricAlarm:MetricAlarm", { metricName: "CPUUtilization" });
        const math = res("burn", "aws:cloudwatch/metricAlarm:MetricAlarm", {
            metricQueries: [{ id: "e0", metric: {} }, { id: "r0", metric: {} }, { id: "e1", metric: {} }, { id: "r1", metric: {} }, { id: "bad", expression: "..." }],
        });
        const composite = res("page", "aws:cloudwatch/compositeAlarm:CompositeAlarm", { alarmRule: 'ALARM("a") AND ALARM("b")' });
        const c = cost([plain, math, composite]);
        assert.deepStrictEqual(c.stacks[0].lines.map((l) => [l.resource, l.quantity, l.unitUsd]), [["cpu", 1, usd("cloudwatch.alarmMonth")], ["burn", 4, usd("cloudwatch.alarmMonth")], ["page", 1, usd("cloudwatch.compositeAlarmMonth")]]);
        assert.strictEqual(round2(c.fixedUsd), round2(5 * 0.1 + 0.5));
        assert.deepStrictEqual(c.notPriced, []);
    });

    it("lists unknown types and unknown sizes as not priced, never at zero silently", () => {
        const c = cost([res("x", "aws:sqs/queue:Queue"), res("db", "aws:rds/instance:Instance", { instanceClass: "db.x9.huge" })]);
        assert.deepStrictEqual(c.notPriced.map((n) => n.resource), ["x", "db"]);
    });

    it("prices usage from the traffic profile", () => {
        const c = estimateCost([{ project: "s", resources: [res("t", "aws:dynamodb/table:Table", { billingMode: "PAY_PER_REQUEST" })] }], { ...NO_TRAFFIC, dynamoReadsPerMonth: 8e6, dynamoWritesPerMonth: 2e6 }, "us-east-1");
        assert.strictEqual(round2(c.usageUsd), round2(8 * usd("dynamodb.millionRru") + 2 * usd("dynamodb.millionWru")));
        assert.strictEqual(c.fixedUsd, 0);
    });

    it("says that the figures of another region are a us-east-1 estimate", () => {
        assert.match(cost([], "eu-west-1").regionNote ?? "", /us-east-1 estimate/);
        assert.strictEqual(cost([]).regionNote, undefined);
    });
});

describe("estimate: capacity rules", () => {
    it("falls short when the services at max tasks cannot reach 5,000 RPS, with the numbers", () => {
        const line = clusterLine([{ service: "a", maxTasks: 4, rpsPerTask: 500 }, { service: "b", maxTasks: 2, rpsPerTask: 250 }]);
        assert.deepStrictEqual([line.required, line.available, line.holds], [5000, 2500, false]);
        assert.strictEqual(clusterLine([{ service: "a", maxTasks: 10, rpsPerTask: 500 }]).holds, true);
    });

    it("keeps twice the max task count free in a subnet after AWS's 5 and the other interfaces", () => {
        const [small] = subnetLines([{ name: "p", cidr: "10.0.0.0/27", otherEnis: 10 }], 10);
        assert.deepStrictEqual([small.required, small.available, small.holds], [20, 17, false]); // 32 - 5 - 10
    });

    it("sizes the cache primary against 20,000 QPS and refuses an unknown node type", () => {
        const lines = cacheLines([res("a", "aws:elasticache/replicationGroup:ReplicationGroup", { nodeType: "cache.t4g.micro" }), res("b", "aws:elasticache/replicationGroup:ReplicationGroup", { nodeType: "cache.z1.odd" })]);
        assert.deepStrictEqual(lines.map((l) => [l.available, l.holds]), [[10000, false], [0, false]]);
    });

    it("sums the route throttles against the account limit and the routes' promise", () => {
        const ms = (path: string, rate: number, burst: number) => res(path, "aws:apigateway/methodSettings:MethodSettings", { methodPath: path, settings: { throttlingRateLimit: rate, throttlingBurstLimit: burst } });
        const lines = apiThrottleLines([ms("a", 6000, 5000), ms("b", 6000, 6000)], [{ path: "a", throttleRps: 6000 }, { path: "b", throttleRps: 7000 }]);
        assert.deepStrictEqual(lines.map((l) => [l.available, l.required, l.holds]), [[12000, 10000, false], [6000, 5000, false], [12000, 13000, false]]);
    });
});

describe("estimate: critical path", () => {
    it("takes the longest weighted chain, through a component's children", () => {
        const comp: PlannedResource = { ...res("comp", "platform:x:Y"), custom: false };
        const vpc = res("vpc", "aws:ec2/vpc:Vpc"); // 0.3
        const nat = res("nat", "aws:ec2/natGateway:NatGateway", {}, [vpc.urn], { parent: comp.urn }); // 3
        const db = res("db", "aws:rds/instance:Instance", { multiAz: true }, [vpc.urn]); // 20
        const route = res("route", "aws:ec2/route:Route", {}, [comp.urn]); // 0.1, waits for the NAT through the component
        const svc = res("svc", "aws:ecs/service:Service", {}, [db.urn, route.urn]); // 3
        const t = criticalPath("s", [comp, vpc, nat, db, route, svc]);
        assert.strictEqual(t.minutes, 23.3);
        assert.deepStrictEqual(t.criticalPath.map((p) => p.name), ["vpc", "db", "svc"]);
        assert.deepStrictEqual(t.longPoles.map((p) => p.name), ["db", "svc"]);
        assert.strictEqual(criticalPath("s", [comp, vpc, nat, route]).minutes, 3.4);
    });

    it("runs independent resources in parallel and waves in sequence", () => {
        const a = { project: "a", resources: [res("x", "aws:ec2/natGateway:NatGateway"), res("y", "aws:cloudfront/distribution:Distribution")] };
        assert.strictEqual(criticalPath("a", a.resources).minutes, 5);
        const b = { project: "b", resources: [res("z", "aws:lb/loadBalancer:LoadBalancer")] };
        const all = (target: string) => ({ target, scope: "all" as const });
        assert.strictEqual(environmentDeployTime([a, b], [[all("a")], [all("b")]]).minutes, 8);
        assert.strictEqual(environmentDeployTime([a, b], [[all("a"), all("b")]]).minutes, 5);
    });

    it("times a caller in two steps: everything but its ECS service and its dependents, then those alone", () => {
        const db = res("db", "aws:rds/instance:Instance", { multiAz: true }); // 20
        const svc = res("svc", "aws:ecs/service:Service", {}, [db.urn]); // 3
        const scaling = res("scaling", "aws:appautoscaling/target:Target", {}, [svc.urn]); // 0.1
        const caller = { project: "caller", resources: [db, svc, scaling] };
        assert.deepStrictEqual([...heldBack(caller.resources)].sort(), [scaling.urn, svc.urn].sort());
        const t = environmentDeployTime([caller], [[{ target: "caller", scope: "without-services" }], [{ target: "caller", scope: "services" }]]);
        assert.deepStrictEqual(t.waves, [{ stacks: ["caller (without its ECS services)"], minutes: 20 }, { stacks: ["caller (its ECS services)"], minutes: 3.1 }]);
    });
});
