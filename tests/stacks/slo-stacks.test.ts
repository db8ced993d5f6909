import * as assert from "assert";
import { ALARM_CATALOGUE } from "../../components/observability/alarm-catalogue";
import { SloReport } from "../../components/observability/slo-alarms";
import { MAX_ALARM_METRICS, SLO_TIERS } from "../../components/observability/slo-catalogue";
import { sloFailures, sloTable } from "../../scripts/analysis/slo";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { EnvironmentPlan } from "../../scripts/lib/plan-env";
import { committedPlan } from "../helpers/plans";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const COMPOSITE = "aws:cloudwatch/compositeAlarm:CompositeAlarm";
type Stack = EnvironmentPlan["stacks"][number];

/** The SLO tiers a stack's resources call for: a stage, a target group, a table, a cache. */
function tiersPresent(stack: Stack): string[] {
    const has = (type: string) => stack.resources.some((r) => r.type === type);
    return [
        ...(has("aws:apigateway/stage:Stage") ? ["apiGateway"] : []),
        ...(has("aws:lb/targetGroup:TargetGroup") && stack.kind === "service" ? ["service"] : []),
        ...(has("aws:dynamodb/table:Table") ? ["dynamodb"] : []),
        ...(has("aws:elasticache/replicationGroup:ReplicationGroup") ? ["cache"] : []),
    ].sort();
}

const regionOfArn = (arn: unknown) => String(arn).split(":")[3];
const alarmsOf = (stack: Stack) => stack.resources.filter((r) => r.type === ALARM);

