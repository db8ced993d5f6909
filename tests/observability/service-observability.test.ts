import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as path from "path";
import { ALARM_CATALOGUE } from "../../components/observability/alarm-catalogue";
import { ServiceObservability, ServiceObservabilityArgs, validateServiceObservabilityArgs } from "../../components/observability/service-observability";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { Graph, runProgram, stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "arn:aws:sns:us-east-1:123456789012:dev-alerts";
const TICKETS = "arn:aws:sns:us-east-1:123456789012:dev-tickets";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";

/** What a service stack would pass, with the platform's per-environment values for `stack`. */
function serviceArgs(stack: "dev" | "prod"): Omit<ServiceObservabilityArgs, "watch"> {
    const cfg = stackConfig(ROOT, stack);
    const platform = loadPlatformConfig((k) => cfg[k], stack);
    return {
        environment: stack,
        service: "orders",
        region: "us-east-1",
        alertTopicArn: TOPIC,
        ticketTopicArn: TICKETS,
        kmsKeyArn: KEY,
        logRetentionDays: platform.logRetentionDays,
        alarmOverrides: platform.observability.alarmOverrides,
        logGroups: [{ key: "app", name: "/ecs/orders" }, { key: "envoy", name: "/ecs/orders/envoy" }],
        protect: platform.production,
    };
}

/** Every kind handed in; the ALB's suffixes come from real (mocked) resources, as outputs. */
function build(stack: "dev" | "prod") {
    return () => {
        const alb = new aws.lb.LoadBalancer("alb", { internal: true, loadBalancerType: "application" });
        const tg = new aws.lb.TargetGroup("orders-tg", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
        new ServiceObservability(`${stack}-orders`, {
            ...serviceArgs(stack),
            watch: [
                { kind: "ecsService", name: "orders", clusterName: `${stack}-cluster`, serviceName: "orders" },
                { kind: "albTargetGroup", name: "orders-tg", loadBalancerArnSuffix: alb.arnSuffix, targetGroupArnSuffix: tg.arnSuffix },
                { kind: "apiGatewayStage", name: "api", apiName: `${stack}-api`, stageName: "v1" },
                { kind: "dynamodbTable", name: "entities", tableName: "Entities" },
                { kind: "rdsInstance", name: "db", instanceId: `${stack}-db` },
                { kind: "cache", name: "cache-001", cacheClusterId: `${stack}-cache-001` },
            ],
        });
    };
}

describe("ServiceObservability (service level)", () => {
    let dev: Graph;
    let prod: Graph;
    before(async () => {
        dev = await runProgram(build("dev"), { stack: "dev" });
        prod = await runProgram(build("prod"), { stack: "prod" });
    });

    const alarm = (g: Graph, key: string) => g.named(`${g.run.stack}-orders-${key}`);

    it("yields, for each resource kind handed in, every catalogue alarm, each with alarm and OK actions to the alert topic", () => {
        const alarms = dev.ofType(ALARM);
        const watched = [["orders", "ecsService"], ["orders-tg", "albTargetGroup"], ["api", "apiGatewayStage"], ["entities", "dynamodbTable"], ["db", "rdsInstance"], ["cache-001", "cache"]] as const;
        const expected = watched.reduce((n, [, kind]) => n + ALARM_CATALOGUE[kind].alarms.length, 0);
        assert.strictEqual(alarms.length, expected);
        for (const [target, kind] of watched) {
            for (const def of ALARM_CATALOGUE[kind].alarms) {
                const a = alarm(dev, `${target}-${def.metric}`);
                assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[TOPIC], [TOPIC]], a.name);
                assert.strictEqual(a.inputs.name, `dev-orders-${target}-${def.metric}`);
            }
        }
    });

    it("creates the ECS CPU alarm with the numbers of O2", () => {
        const cpu = alarm(dev, "orders-cpu").inputs;
        assert.deepStrictEqual(
            [cpu.namespace, cpu.metricName, cpu.statistic, cpu.threshold, cpu.comparisonOperator, cpu.period, cpu.evaluationPeriods, cpu.treatMissingData],
            ["AWS/ECS", "CPUUtilization", "Average", 80, "GreaterThanThreshold", 300, 2, "notBreaching"],
        );
        assert.deepStrictEqual(cpu.dimensions, { ClusterName: "dev-cluster", ServiceName: "orders" });
    });

    it("alarms on ALB p99 latency as an extended statistic, with the load balancer's and target group's ARN suffixes", () => {
        const p99 = alarm(dev, "orders-tg-latencyP99").inputs;
        assert.deepStrictEqual([p99.metricName, p99.extendedStatistic, p99.statistic], ["TargetResponseTime", "p99", undefined]);
        const dims = p99.dimensions as Record<string, string>;
        assert.match(dims.LoadBalancer, /^app\//);
        assert.match(dims.TargetGroup, /^targetgroup\//);
    });

    it("alarms on DynamoDB system errors as a metric-math sum over operations", () => {
        const queries = alarm(dev, "entities-systemErrors").inputs.metricQueries as { id: string; expression?: string; returnData: boolean; metric?: { dimensions: Record<string, string> } }[];
        assert.strictEqual(queries.filter((q) => q.returnData).length, 1);
        assert.strictEqual(queries.find((q) => q.returnData)!.expression, "SUM(METRICS())");
        assert.deepStrictEqual(queries[0].metric!.dimensions, { TableName: "Entities", Operation: "GetItem" });
        assert.strictEqual(alarm(dev, "entities-systemErrors").inputs.metricName, undefined);
    });

    it("applies each environment's overrides from config: dev relaxes ALB latency, prod keeps the catalogue value", () => {
        assert.strictEqual(alarm(dev, "orders-tg-latencyP99").inputs.threshold, 2);
        assert.strictEqual(alarm(prod, "orders-tg-latencyP99").inputs.threshold, 0.5);
    });

    it("creates every log group with the environment's retention and the observability key, protected in prod", () => {
        for (const [g, days, protect] of [[dev, 7, false], [prod, 365, true]] as const) {
            const groups = g.ofType("aws:cloudwatch/logGroup:LogGroup");
            assert.deepStrictEqual(groups.map((l) => l.inputs.name).sort(), ["/ecs/orders", "/ecs/orders/envoy"]);
            for (const lg of groups) {
                assert.deepStrictEqual([lg.inputs.retentionInDays, lg.inputs.kmsKeyId, lg.protect], [days, KEY, protect], lg.name);
            }
        }
    });

    it("builds a dashboard that graphs the same metrics as the alarms, with resolved dimensions", () => {
        const dash = dev.one("aws:cloudwatch/dashboard:Dashboard");
        assert.strictEqual(dash.inputs.dashboardName, "dev-orders-service");
        const body = JSON.parse(String(dash.inputs.dashboardBody));
        const graphs = body.widgets.filter((w: { type: string }) => w.type === "metric");
        assert.strictEqual(graphs.length, dev.ofType(ALARM).length);
        const albRow = graphs.find((w: { properties: { metrics: string[][] } }) => w.properties.metrics[0][1] === "UnHealthyHostCount").properties.metrics[0];
        assert.match(albRow[3], /^app\//, "dimension values must be resolved strings");
        assert.strictEqual(body.widgets.find((w: { type: string }) => w.type === "alarm").properties.alarms.length, dev.ofType(ALARM).length);
    });

    it("refuses a bad retention, a bad override and a repeated target name, naming each", () => {
        const base = { ...serviceArgs("dev"), watch: [] };
        assert.throws(() => validateServiceObservabilityArgs("x", { ...base, logRetentionDays: 10 }), /logRetentionDays = 10: expected one of 1, 3/);
        assert.throws(
            () => validateServiceObservabilityArgs("x", { ...base, alarmOverrides: [{ kind: "ecsService", metric: "cpu", field: "threshold", value: Number("high") }] }),
            /alarmOverrides\[0\].*threshold must be a number/,
        );
        const db = { kind: "rdsInstance" as const, name: "db", instanceId: "a" };
        assert.throws(() => validateServiceObservabilityArgs("x", { ...base, watch: [db, db] }), /each target name once/);
    });
});

describe("ServiceObservability with SLOs", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => {
            const alb = new aws.lb.LoadBalancer("alb", { internal: true, loadBalancerType: "application" });
            const blue = new aws.lb.TargetGroup("orders-tg", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
            const green = new aws.lb.TargetGroup("orders-tg-alt", { port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-1" });
            new ServiceObservability("prod-orders", {
                ...serviceArgs("prod"),
                watch: [
                    { kind: "albTargetGroup", name: "alb", loadBalancerArnSuffix: alb.arnSuffix, targetGroupArnSuffix: blue.arnSuffix, alternateTargetGroupArnSuffix: green.arnSuffix },
                    { kind: "dynamodbTable", name: "table", tableName: "prod-Orders" },
                    { kind: "cache", name: "cache-1", cacheClusterId: "prod-orders-cache-001" },
                ],
                slos: [
                    { tier: "service", name: "alb", loadBalancerArnSuffix: alb.arnSuffix, targetGroupArnSuffixes: [blue.arnSuffix, green.arnSuffix] },
                    { tier: "dynamodb", name: "table", tableName: "prod-Orders" },
                    { tier: "cache", name: "cache", cacheClusterIds: ["prod-orders-cache-001", "prod-orders-cache-002"] },
                ],
                sloOverrides: [{ tier: "service", kind: "latency", field: "thresholdMs", value: 200 }],
            });
        }, { stack: "prod" });
    });

    it("tickets the fixed alarms its SLOs cover and pages the others", () => {
        const topicOf = (key: string) => (g.named(`prod-orders-${key}`).inputs.alarmActions as string[])[0];
        for (const key of ["alb-target5xx", "alb-latencyP99", "table-readThrottles", "table-writeThrottles", "table-systemErrors"]) {
            assert.strictEqual(topicOf(key), TICKETS, key);
        }
        for (const key of ["alb-unhealthyHosts", "cache-1-engineCpu", "cache-1-evictions", "cache-1-memory"]) {
            assert.strictEqual(topicOf(key), TOPIC, key);
        }
    });

    it("creates two burn alerts per SLO, each a composite over its long and short window, with the override applied", () => {
        const composites = g.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm");
        assert.strictEqual(composites.length, 3 * 2 * 2);
        const latency = g.ofType(ALARM).find((a) => a.inputs.name === "prod-orders-slo-alb-latency-fast-1h")!.inputs;
        const ranks = (latency.metricQueries as { metric?: { stat: string; dimensions: Record<string, string> } }[]).filter((q) => q.metric?.stat.startsWith("PR"));
        assert.deepStrictEqual(ranks.map((q) => q.metric!.stat), ["PR(0:0.2)", "PR(0:0.2)"]);
        assert.match(ranks[0].metric!.dimensions.TargetGroup, /^targetgroup\//);
    });

    it("draws each SLO on the service dashboard with resolved dimensions", () => {
        const body = JSON.parse(String(g.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody));
        const slos = body.widgets.filter((w: { properties: { title?: string } }) => String(w.properties.title).startsWith("SLO "));
        assert.deepStrictEqual(slos.map((w: { properties: { title: string } }) => w.properties.title.split(":")[0]).sort(),
            ["SLO alb-availability", "SLO alb-latency", "SLO cache-availability", "SLO cache-latency", "SLO table-availability", "SLO table-latency"]);
        const alb = slos.find((w: { properties: { title: string } }) => w.properties.title.startsWith("SLO alb-availability")).properties;
        assert.match(JSON.stringify(alb.metrics), /"TargetGroup","targetgroup\//);
        const table = slos.find((w: { properties: { title: string } }) => w.properties.title.startsWith("SLO table-latency")).properties;
        assert.deepStrictEqual([table.view, table.period, table.annotations.horizontal[0].value], ["timeSeries", 3600, 10]);
    });

    it("refuses an SLO override that is not one, and one that makes an SLO inconsistent, naming the argument", () => {
        const base = { ...serviceArgs("dev"), slos: [{ tier: "dynamodb" as const, name: "table", tableName: "t" }] };
        assert.throws(() => validateServiceObservabilityArgs("x", { ...base, sloOverrides: [{ tier: "dynamodb", kind: "latency", field: "windowDays", value: 0.5 }] }), /sloOverrides\[0\].*windowDays must be a whole number/);
        assert.throws(() => validateServiceObservabilityArgs("x", { ...base, sloOverrides: [{ tier: "dynamodb", kind: "latency", field: "objective", value: 50 }] }), /SLO table-latency: .*bad minutes can never happen/);
        assert.throws(() => validateServiceObservabilityArgs("x", { ...base, slos: [...base.slos, ...base.slos] }), /slos = .*each target name once/);
    });
});
