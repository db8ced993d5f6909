import * as assert from "assert";
import { EdgeObservability, EdgeObservabilityArgs, validateEdgeObservabilityArgs } from "../../components/observability/edge-observability";
import { Graph, runProgram } from "../helpers/graph";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
const PAGE = "arn:aws:sns:us-east-1:123456789012:dev-alerts";
const TICKET = "arn:aws:sns:us-east-1:123456789012:dev-tickets";

const ARGS: EdgeObservabilityArgs = {
    environment: "dev",
    region: "us-east-1",
    alertTopicArn: PAGE,
    ticketTopicArn: TICKET,
    stages: [{ name: "api", apiName: "dev-api", stageName: "v1" }, { name: "beta", apiName: "dev-api", stageName: "beta" }],
    distributions: [{ name: "cdn", distributionId: "E1ABCDEF" }],
    webAcls: [{ name: "regional-waf", aclName: "dev-regional", scope: "REGIONAL" }, { name: "cloudfront-waf", aclName: "dev-cloudfront", scope: "CLOUDFRONT" }],
};

describe("EdgeObservability (issue 15's edge alarms, the API's SLOs)", () => {
    let g: Graph;
    let edge: EdgeObservability;
    before(async () => {
        g = await runProgram(() => {
            edge = new EdgeObservability("dev-edge", ARGS);
        }, { stack: "dev" });
    });
    const alarm = (name: string) => g.ofType(ALARM).find((a) => a.inputs.name === name)!.inputs;

    it("gives every stage the catalogue's 5XX, 4XX and p99 alarms: 4XX pages, the two the API's SLOs cover ticket", () => {
        for (const stage of ["api", "beta"]) {
            const stageName = stage === "api" ? "v1" : "beta";
            for (const [metric, topic] of [["errors4xx", PAGE], ["errors5xx", TICKET], ["latencyP99", TICKET]]) {
                const a = alarm(`dev-edge-${stage}-${metric}`);
                assert.deepStrictEqual(a.dimensions, { ApiName: "dev-api", Stage: stageName });
                assert.deepStrictEqual([a.alarmActions, a.okActions, a.region], [[topic], [topic], undefined], `${stage} ${metric}`);
            }
        }
    });

    it("gives every stage its availability and latency SLOs, each a fast (paging) and a slow (ticketing) composite over two windows", () => {
        const composites = g.ofType(COMPOSITE).map((c) => c.inputs);
        assert.strictEqual(composites.length, 2 * 2 * 2);
        for (const c of composites) {
            const fast = String(c.alarmName).endsWith("-fast");
            assert.deepStrictEqual([c.alarmActions, c.okActions], [[fast ? PAGE : TICKET], [fast ? PAGE : TICKET]], String(c.alarmName));
            const windows = [...String(c.alarmRule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => m[1]);
            assert.deepStrictEqual(windows, fast ? [`${c.alarmName}-1h`, `${c.alarmName}-5m`] : [`${c.alarmName}-6h`, `${c.alarmName}-30m`]);
            assert.match(String(c.alarmRule), /\) AND ALARM\(/);
            for (const w of windows) {
                assert.ok(alarm(w), `${w} does not exist`);
            }
        }
    });

    it("alarms on CloudFront's error rates in us-east-1, where CloudFront publishes, by distribution and Region Global", () => {
        for (const [metric, name, threshold] of [["errors5xx", "5xxErrorRate", 1], ["errors4xx", "4xxErrorRate", 10]] as const) {
            const a = alarm(`dev-edge-cdn-${metric}`);
            assert.deepStrictEqual([a.namespace, a.metricName, a.statistic, a.threshold], ["AWS/CloudFront", name, "Average", threshold]);
            assert.deepStrictEqual(a.dimensions, { DistributionId: "E1ABCDEF", Region: "Global" });
            assert.deepStrictEqual([a.region, a.alarmActions, a.okActions], ["us-east-1", [PAGE], [PAGE]]);
        }
    });

    it("alarms on blocked requests of both web ACLs: the regional one with its Region, CloudFront's without one, in us-east-1", () => {
        const regional = alarm("dev-edge-regional-waf-blockedRequests");
        assert.deepStrictEqual([regional.namespace, regional.metricName, regional.statistic], ["AWS/WAFV2", "BlockedRequests", "Sum"]);
        assert.deepStrictEqual(regional.dimensions, { WebACL: "dev-regional", Rule: "ALL", Region: "us-east-1" });
        const cf = alarm("dev-edge-cloudfront-waf-blockedRequests");
        assert.deepStrictEqual(cf.dimensions, { WebACL: "dev-cloudfront", Rule: "ALL" });
        assert.deepStrictEqual([cf.region, cf.alarmActions, cf.okActions], ["us-east-1", [PAGE], [PAGE]]);
    });

    it("draws the edge dashboard with the stage's SLO panels and the alarms' states", () => {
        const dash = g.one("aws:cloudwatch/dashboard:Dashboard").inputs;
        assert.strictEqual(dash.dashboardName, "dev-edge");
        const body = JSON.parse(String(dash.dashboardBody));
        const slos = body.widgets.filter((w: { properties: { title?: string } }) => String(w.properties.title).startsWith("SLO "));
        assert.deepStrictEqual(slos.map((w: { properties: { title: string } }) => w.properties.title.split(":")[0]), ["SLO api-availability", "SLO api-latency", "SLO beta-availability", "SLO beta-latency"]);
        const availability = slos[0].properties;
        assert.deepStrictEqual([availability.view, availability.setPeriodToTimeRange, availability.start], ["singleValue", true, "-P30D"]);
        const shown = availability.metrics.map((row: unknown[]) => row.at(-1)).filter((o: { visible?: boolean }) => o.visible !== false);
        assert.deepStrictEqual(shown.map((o: { expression: string }) => o.expression), ["100 * (1 - bad)", "100 * (1 - bad / 0.0005)"]);
    });

    it("names its fixed alarms and its SLOs' composite alarms for the stack outputs, exactly those it creates", () => {
        const fixed = g.ofType(ALARM).map((a) => String(a.inputs.name)).filter((n) => !n.includes("-slo-"));
        assert.deepStrictEqual([...edge.alarmNames].sort(), fixed.sort());
        assert.strictEqual(fixed.length, 2 * 3 + 2 + 2);
        const composites = g.ofType(COMPOSITE).map((c) => String(c.inputs.alarmName)).sort();
        assert.deepStrictEqual(edge.slos.flatMap((s) => s.alerts.map((a) => a.alarm)).sort(), composites);
        assert.deepStrictEqual(edge.slos.map((s) => [s.name, s.objective]), [["dev-edge-slo-api-availability", 99.95], ["dev-edge-slo-api-latency", 99], ["dev-edge-slo-beta-availability", 99.95], ["dev-edge-slo-beta-latency", 99]]);
    });

    it("refuses a region whose topics CloudFront's us-east-1 alarms could not notify, and names a repeated target", () => {
        assert.throws(() => validateEdgeObservabilityArgs("x", { ...ARGS, region: "eu-west-1" }), /region = "eu-west-1": CloudFront's alarms must live in us-east-1/);
        assert.doesNotThrow(() => validateEdgeObservabilityArgs("x", { ...ARGS, region: "eu-west-1", distributions: [], webAcls: [ARGS.webAcls[0]] }));
        assert.throws(() => validateEdgeObservabilityArgs("x", { ...ARGS, stages: [ARGS.stages[0], ARGS.stages[0]] }), /each target name once/);
        assert.throws(() => validateEdgeObservabilityArgs("x", { ...ARGS, sloOverrides: [{ tier: "apiGateway", kind: "availability", field: "objective", value: 90 }] }), /SLO api-availability: .*can never be reached/);
    });
});
