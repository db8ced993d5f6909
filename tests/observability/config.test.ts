import * as assert from "assert";
import * as path from "path";
import { ConfigError } from "../../stacks/config/reader";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");

function load(stack: "dev" | "prod", overrides: Record<string, string> = {}) {
    const config = stackConfig(ROOT, stack, overrides);
    return loadPlatformConfig((key) => config[key], stack);
}

/** The ConfigError's problems for `key`; fails unless loading throws one. */
function problemsOf(overrides: Record<string, string>, key: string): string {
    try {
        load("dev", overrides);
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        const lines = e.message.split("\n").filter((l) => l.includes(`- ${key} =`));
        assert.ok(lines.length > 0, `no problem reported for ${key}:\n${e.message}`);
        return lines.join("\n");
    }
    assert.fail(`config ${JSON.stringify(overrides)} was accepted`);
}

describe("platform config: observability keys", () => {
    it("reads the observability settings of dev and prod", () => {
        const dev = load("dev").observability;
        const prod = load("prod").observability;
        assert.deepStrictEqual([dev.trailDataEvents, prod.trailDataEvents], [false, true]);
        assert.deepStrictEqual([dev.trailToCloudWatch, prod.trailToCloudWatch], [true, true]);
        assert.deepStrictEqual(dev.alarmOverrides.find((o) => o.kind === "albTargetGroup"), { kind: "albTargetGroup", metric: "latencyP99", field: "threshold", value: 2 });
        assert.deepStrictEqual(prod.alarmOverrides, []);
        assert.strictEqual(dev.slack, undefined);
    });

    it("refuses an invalid email, naming the key and the address", () => {
        assert.match(problemsOf({ "platform:alertEmails": JSON.stringify(["ops@example.com", "ops-at-example.com"]) }, "platform:alertEmails"), /ops-at-example\.com not an email address/);
        assert.match(problemsOf({ "platform:alertEmails": JSON.stringify(["a@example.com", "a@example.com"]) }, "platform:alertEmails"), /repeated/);
    });

    it("refuses a retention CloudWatch Logs does not accept, naming the key and the accepted values", () => {
        assert.match(problemsOf({ "platform:logRetentionDays": "10" }, "platform:logRetentionDays"), /"10": expected a retention CloudWatch Logs accepts: 1, 3, 5, 7, 14/);
    });

    it("refuses a threshold that is not a number, naming the key and the entry", () => {
        const message = problemsOf({ "platform:alarmOverrides": JSON.stringify(["ecsService.cpu.threshold=ninety"]) }, "platform:alarmOverrides");
        assert.match(message, /ecsService\.cpu\.threshold=ninety.*threshold "ninety" is not a number/);
    });

    it("refuses an override of an alarm the catalogue does not have", () => {
        assert.match(problemsOf({ "platform:alarmOverrides": JSON.stringify(["rdsInstance.iops.threshold=5"]) }, "platform:alarmOverrides"), /unknown alarm "iops" for rdsInstance/);
    });

    it("needs both Slack ids or neither, and refuses malformed ones", () => {
        assert.match(problemsOf({ "platform:slackWorkspaceId": "T0123ABCDE" }, "platform:slackChannelId"), /Slack alerts need both/);
        assert.match(problemsOf({ "platform:slackWorkspaceId": "T0123ABCDE", "platform:slackChannelId": "#alerts" }, "platform:slackChannelId"), /Slack channel id/);
        const both = load("dev", { "platform:slackWorkspaceId": "T0123ABCDE", "platform:slackChannelId": "C0123ABCDE" }).observability.slack;
        assert.deepStrictEqual(both, { workspaceId: "T0123ABCDE", channelId: "C0123ABCDE" });
    });

    it("reads SLO overrides and ticket emails, both empty by default", () => {
        const dev = load("dev").observability;
        assert.deepStrictEqual([dev.sloOverrides, dev.ticketEmails], [[], []]);
        const set = load("dev", {
            "platform:sloOverrides": JSON.stringify(["service.latency.thresholdMs=200", "dynamodb.availability.windowDays=28"]),
            "platform:ticketEmails": JSON.stringify(["tickets@example.com"]),
        }).observability;
        assert.deepStrictEqual(set.sloOverrides, [{ tier: "service", kind: "latency", field: "thresholdMs", value: 200 }, { tier: "dynamodb", kind: "availability", field: "windowDays", value: 28 }]);
        assert.deepStrictEqual(set.ticketEmails, ["tickets@example.com"]);
    });

    it("refuses a bad SLO override, naming the key and the entry, and an override that makes an SLO inconsistent", () => {
        assert.match(problemsOf({ "platform:sloOverrides": JSON.stringify(["service.latency.objective=100"]) }, "platform:sloOverrides"), /"service\.latency\.objective=100": objective must be a percentage above 0 and below 100/);
        assert.match(problemsOf({ "platform:sloOverrides": JSON.stringify(["cache.latency.thresholdMs=fast"]) }, "platform:sloOverrides"), /thresholdMs "fast" is not a number/);
        // 90 % availability at 14.4x would alarm on 144 % of requests: it could never fire.
        assert.match(problemsOf({ "platform:sloOverrides": JSON.stringify(["apiGateway.availability.objective=90"]) }, "platform:sloOverrides"), /apiGateway\.availability: .*can never be reached/);
        // 3 days: the slow alert's 0.6x would fire while the budget lasts.
        assert.match(problemsOf({ "platform:sloOverrides": JSON.stringify(["cache.latency.windowDays=3"]) }, "platform:sloOverrides"), /cache\.latency: slow burn rate 0\.6x/);
        assert.match(problemsOf({ "platform:ticketEmails": JSON.stringify(["tickets"]) }, "platform:ticketEmails"), /tickets not an email address/);
    });

    it("refuses a non-boolean trail switch", () => {
        assert.match(problemsOf({ "platform:trailToCloudWatch": "yes" }, "platform:trailToCloudWatch"), /true or false/);
    });
});
