import * as assert from "assert";
import * as path from "path";
import { ObservabilityKit, validateObservabilityKitArgs } from "../../components/observability/kit";
import { platformProgram } from "../../stacks/platform/program";
import { Graph, runProgram, stackConfig } from "../helpers/graph";
import { committedStack } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "../..");
const KEY = "aws:kms/key:Key";
const TOPIC = "aws:sns/topic:Topic";
const TRAIL = "aws:cloudtrail/trail:Trail";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function platform(stack: "dev" | "prod", overrides: Record<string, string> = {}): Promise<Graph> {
    return runProgram(() => platformProgram(), { project: "platform", stack, config: stackConfig(ROOT, stack, overrides) });
}

const json = (v: unknown) => JSON.parse(String(v));

describe("platform stack: ObservabilityKit (environment level)", () => {
    let dev: Graph;
    let prod: Graph;
    let chat: Graph;
    before(async () => {
        dev = await committedStack("dev", "platform");
        prod = await committedStack("prod", "platform");
        chat = await platform("dev", {
            "platform:alertEmails": JSON.stringify(["ops@example.com", "oncall@example.com"]),
            "platform:ticketEmails": JSON.stringify(["tickets@example.com"]),
            "platform:slackWorkspaceId": "T0123ABCDE",
            "platform:slackChannelId": "C0123ABCDE",
            "platform:trailToCloudWatch": "false",
        });
    });

    const kitKey = (g: Graph) => g.one(KEY, "-observability-key");

    it("gives every log group of the stack a retention and a KMS key", () => {
        for (const g of [dev, prod, chat]) {
            for (const lg of g.ofType(LOG_GROUP)) {
                assert.ok(typeof lg.inputs.retentionInDays === "number", `${lg.name} has no retention`);
                assert.match(String(lg.inputs.kmsKeyId), /^arn:aws:kms:/, `${lg.name} has no KMS key`);
            }
        }
        assert.strictEqual(dev.one(LOG_GROUP, "-trail").inputs.kmsKeyId, kitKey(dev).state.arn);
    });

    it("keeps the trail's logs as long as each environment is configured to: 7 days in dev, 365 in prod", () => {
        assert.strictEqual(dev.one(LOG_GROUP, "-trail").inputs.retentionInDays, 7);
        assert.strictEqual(prod.one(LOG_GROUP, "-trail").inputs.retentionInDays, 365);
        assert.deepStrictEqual([dev.outputs.logRetentionDays, prod.outputs.logRetentionDays], [7, 365]);
    });

    it("encrypts the alert topic with the observability key", () => {
        const topic = dev.one(TOPIC, "-alerts");
        assert.strictEqual(topic.inputs.kmsMasterKeyId, kitKey(dev).state.arn);
    });

    it("creates a ticket topic beside the alert topic, encrypted with the same key, with its own subscribers and output", () => {
        for (const g of [dev, prod]) {
            const tickets = g.one(TOPIC, "-tickets");
            assert.deepStrictEqual([tickets.inputs.name, tickets.inputs.kmsMasterKeyId], [`${g.run.stack}-tickets`, kitKey(g).state.arn]);
            assert.notStrictEqual(tickets.state.arn, g.one(TOPIC, "-alerts").state.arn);
            assert.strictEqual(g.outputs.ticketTopicArn, tickets.state.arn);
        }
        const ticketArn = chat.one(TOPIC, "-tickets").state.arn;
        const subs = chat.ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === ticketArn);
        assert.deepStrictEqual(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint]), [["email", "tickets@example.com"]]);
        // Slack is for pages: the Chatbot channel does not get tickets.
        assert.deepStrictEqual(chat.one("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").inputs.snsTopicArns, [chat.one(TOPIC, "-alerts").state.arn]);
    });

    it("lets CloudWatch Logs (regional), SNS, CloudWatch alarms and CloudTrail of this account use the key, with rotation", () => {
        const key = kitKey(dev);
        assert.strictEqual(key.inputs.enableKeyRotation, true);
        const statements = json(key.inputs.policy).Statement as { Sid: string; Principal?: { Service?: string }; Condition?: Record<string, Record<string, string>> }[];
        const services = statements.map((s) => s.Principal?.Service).filter(Boolean);
        for (const principal of ["logs.us-east-1.amazonaws.com", "sns.amazonaws.com", "cloudwatch.amazonaws.com", "cloudtrail.amazonaws.com"]) {
            assert.ok(services.includes(principal), `${principal} missing from ${services.join(", ")}`);
        }
        const trail = statements.find((s) => s.Sid === "AllowCloudTrailEncrypt")!;
        assert.strictEqual(trail.Condition!.StringEquals["aws:SourceAccount"], "123456789012");
    });

    it("records every region's management events with log file validation into the KMS key, after the bucket policy exists", () => {
        for (const g of [dev, prod]) {
            const trail = g.one(TRAIL);
            assert.deepStrictEqual(
                [trail.inputs.isMultiRegionTrail, trail.inputs.enableLogFileValidation, trail.inputs.includeGlobalServiceEvents, trail.inputs.kmsKeyId],
                [true, true, true, kitKey(g).state.arn],
            );
            const policy = g.one("aws:s3/bucketPolicy:BucketPolicy", "-trail-policy");
            assert.ok(trail.dependsOn.includes(policy.urn), "the trail must wait for the bucket policy");
            assert.strictEqual(trail.inputs.s3BucketName, g.one("aws:s3/bucket:Bucket", "-trail").state.bucket);
        }
        const categories = (g: Graph) => (g.one(TRAIL).inputs.advancedEventSelectors as { fieldSelectors: { field: string; equals?: string[] }[] }[]).flatMap((s) => s.fieldSelectors.filter((f) => f.field === "eventCategory").flatMap((f) => f.equals));
        assert.deepStrictEqual(categories(dev), ["Management"]);
        assert.deepStrictEqual(categories(prod), ["Management", "Data", "Data"]);
    });

    it("locks the trail bucket down: TLS only, scoped to this trail, no public access, versioned, KMS, owner-enforced, with a lifecycle", () => {
        const policy = json(dev.one("aws:s3/bucketPolicy:BucketPolicy", "-trail-policy").inputs.policy);
        const deny = policy.Statement.find((s: { Effect: string }) => s.Effect === "Deny");
        assert.deepStrictEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        const write = policy.Statement.find((s: { Sid: string }) => s.Sid === "AWSCloudTrailWrite");
        assert.strictEqual(write.Condition.StringEquals["aws:SourceArn"], dev.one(TRAIL).state.arn);
        const pab = dev.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "-trail-public-access").inputs;
        assert.deepStrictEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
        assert.deepStrictEqual(dev.one("aws:s3/bucketVersioning:BucketVersioning", "-trail-versioning").inputs.versioningConfiguration, { status: "Enabled" });
        const sse = (dev.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "-trail-sse").inputs.rules as Record<string, Record<string, string>>[])[0];
        assert.deepStrictEqual(sse.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: kitKey(dev).state.arn });
        assert.deepStrictEqual(dev.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "-trail-ownership").inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
        const rules = dev.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "-trail-lifecycle").inputs.rules as { status: string; expiration: { days: number } }[];
        assert.deepStrictEqual([rules[0].status, rules[0].expiration.days], ["Enabled", 365]);
        assert.strictEqual(dev.one("aws:s3/bucket:Bucket", "-trail").inputs.forceDestroy, false);
    });

    it("protects the key, the trail bucket and the log group in prod only", () => {
        for (const [g, expected] of [[prod, true], [dev, false]] as const) {
            for (const r of [kitKey(g), g.one("aws:s3/bucket:Bucket", "-trail"), g.one(LOG_GROUP, "-trail")]) {
                assert.strictEqual(r.protect, expected, r.name);
            }
            assert.strictEqual(g.one(LOG_GROUP, "-trail").inputs.deletionProtectionEnabled, expected);
        }
    });

    it("alarms on root use and unauthorized API calls from the trail's log group, with alarm and OK actions to the topic", () => {
        const topicArn = dev.one(TOPIC, "-alerts").state.arn;
        const filters = dev.ofType("aws:cloudwatch/logMetricFilter:LogMetricFilter");
        assert.deepStrictEqual(filters.map((f) => (f.inputs.metricTransformation as { name: string }).name).sort(), ["RootAccountUsage", "UnauthorizedApiCalls"]);
        assert.ok(filters.every((f) => f.inputs.logGroupName === "/aws/cloudtrail/dev"));
        const alarms = dev.ofType(ALARM);
        assert.strictEqual(alarms.length, 2);
        for (const a of alarms) {
            assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topicArn], [topicArn]], a.name);
            assert.deepStrictEqual([a.inputs.threshold, a.inputs.comparisonOperator, a.inputs.statistic], [1, "GreaterThanOrEqualToThreshold", "Sum"]);
        }
        const trail = dev.one(TRAIL).inputs;
        assert.strictEqual(trail.cloudWatchLogsGroupArn, `${dev.one(LOG_GROUP, "-trail").state.arn}:*`);
    });

    it("sends the trail to S3 only when trailToCloudWatch is false", () => {
        assert.strictEqual(chat.ofType(LOG_GROUP).filter((l) => l.name.endsWith("-trail")).length, 0);
        assert.strictEqual(chat.ofType(ALARM).length, 0);
        assert.strictEqual(chat.one(TRAIL).inputs.cloudWatchLogsGroupArn, undefined);
    });

    it("subscribes the configured emails and a Chatbot Slack channel, whose role only Chatbot assumes and only reads CloudWatch", () => {
        const topicArn = chat.one(TOPIC, "-alerts").state.arn;
        const subs = chat.ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.topic === topicArn);
        assert.deepStrictEqual(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint, s.inputs.topic]).sort(), [["email", "oncall@example.com", topicArn], ["email", "ops@example.com", topicArn]]);
        const slack = chat.one("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").inputs;
        assert.deepStrictEqual([slack.slackTeamId, slack.slackChannelId, slack.snsTopicArns], ["T0123ABCDE", "C0123ABCDE", [topicArn]]);
        assert.deepStrictEqual(slack.guardrailPolicyArns, ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"]);
        const role = chat.one("aws:iam/role:Role", "-chatbot");
        assert.strictEqual(slack.iamRoleArn, role.state.arn);
        assert.deepStrictEqual(json(role.inputs.assumeRolePolicy).Statement[0].Principal, { Service: "chatbot.amazonaws.com" });
        const actions = json(chat.one("aws:iam/rolePolicy:RolePolicy", "-chatbot").inputs.policy).Statement.flatMap((s: { Action: string[] }) => s.Action);
        assert.ok(actions.every((a: string) => a.startsWith("cloudwatch:")), actions.join(", "));
        assert.strictEqual(dev.ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").length, 0);
        assert.strictEqual(dev.ofType("aws:sns/topicSubscription:TopicSubscription").length, 0);
    });

    it("creates the environment's X-Ray group and sampling rules with names X-Ray accepts", () => {
        const group = dev.one("aws:xray/group:Group").inputs;
        assert.deepStrictEqual([group.groupName, group.filterExpression], ["dev", 'annotation.environment = "dev"']);
        const rules = dev.ofType("aws:xray/samplingRule:SamplingRule");
        assert.deepStrictEqual(rules.map((r) => r.inputs.ruleName).sort(), ["dev-default", "dev-health-checks"]);
        assert.ok(rules.every((r) => String(r.inputs.ruleName).length <= 32));
    });

    it("builds the environment dashboard with the alert topic and security metrics and the alarms' states", () => {
        const body = json(dev.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
        const metrics = body.widgets.filter((w: { type: string }) => w.type === "metric").map((w: { properties: { metrics: string[][] } }) => w.properties.metrics[0][1]);
        assert.deepStrictEqual(metrics, ["NumberOfMessagesPublished", "NumberOfNotificationsFailed", "NumberOfMessagesPublished", "RootAccountUsage", "UnauthorizedApiCalls"]);
        assert.deepStrictEqual(body.widgets.find((w: { type: string }) => w.type === "alarm").properties.alarms.sort(), dev.ofType(ALARM).map((a) => a.state.arn).sort());
    });

    it("exports what the service stacks need, next to the existing outputs", () => {
        const o = dev.outputs;
        assert.strictEqual(o.alertTopicArn, dev.one(TOPIC, "-alerts").state.arn);
        assert.strictEqual(o.observabilityKeyArn, kitKey(dev).state.arn);
        assert.deepStrictEqual([o.trailName, o.environmentDashboardName, o.xrayGroupName], ["dev-trail", "dev-environment", "dev"]);
        assert.ok(Array.isArray(o.alarmOverrides) && (o.alarmOverrides as unknown[]).length === 3);
        assert.ok(typeof o.vpcId === "string" && typeof o.flowLogGroupName === "string", "network outputs must stay");
    });

    it("refuses bad arguments before registering anything, naming each", () => {
        const args = { environment: "dev", region: "us-east-1", logRetentionDays: 10, alertEmails: ["nope"], slack: { workspaceId: "x", channelId: "C0123ABCDE" }, traceSampleRate: 2 };
        assert.throws(() => validateObservabilityKitArgs("dev", args), (e: Error) => {
            for (const name of ["logRetentionDays = 10", 'alertEmails = ["nope"]', 'slack.workspaceId = "x"', "traceSampleRate = 2"]) {
                assert.ok(e.message.includes(name), `${name} not in ${e.message}`);
            }
            return true;
        });
        assert.doesNotThrow(() => validateObservabilityKitArgs("dev", { environment: "dev", region: "us-east-1", logRetentionDays: 7 }));
    });

    it("fails the program with the component's message when constructed with a bad retention", async () => {
        await assert.rejects(runProgram(() => new ObservabilityKit("x", { environment: "x", region: "us-east-1", logRetentionDays: 8 })), /logRetentionDays = 8: expected one of 1, 3, 5/);
    });
});
