import * as assert from "assert";
import fc from "fast-check";
import { ALARM_CATALOGUE, alarmSpecs, DYNAMODB_OPERATIONS, RESOURCE_KINDS, specProblem, WatchTarget } from "../../components/observability/alarm-catalogue";
import { parseAlarmOverride, parseAlarmOverrides } from "../../components/observability/alarm-overrides";
import { dashboardBody, graphOfAlarm } from "../../components/observability/dashboard";

const ecs: WatchTarget = { kind: "ecsService", name: "orders", clusterName: "dev-cluster", serviceName: "dev-orders" };
const TARGETS: Record<string, WatchTarget> = {
    ecsService: ecs,
    albTargetGroup: { kind: "albTargetGroup", name: "orders-tg", loadBalancerArnSuffix: "app/dev-alb/abc", targetGroupArnSuffix: "targetgroup/orders/def" },
    apiGatewayStage: { kind: "apiGatewayStage", name: "api", apiName: "dev-api", stageName: "v1" },
    dynamodbTable: { kind: "dynamodbTable", name: "entities", tableName: "Entities" },
    rdsInstance: { kind: "rdsInstance", name: "db", instanceId: "dev-db" },
    cache: { kind: "cache", name: "cache-001", cacheClusterId: "dev-cache-001" },
    cloudfrontDistribution: { kind: "cloudfrontDistribution", name: "cdn", distributionId: "E123", alarmRegion: "us-east-1" },
    webAcl: { kind: "webAcl", name: "waf", aclName: "dev-regional", region: "eu-west-1" },
};

