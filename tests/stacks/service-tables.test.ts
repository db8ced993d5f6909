import * as assert from "assert";
import { discoverProjects } from "../../scripts/lib/projects";
import { ConfigError } from "../../stacks/config/reader";
import { layerAlarmOverrides, parseAlarmOverrides } from "../../components/observability/alarm-overrides";
import { tableVariableOf } from "../../components/data/table-spec";
import { Graph } from "../helpers/graph";
import { appEnv, fakePlatform, Obj, ROOT, runService } from "./service-helpers";

const SERVICE = discoverProjects(ROOT).filter((p) => p.kind === "service")[0].name;

/** Two tables a service declares in its stack file: one with a sort key and an index, one with a TTL and no stream. */
const TABLES = [
    { name: "Orders", attributes: { pk: "S", sk: "S", customer: "S", total: "N" }, partitionKey: "pk", sortKey: "sk",
        globalSecondaryIndexes: [{ name: "ByCustomer", partitionKey: "customer", sortKey: "sk", projection: { type: "INCLUDE", include: ["total"] } }] },
    { name: "IdempotencyKeys", attributes: { key: "S" }, partitionKey: "key", ttlAttribute: "expiresAt", stream: false },
];

describe(`service tables and alarm overrides declared in config (run on ${SERVICE})`, function () {
    this.timeout(60000);
    let g: Graph;
    before(async () => {
        g = await runService(SERVICE, "dev", {
            config: { [`${SERVICE}:tables`]: JSON.stringify(TABLES), [`${SERVICE}:alarmOverrides`]: JSON.stringify(["albTargetGroup.latencyP99.threshold=5", "ecsService.cpu.periods=7"]) },
            stackOutputs: { "organization/platform/dev": fakePlatform(false, { alarmOverrides: parseAlarmOverrides(["albTargetGroup.latencyP99.threshold=2", "ecsService.cpu.threshold=95"]).overrides }) },
        });
    });

    it("creates each declared table under <env>-<service>-<name>, with its keys, index, TTL and stream", () => {
        const tables = g.ofType("aws:dynamodb/table:Table");
        assert.deepStrictEqual(tables.map((t) => t.inputs.name).sort(), [`dev-${SERVICE}-IdempotencyKeys`, `dev-${SERVICE}-Orders`]);
        const orders = tables.find((t) => t.inputs.name === `dev-${SERVICE}-Orders`)!;
        assert.deepStrictEqual([orders.inputs.hashKey, orders.inputs.rangeKey, orders.inputs.streamEnabled], ["pk", "sk", true]);
        assert.deepStrictEqual((orders.inputs.globalSecondaryIndexes as Obj[]).map((i) => [i.name, i.projectionType, i.nonKeyAttributes]), [["ByCustomer", "INCLUDE", ["total"]]]);
        const keys = tables.find((t) => t.inputs.name === `dev-${SERVICE}-IdempotencyKeys`)!;
        assert.deepStrictEqual([keys.inputs.ttl, keys.inputs.streamEnabled], [{ enabled: true, attributeName: "expiresAt" }, false]);
    });

    it("hands the app <NAME>_TABLE per table, and its task role item access to exactly these tables and their indexes", () => {
        const env = appEnv(g);
        assert.strictEqual(env.ORDERS_TABLE, `dev-${SERVICE}-Orders`);
        assert.strictEqual(env.IDEMPOTENCY_KEYS_TABLE, `dev-${SERVICE}-IdempotencyKeys`);
        const policy = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `dev-${SERVICE}-task`)!.inputs.policy));
        const items = policy.Statement.find((s: Obj) => s.Sid === "DynamoDbItems");
        const arns = g.ofType("aws:dynamodb/table:Table").map((t) => String(t.state.arn));
        assert.deepStrictEqual([...items.Resource].sort(), arns.flatMap((a) => [a, `${a}/index/*`]).sort());
        assert.ok(!JSON.stringify(policy).includes("dynamodb:Scan"));
    });

    it("watches each table with the table alarms", () => {
        const alarms = g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => String(a.inputs.name));
        assert.ok(alarms.some((n) => n.startsWith(`dev-${SERVICE}-orders-table-`)), alarms.join(", "));
        assert.ok(alarms.some((n) => n.startsWith(`dev-${SERVICE}-idempotency-keys-table-`)), alarms.join(", "));
    });

    it("applies the service's alarm overrides over the environment's, field by field", () => {
        const alarm = (suffix: string) => g.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => String(a.inputs.name) === `dev-${SERVICE}-${suffix}`)!;
        assert.strictEqual(alarm("alb-latencyP99").inputs.threshold, 5, "the service's threshold wins");
        assert.strictEqual(alarm("service-cpu").inputs.threshold, 95, "the environment's threshold stays");
        assert.strictEqual(alarm("service-cpu").inputs.evaluationPeriods, 7, "the service's periods");
        assert.deepStrictEqual(layerAlarmOverrides(parseAlarmOverrides(["cache.evictions.threshold=1"]).overrides, []).map((o) => o.value), [1]);
    });

    it("refuses a bad table naming the field, with a suggestion for a misspelt one, and a bad override", async () => {
        const bad = [{ ...TABLES[0], sortkey: "sk", globalSecondaryIndexes: [{ name: "ByCustomer", partitionKey: "nobody", projection: { type: "ALL" } }] }, { name: "orders", attributes: { pk: "S" }, partitionKey: "pk" }];
        await assert.rejects(runService(SERVICE, "dev", { config: { [`${SERVICE}:tables`]: JSON.stringify(bad), [`${SERVICE}:alarmOverrides`]: '["ecsService.cpu.treshold=1"]' } }), (e: unknown) => {
            const cause = (e as { cause?: unknown }).cause;
            assert.ok(cause instanceof ConfigError);
            assert.deepStrictEqual(cause.problems.map((p) => p.key).sort(), [`${SERVICE}:alarmOverrides`, `${SERVICE}:tables`]);
            assert.match(cause.message, /tables\[0\]\.sortkey is not a field: did you mean sortKey\?/);
            assert.match(cause.message, /tables\[0\]\.globalSecondaryIndexes\[0\]\.partitionKey = "nobody"/);
            assert.match(cause.message, /Orders, orders repeated/);
            return true;
        });
    });

    it("names variables the way the apps read them", () => {
        assert.deepStrictEqual(["Entities", "OrderItems", "order-items", "audit_log"].map(tableVariableOf), ["ENTITIES_TABLE", "ORDER_ITEMS_TABLE", "ORDER_ITEMS_TABLE", "AUDIT_LOG_TABLE"]);
    });
});