for (const env of ["dev", "prod"] as const) {
    describe(`SLOs and edge alarms of ${env} (committed plan)`, function () {
        this.timeout(60000);
        let plan: EnvironmentPlan;
        let platform: Stack;
        let edge: Stack;
        before(async () => {
            plan = await committedPlan(env);
            platform = plan.stacks.find((s) => s.project === "platform")!;
            edge = plan.stacks.find((s) => s.project === "edge")!;
        });
        const topics = () => ({ page: platform.outputs.alertTopicArn, ticket: platform.outputs.ticketTopicArn });

        it("gives every stack one SLO set per tier it has: availability and latency each", () => {
            const owners = plan.stacks.filter((s) => s.project !== "platform");
            assert.ok(owners.length >= 3, "the edge and at least two services");
            for (const stack of owners) {
                const slos = (stack.outputs.slos ?? []) as SloReport[];
                const tiers = [...new Set(slos.map((s) => s.tier))].sort();
                assert.deepStrictEqual(tiers, tiersPresent(stack), stack.project);
                for (const tier of tiers) {
                    assert.deepStrictEqual(slos.filter((s) => s.tier === tier).map((s) => s.kind).sort(), ["availability", "latency"], `${stack.project} ${tier}`);
                }
            }
            const all = owners.flatMap((s) => (s.outputs.slos ?? []) as SloReport[]);
            assert.deepStrictEqual([...new Set(all.map((s) => s.tier))].sort(), [...SLO_TIERS].sort(), "every tier of the catalogue is measured somewhere");
        });

        it("wires every burn alert as a composite requiring both of its windows, fast to the alert topic, slow to the ticket topic", () => {
            for (const stack of plan.stacks.filter((s) => s.outputs.slos !== undefined)) {
                const composites = new Map(stack.resources.filter((r) => r.type === COMPOSITE).map((r) => [r.inputs.alarmName, r]));
                const names = new Set(alarmsOf(stack).map((a) => a.inputs.name));
                const reported = (stack.outputs.slos as SloReport[]).flatMap((s) => s.alerts);
                assert.strictEqual(composites.size, reported.length, stack.project);
                for (const alert of reported) {
                    const c = composites.get(alert.alarm)!.inputs;
                    const topic = alert.notify === "page" ? topics().page : topics().ticket;
                    assert.deepStrictEqual([c.actionsEnabled, c.alarmActions, c.okActions], [true, [topic], [topic]], alert.alarm);
                    assert.strictEqual(c.alarmRule, alert.windows.map((w) => `ALARM("${w.alarm}")`).join(" AND "), alert.alarm);
                    assert.strictEqual(alert.windows.length, 2);
                    assert.ok(alert.windows.every((w) => names.has(w.alarm)), `${alert.alarm}: a window alarm is missing`);
                }
                assert.deepStrictEqual([...(stack.outputs.sloAlarmNames as string[])].sort(), reported.map((a) => a.alarm).sort(), `${stack.project} sloAlarmNames`);
            }
        });

        it("keeps every SLO window alarm within CloudWatch's metric-math limits, notifying nobody by itself", () => {
            const windows = plan.stacks.flatMap(alarmsOf).filter((a) => String(a.inputs.name).includes("-slo-"));
            assert.ok(windows.length >= 40, `${windows.length} window alarms`);
            for (const w of windows) {
                const queries = w.inputs.metricQueries as { id: string; expression?: string; returnData?: boolean; metric?: { period: number } }[];
                const metrics = queries.filter((q) => q.metric !== undefined);
                assert.ok(metrics.length <= MAX_ALARM_METRICS, `${w.name}: ${metrics.length} metrics`);
                assert.strictEqual(queries.filter((q) => q.returnData).length, 1, w.name);
                const periods = new Set(metrics.map((m) => m.metric!.period));
                assert.strictEqual(periods.size, 1, w.name);
                const range = [...periods][0] * Number(w.inputs.evaluationPeriods);
                assert.ok(range <= ([...periods][0] < 3600 ? 86_400 : 604_800), `${w.name}: ${range} s`);
                assert.deepStrictEqual([w.inputs.alarmActions, w.inputs.okActions], [undefined, undefined], w.name);
            }
        });

        it("alarms on every stage (5XX, 4XX, p99), every distribution (5xx, 4xx) and both web ACLs, each with alarm and OK actions to the topics", () => {
            const alarms = alarmsOf(edge).filter((a) => !String(a.inputs.name).includes("-slo-"));
            const stages = edge.resources.filter((r) => r.type === "aws:apigateway/stage:Stage");
            const distributions = edge.resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution");
            const acls = edge.resources.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl");
            assert.deepStrictEqual([stages.length, distributions.length, acls.length], [1, 1, 2]);
            for (const stage of stages) {
                const on = alarms.filter((a) => (a.inputs.dimensions as Record<string, string> | undefined)?.Stage === stage.inputs.stageName);
                assert.deepStrictEqual(on.map((a) => a.inputs.metricName).sort(), ["4XXError", "5XXError", "Latency"], stage.name);
            }
            for (const d of distributions) {
                const on = alarms.filter((a) => (a.inputs.dimensions as Record<string, string> | undefined)?.DistributionId === d.id);
                assert.deepStrictEqual(on.map((a) => a.inputs.metricName).sort(), ["4xxErrorRate", "5xxErrorRate"], d.name);
                // CloudFront publishes in us-east-1 only, and an alarm notifies topics of its own region only.
                assert.ok(on.every((a) => a.inputs.region === "us-east-1" && regionOfArn((a.inputs.alarmActions as string[])[0]) === "us-east-1"));
            }
            for (const acl of acls) {
                const [a] = alarms.filter((x) => (x.inputs.dimensions as Record<string, string> | undefined)?.WebACL === acl.inputs.name);
                assert.ok(a, `no alarm on ${acl.name}`);
                const dims = a.inputs.dimensions as Record<string, string>;
                if (acl.inputs.scope === "CLOUDFRONT") {
                    assert.deepStrictEqual([dims.Region, a.inputs.region, acl.inputs.region], [undefined, "us-east-1", "us-east-1"]);
                } else {
                    assert.deepStrictEqual([dims.Region, a.inputs.region], [edge.region, undefined]);
                }
            }
            for (const a of alarms) {
                const covered = ALARM_CATALOGUE.apiGatewayStage.alarms.find((d) => d.metricName === a.inputs.metricName && a.inputs.namespace === "AWS/ApiGateway")?.coveredBy !== undefined;
                const topic = covered ? topics().ticket : topics().page;
                assert.deepStrictEqual([a.inputs.actionsEnabled, a.inputs.alarmActions, a.inputs.okActions], [true, [topic], [topic]], a.name);
            }
            assert.deepStrictEqual([...(edge.outputs.alarmNames as string[])].sort(), alarms.map((a) => a.inputs.name).sort());
            assert.strictEqual(edge.outputs.dashboardName, `${env}-edge`);
        });

        it("keeps each service's rollback alarms: they exist, the ECS service rolls back on them, and they ticket rather than page", () => {
            for (const stack of plan.stacks.filter((s) => s.kind === "service")) {
                const names = stack.outputs.rollbackAlarmNames as string[];
                assert.ok(names.length >= 3, stack.project);
                const service = stack.resources.find((r) => r.type === "aws:ecs/service:Service")!;
                assert.deepStrictEqual(((service.inputs.alarms as { alarmNames: string[]; rollback: boolean }).alarmNames), names, stack.project);
                for (const name of names) {
                    const a = alarmsOf(stack).find((x) => x.inputs.name === name);
                    assert.ok(a, `${name} missing`);
                    const expected = name.endsWith("unhealthyHosts") ? topics().page : topics().ticket;
                    assert.deepStrictEqual(a.inputs.alarmActions, [expected], name);
                }
            }
        });

        it("prints the SLO table with each SLO's budget and fails on none", () => {
            const result = sloTable(plan);
            assert.deepStrictEqual(result.failures, []);
            const slos = plan.stacks.flatMap((s) => (s.outputs.slos ?? []) as SloReport[]);
            assert.strictEqual(result.lines.length, slos.length + 1);
            assert.ok(result.lines.some((l) => /slo-api-availability +99\.95% of requests: availability over 30 d; budget 0\.05% = 21\.6 min/.test(l)), result.lines.join("\n"));
        });
    });
}