describe("alarm catalogue", () => {
    it("gives the ECS CPU alarm of O2: CPUUtilization averaged over 300 s above 80% for 2 periods, missing data not breaching", () => {
        const cpu = alarmSpecs(ecs).find((s) => s.metric === "cpu")!;
        assert.deepStrictEqual(
            { ns: cpu.namespace, m: cpu.metricName, stat: cpu.statistic, t: cpu.threshold, cmp: cpu.comparison, p: cpu.periodSeconds, n: cpu.evaluationPeriods, miss: cpu.treatMissingData },
            { ns: "AWS/ECS", m: "CPUUtilization", stat: "Average", t: 80, cmp: "GreaterThanThreshold", p: 300, n: 2, miss: "notBreaching" },
        );
        assert.deepStrictEqual(cpu.dimensions, { ClusterName: "dev-cluster", ServiceName: "dev-orders" });
        assert.strictEqual(cpu.key, "orders-cpu");
    });

    it("covers every kind of O2 with the metrics and dimensions CloudWatch publishes them under", () => {
        const metrics = (kind: string) => alarmSpecs(TARGETS[kind]).map((s) => `${s.metricName}/${s.statistic}`);
        assert.deepStrictEqual(metrics("ecsService"), ["CPUUtilization/Average", "MemoryUtilization/Average"]);
        assert.deepStrictEqual(metrics("albTargetGroup"), ["HTTPCode_Target_5XX_Count/Sum", "TargetResponseTime/p99", "UnHealthyHostCount/Maximum"]);
        assert.deepStrictEqual(metrics("apiGatewayStage"), ["5XXError/Average", "4XXError/Average", "Latency/p99"]);
        assert.deepStrictEqual(metrics("dynamodbTable"), ["ReadThrottleEvents/Sum", "WriteThrottleEvents/Sum", "SystemErrors/Sum"]);
        assert.deepStrictEqual(metrics("rdsInstance"), ["CPUUtilization/Average", "FreeStorageSpace/Minimum", "DatabaseConnections/Maximum"]);
        assert.deepStrictEqual(metrics("cache"), ["EngineCPUUtilization/Average", "Evictions/Sum", "DatabaseMemoryUsagePercentage/Average"]);
        // Target-group metrics exist only with both the target group and its load balancer.
        assert.deepStrictEqual(alarmSpecs(TARGETS.albTargetGroup)[2].dimensions, { LoadBalancer: "app/dev-alb/abc", TargetGroup: "targetgroup/orders/def" });
        assert.deepStrictEqual(alarmSpecs(TARGETS.apiGatewayStage)[0].dimensions, { ApiName: "dev-api", Stage: "v1" });
        assert.deepStrictEqual(alarmSpecs(TARGETS.rdsInstance)[0].dimensions, { DBInstanceIdentifier: "dev-db" });
        assert.deepStrictEqual(alarmSpecs(TARGETS.cache)[0].dimensions, { CacheClusterId: "dev-cache-001" });
        assert.strictEqual(alarmSpecs(TARGETS.rdsInstance).find((s) => s.metric === "freeStorage")!.comparison, "LessThanThreshold");
    });

    it("sums DynamoDB SystemErrors over at most 10 operations, since the metric exists only per operation", () => {
        const errors = alarmSpecs(TARGETS.dynamodbTable).find((s) => s.metric === "systemErrors")!;
        assert.deepStrictEqual(errors.sumOver, { dimension: "Operation", values: DYNAMODB_OPERATIONS });
        assert.ok(DYNAMODB_OPERATIONS.length <= 10);
    });

    it("with an alternate target group, combines every ALB alarm over both groups: counts summed, the p99 by MAX", () => {
        const shifted: WatchTarget = { ...TARGETS.albTargetGroup, alternateTargetGroupArnSuffix: "targetgroup/orders-alt/ghi" } as WatchTarget;
        const specs = alarmSpecs(shifted);
        const groups = ["targetgroup/orders/def", "targetgroup/orders-alt/ghi"];
        assert.deepStrictEqual(specs.map((s) => [s.metric, s.sumOver]), [
            ["target5xx", { dimension: "TargetGroup", values: groups }],
            ["latencyP99", { dimension: "TargetGroup", values: groups, aggregation: "MAX" }],
            ["unhealthyHosts", { dimension: "TargetGroup", values: groups }],
        ]);
        // Same keys (and so alarm names) as without the alternate group: rollback alarm names hold.
        assert.deepStrictEqual(specs.map((s) => s.key), alarmSpecs(TARGETS.albTargetGroup).map((s) => s.key));
        // Without an alternate group: single metrics, as before.
        assert.ok(alarmSpecs(TARGETS.albTargetGroup).every((s) => s.sumOver === undefined));
        const body = JSON.parse(dashboardBody({ title: "t", region: "us-east-1", graphs: specs.map(graphOfAlarm) }));
        const latency = body.widgets.find((w: any) => w.properties.title?.includes("TargetResponseTime") || JSON.stringify(w.properties.metrics ?? []).includes("TargetResponseTime"));
        const rows = latency.properties.metrics as unknown[][];
        assert.deepStrictEqual(rows.at(-1), [{ expression: "MAX(METRICS())", label: "TargetResponseTime (MAX over TargetGroups)", id: "highest" }]);
        // The combined dimension appears once per row, with each group's value.
        assert.deepStrictEqual(rows.slice(0, 2).map((r) => r.filter((x) => x === "TargetGroup").length), [1, 1]);
        assert.deepStrictEqual(rows.slice(0, 2).map((r) => r[r.indexOf("TargetGroup") + 1]), groups);
    });

    it("keeps every catalogue row within what CloudWatch accepts", () => {
        for (const kind of RESOURCE_KINDS) {
            for (const spec of alarmSpecs(TARGETS[kind])) {
                assert.strictEqual(specProblem(spec), undefined, spec.key);
            }
            const metrics = ALARM_CATALOGUE[kind].alarms.map((a) => a.metric);
            assert.strictEqual(new Set(metrics).size, metrics.length, `${kind} has a repeated alarm key`);
        }
    });

    it("applies an override to its kind and alarm only, the last one winning", () => {
        const overrides = parseAlarmOverrides(["ecsService.cpu.threshold=90", "ecsService.cpu.threshold=95", "ecsService.cpu.periods=3", "rdsInstance.cpu.threshold=50"]).overrides;
        const specs = alarmSpecs(ecs, overrides);
        assert.deepStrictEqual([specs[0].threshold, specs[0].evaluationPeriods], [95, 3]);
        assert.strictEqual(specs[1].threshold, 80, "memory must not change");
        assert.strictEqual(alarmSpecs(TARGETS.rdsInstance, overrides)[0].threshold, 50);
    });

    it("takes any number as a threshold override", () => {
        fc.assert(fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (value) => {
            const parsed = parseAlarmOverride(`cache.memory.threshold=${value}`);
            assert.ok(!("problem" in parsed), JSON.stringify(parsed));
            // `===`, not Object.is: -0 prints as "0", and CloudWatch does not tell them apart either.
            assert.ok(alarmSpecs(TARGETS.cache, [parsed]).find((s) => s.metric === "memory")!.threshold === value);
        }));
    });

    it("refuses an override that is not a number, names an unknown kind or alarm, or a period CloudWatch refuses", () => {
        const problem = (entry: string) => {
            const parsed = parseAlarmOverride(entry);
            return "problem" in parsed ? parsed.problem : "";
        };
        assert.match(problem("ecsService.cpu.threshold=high"), /"ecsService\.cpu\.threshold=high": threshold "high" is not a number/);
        assert.match(problem("ecsService.cpu.threshold="), /is not a number/);
        assert.match(problem("lambda.errors.threshold=1"), /unknown resource kind "lambda"/);
        assert.match(problem("ecsService.disk.threshold=1"), /unknown alarm "disk" for ecsService \(known: cpu, memory\)/);
        assert.match(problem("ecsService.cpu.colour=1"), /unknown field "colour"/);
        assert.match(problem("ecsService.cpu.period=45"), /multiple of 60/);
        assert.match(problem("ecsService.cpu.periods=1.5"), /whole number/);
        assert.match(problem("cpu=90"), /is not <kind>\.<alarm>/);
    });

    it("refuses an evaluation range longer than CloudWatch allows: a day under hour-long periods, seven days otherwise", () => {
        const cpu = (...entries: string[]) => alarmSpecs(ecs, parseAlarmOverrides(entries).overrides)[0];
        assert.match(specProblem(cpu("ecsService.cpu.period=3540", "ecsService.cpu.periods=25"))!, /exceed the one-day evaluation range CloudWatch allows for periods under an hour/);
        assert.strictEqual(specProblem(cpu("ecsService.cpu.period=3600", "ecsService.cpu.periods=25")), undefined);
        assert.strictEqual(specProblem(cpu("ecsService.cpu.period=3600", "ecsService.cpu.periods=168")), undefined);
        assert.match(specProblem(cpu("ecsService.cpu.period=3600", "ecsService.cpu.periods=169"))!, /exceed the seven-day evaluation range/);
    });
});

