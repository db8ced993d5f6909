import * as assert from "assert";
import { serviceTrustPolicy } from "../../components/iam/policy";
import { chatbotNotificationPolicy, trailToLogsPolicy } from "../../components/observability/role-policies";
import { MAX_SAMPLING_RULE_NAME, samplingRules } from "../../components/observability/sampling-rules";
import { trailBucketPolicy } from "../../components/observability/trail-bucket-policy";
import { trailEventSelectors } from "../../components/observability/trail-selectors";

const ctx = { bucketArn: "arn:aws:s3:::trail-bucket", trailArn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/dev-trail", accountId: "123456789012" };

describe("observability policies", () => {
    const policy = trailBucketPolicy(ctx);
    const sid = (s: string) => policy.Statement.find((x) => x.Sid === s)!;

    it("denies every S3 request to the trail bucket that does not use TLS", () => {
        const deny = sid("DenyInsecureTransport");
        assert.deepStrictEqual(
            { effect: deny.Effect, principal: deny.Principal, action: deny.Action, resource: deny.Resource, condition: deny.Condition },
            { effect: "Deny", principal: "*", action: "s3:*", resource: ["arn:aws:s3:::trail-bucket", "arn:aws:s3:::trail-bucket/*"], condition: { Bool: { "aws:SecureTransport": "false" } } },
        );
    });

    it("lets only this trail check the ACL and write, and only under AWSLogs/<account>/", () => {
        assert.deepStrictEqual(sid("AWSCloudTrailAclCheck").Condition, { StringEquals: { "aws:SourceArn": ctx.trailArn } });
        const write = sid("AWSCloudTrailWrite");
        assert.strictEqual(write.Resource, "arn:aws:s3:::trail-bucket/AWSLogs/123456789012/*");
        assert.deepStrictEqual(write.Condition, { StringEquals: { "aws:SourceArn": ctx.trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } });
        assert.deepStrictEqual(write.Principal, { Service: "cloudtrail.amazonaws.com" });
    });

    it("gives Chatbot read-only CloudWatch actions and nothing outside CloudWatch", () => {
        const actions = chatbotNotificationPolicy().Statement.flatMap((s) => s.Action);
        assert.ok(actions.every((a) => /^cloudwatch:(Describe|Get|List)\*$/.test(a)), actions.join(", "));
    });

    it("writes trust policies without a Resource element, which IAM refuses in them", () => {
        const trust = serviceTrustPolicy("chatbot.amazonaws.com");
        assert.deepStrictEqual(trust.Statement[0].Principal, { Service: "chatbot.amazonaws.com" });
        assert.ok(!("Resource" in trust.Statement[0]));
    });

    it("lets CloudTrail write only to the streams of its own log group", () => {
        const [s] = trailToLogsPolicy("arn:aws:logs:us-east-1:1:log-group:/aws/cloudtrail/dev").Statement;
        assert.deepStrictEqual([s.Action, s.Resource], [["logs:CreateLogStream", "logs:PutLogEvents"], "arn:aws:logs:us-east-1:1:log-group:/aws/cloudtrail/dev:log-stream:*"]);
    });

    it("records management events always and data events only when asked, never the trail bucket's own objects", () => {
        assert.deepStrictEqual(trailEventSelectors(false, ctx.bucketArn).map((s) => s.name), ["Management events"]);
        const withData = trailEventSelectors(true, ctx.bucketArn);
        assert.strictEqual(withData.length, 3);
        const s3 = withData.find((s) => s.name === "S3 object events")!;
        assert.deepStrictEqual(s3.fieldSelectors.find((f) => f.field === "resources.ARN")!.notStartsWiths, ["arn:aws:s3:::trail-bucket/"]);
    });

    it("names sampling rules within X-Ray's 32 characters and never traces health checks", () => {
        const rules = samplingRules("prod", 0.05, "*");
        assert.ok(rules.every((r) => r.ruleName.length <= MAX_SAMPLING_RULE_NAME));
        const health = rules.find((r) => r.key === "health")!;
        assert.deepStrictEqual([health.fixedRate, health.reservoirSize], [0, 0]);
        assert.ok(health.priority < rules.find((r) => r.key === "default")!.priority);
    });
});