describe("plan section: SLO consistency", () => {
    let plan: EnvironmentPlan;
    before(async function () {
        this.timeout(60000);
        plan = await committedPlan("dev");
    });
    const entities = () => plan.stacks.find((s) => s.project === "entities")!;
    const report = () => (entities().outputs.slos as SloReport[])[0];

    it("fails on an SLO whose numbers make an alert that cannot fire", () => {
        const failures = sloFailures("entities", { ...report(), objective: 90 }, entities().resources);
        assert.match(failures.join("\n"), /can never be reached/);
    });

    it("fails on a burn alert whose composite is missing, requires one window only, or notifies nobody", () => {
        const r = report();
        const fast = r.alerts[0].alarm;
        const without = entities().resources.filter((x) => x.inputs.alarmName !== fast);
        assert.match(sloFailures("entities", r, without).join("\n"), new RegExp(`no composite alarm ${fast}`));
        const change = (inputs: Record<string, unknown>): PlannedResource[] => entities().resources.map((x) => (x.inputs.alarmName === fast ? { ...x, inputs: { ...x.inputs, ...inputs } } : x));
        assert.match(sloFailures("entities", r, change({ alarmRule: `ALARM("${r.alerts[0].windows[0].alarm}")` })).join("\n"), /must require both of its windows/);
        assert.match(sloFailures("entities", r, change({ alarmRule: `ALARM("${r.alerts[0].windows[0].alarm}") OR ALARM("${r.alerts[0].windows[1].alarm}")` })).join("\n"), /must require both of its windows/);
        assert.match(sloFailures("entities", r, change({ alarmActions: [] })).join("\n"), /notifies nobody/);
        const noWindow = entities().resources.filter((x) => x.inputs.name !== r.alerts[0].windows[1].alarm);
        assert.match(sloFailures("entities", r, noWindow).join("\n"), /which the stack does not create/);
        assert.deepStrictEqual(sloFailures("entities", r, entities().resources), []);
    });
});