describe("dashboard body", () => {
    const specs = [...alarmSpecs(ecs), ...alarmSpecs(TARGETS.albTargetGroup), ...alarmSpecs(TARGETS.dynamodbTable)];
    const body = JSON.parse(dashboardBody({ title: "Service orders", region: "us-east-1", alarmArns: ["arn:a"], graphs: specs.map(graphOfAlarm) }));
    const graphs = body.widgets.filter((w: { type: string }) => w.type === "metric");

    it("graphs each alarmed metric with its statistic, period, dimensions and threshold line", () => {
        assert.strictEqual(graphs.length, specs.length);
        const cpu = graphs[0].properties;
        assert.deepStrictEqual(cpu.metrics, [["AWS/ECS", "CPUUtilization", "ClusterName", "dev-cluster", "ServiceName", "dev-orders"]]);
        assert.deepStrictEqual([cpu.stat, cpu.period, cpu.region, cpu.annotations.horizontal[0].value], ["Average", 300, "us-east-1", 80]);
        assert.strictEqual(graphs[3].properties.stat, "p99");
    });

    it("draws a per-operation metric as the sum of hidden per-operation series", () => {
        const metrics = graphs[graphs.length - 1].properties.metrics;
        assert.strictEqual(metrics.length, DYNAMODB_OPERATIONS.length + 1);
        assert.deepStrictEqual(metrics[0].slice(0, 6), ["AWS/DynamoDB", "SystemErrors", "TableName", "Entities", "Operation", "GetItem"]);
        assert.strictEqual(metrics.at(-1)[0].expression, "SUM(METRICS())");
    });

    it("lays widgets out on the 24-column grid without overlap, with the alarm status on top", () => {
        assert.strictEqual(body.widgets[1].type, "alarm");
        const cells = new Set<string>();
        for (const w of body.widgets) {
            assert.ok(w.x + w.width <= 24);
            for (let x = w.x; x < w.x + w.width; x++) {
                for (let y = w.y; y < w.y + w.height; y++) {
                    assert.ok(!cells.has(`${x},${y}`), `overlap at ${x},${y}`);
                    cells.add(`${x},${y}`);
                }
            }
        }
    });
});
