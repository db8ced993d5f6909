import * as assert from "assert";
import * as path from "path";
import { ConfigError } from "../../stacks/config/reader";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { edgeProgram } from "../../stacks/edge/program";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { committedPlan } from "../helpers/plans";
import { runProgram, stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");
const EDGE_DIR = path.join(ROOT, "edge");

/** Each distinct "protocol:port health protocol" of target groups. */
const targetGroupShapes = (groups: PlannedResource[]) => [...new Set(groups.map((g) => `${g.inputs.protocol}:${g.inputs.port} health ${(g.inputs.healthCheck as { protocol: string }).protocol}`))];
/** The security-group rules between the ALB and the tasks: each service's own pair and the network's tier pair. */
const albToTaskRules = (all: PlannedResource[]) => all.filter((r) => /(-from-alb|-alb-to-tasks|app-from-loadBalancer-|loadBalancer-to-app-)/.test(r.name));

/** The ConfigError lines of the prod platform config with `overrides`; fails if it loads. */
function prodPlatformProblems(overrides: Record<string, string>): string[] {
    const config = stackConfig(ROOT, "prod", overrides);
    try {
        loadPlatformConfig((key) => config[key], "prod");
    } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return e.message.split("\n").slice(1);
    }
    return assert.fail(`prod accepted ${JSON.stringify(overrides)}`);
}

describe("production config: what prod refuses to plan without", function () {
    // The edge case needs the prod plan (shared with other suites, computed once).
    this.timeout(60_000);
    it("a domain for the ALB's certificate, naming platform:albHostName", () => {
        assert.deepStrictEqual(prodPlatformProblems({ "platform:albHostName": "", "platform:hostedZoneId": "" }).map((l) => l.split(" = ")[0].trim()), ["- platform:albHostName"]);
        assert.match(prodPlatformProblems({ "platform:hostedZoneId": "" }).join("\n"), /platform:hostedZoneId = "": expected a hosted zone to DNS-validate a certificate for alb\.prod\.example\.com in/);
    });

    it("an alert destination, naming platform:alertEmails (Slack counts as one)", () => {
        assert.match(prodPlatformProblems({ "platform:alertEmails": "[]" }).join("\n"), /platform:alertEmails = "\[\]": expected at least one address .*in production every alarm must reach someone/);
        const config = stackConfig(ROOT, "prod", { "platform:alertEmails": "[]", "platform:slackWorkspaceId": "T0123ABCDE", "platform:slackChannelId": "C0123ABCDE" });
        assert.doesNotThrow(() => loadPlatformConfig((key) => config[key], "prod"));
    });

    it("dev may go without both", () => {
        const config = stackConfig(ROOT, "dev");
        const dev = loadPlatformConfig((key) => config[key], "dev");
        assert.deepStrictEqual([dev.mesh.albHostName, dev.observability.alertEmails], ["", []]);
    });

    it("a viewer domain for the edge, naming edge:customDomain (the edge program follows the platform's production flag)", async () => {
        const platform = (await committedPlan("prod")).stacks.find((s) => s.project === "platform")!;
        const run = () => runProgram(() => edgeProgram(), {
            project: "edge", stack: "prod", config: stackConfig(EDGE_DIR, "prod", { "edge:customDomain": "", "edge:hostedZoneId": "" }), stackOutputs: { "organization/platform/prod": platform.outputs },
        });
        await assert.rejects(run(), /edge:customDomain = "": expected a DNS name such as app\.example\.com .*production serves viewers TLS 1\.2\+ only/s);
    });
});

describe("production plan: TLS on every hop, no shared cache password, the audit log audited", function () {
    this.timeout(60_000);
    let all: PlannedResource[];
    const one = (type: string, nameSuffix = ""): PlannedResource => {
        const found = all.filter((r) => r.type === type && r.name.endsWith(nameSuffix));
        assert.strictEqual(found.length, 1, `${type} *${nameSuffix}: ${found.map((r) => r.name).join(", ")}`);
        return found[0];
    };
    before(async () => {
        all = (await committedPlan("prod")).stacks.flatMap((s) => s.resources);
    });

    it("viewer: the custom domain with its us-east-1 certificate and TLSv1.2_2021, HTTPS only, alias records in the zone", () => {
        const cdn = one("aws:cloudfront/distribution:Distribution").inputs as Record<string, any>;
        assert.deepStrictEqual(cdn.aliases, ["app.prod.example.com"]);
        assert.deepStrictEqual([cdn.viewerCertificate.minimumProtocolVersion, cdn.viewerCertificate.sslSupportMethod, cdn.viewerCertificate.cloudfrontDefaultCertificate], ["TLSv1.2_2021", "sni-only", undefined]);
        const cert = one("aws:acm/certificate:Certificate", "prod-cert").inputs;
        assert.deepStrictEqual([cert.domainName, cert.region, cdn.viewerCertificate.acmCertificateArn], ["app.prod.example.com", "us-east-1", one("aws:acm/certificate:Certificate", "prod-cert").state.arn]);
        const behaviours = [cdn.defaultCacheBehavior, ...cdn.orderedCacheBehaviors].map((b: { viewerProtocolPolicy: string }) => b.viewerProtocolPolicy);
        assert.ok(behaviours.every((p) => p === "https-only" || p === "redirect-to-https"), behaviours.join());
        assert.deepStrictEqual(all.filter((r) => r.type === "aws:route53/record:Record" && r.name.startsWith("prod-alias-")).map((r) => [r.inputs.name, r.inputs.zoneId]), [["app.prod.example.com", "Z0EXAMPLE0PLACEHOLDER"], ["app.prod.example.com", "Z0EXAMPLE0PLACEHOLDER"]]);
    });

    it("CloudFront -> API: TLS 1.2 to the origin, and the execute-api endpoint refuses anything below TLS 1.2", () => {
        const cdn = one("aws:cloudfront/distribution:Distribution").inputs as Record<string, any>;
        const api = cdn.origins.find((o: { originId: string }) => o.originId === "api");
        assert.deepStrictEqual([api.customOriginConfig.originProtocolPolicy, api.customOriginConfig.originSslProtocols], ["https-only", ["TLSv1.2"]]);
        const rest = one("aws:apigateway/restApi:RestApi").inputs;
        assert.deepStrictEqual([rest.securityPolicy, rest.endpointAccessMode], ["SecurityPolicy_TLS13_1_2_2021_06", "STRICT"]);
    });

    it("API -> ALB: every integration calls https://<the certificate's name>:443, the only listener is HTTPS 443 with a TLS 1.2+ policy and the certificate for that name", () => {
        const listeners = all.filter((r) => r.type === "aws:lb/listener:Listener");
        assert.deepStrictEqual(listeners.map((l) => [l.inputs.port, l.inputs.protocol, l.inputs.sslPolicy]), [[443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"]]);
        const albCert = one("aws:acm/certificate:Certificate", "prod-alb-cert");
        assert.deepStrictEqual([albCert.inputs.domainName, albCert.inputs.region, listeners[0].inputs.certificateArn], ["alb.prod.example.com", undefined, albCert.state.arn]);
        const uris = all.filter((r) => r.type === "aws:apigateway/integration:Integration").map((i) => String(i.inputs.uri));
        assert.ok(uris.length > 0);
        assert.deepStrictEqual(uris.filter((u) => !u.startsWith("https://alb.prod.example.com:443/")), []);
        // The link's security group reaches the ALB on 443 only, and the ALB admits it on 443 only.
        const edgeRules = all.filter((r) => (r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" || r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule") && /vpc-link/.test(r.name));
        assert.ok(edgeRules.length >= 2);
        assert.deepStrictEqual([...new Set(edgeRules.map((r) => `${r.inputs.fromPort}-${r.inputs.toPort}`))], ["443-443"]);
    });

    it("ALB -> task: both target groups of each service are HTTPS on the app's TLS port with HTTPS health checks, the task serves TLS there, and the ALB is admitted there instead of 8080", () => {
        const groups = all.filter((r) => r.type === "aws:lb/targetGroup:TargetGroup");
        const services = all.filter((r) => r.type === "aws:ecs/service:Service");
        // Primary and alternate (canary/blue-green) for every service.
        assert.strictEqual(groups.length, 2 * services.length);
        assert.deepStrictEqual(targetGroupShapes(groups), ["HTTPS:8081 health HTTPS"]);
        assert.deepStrictEqual([...new Set(services.map((s) => (s.inputs.loadBalancers as { containerPort: number }[])[0].containerPort))], [8081]);
        for (const task of all.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")) {
            const app = (JSON.parse(String(task.inputs.containerDefinitions)) as { name: string; portMappings: { name: string; containerPort: number }[]; environment: { name: string; value: string }[] }[]).find((c) => c.name === "app")!;
            // 8080 stays: Service Connect's proxy reaches the app on its named port inside the task.
            assert.deepStrictEqual(app.portMappings.map((m) => [m.name, m.containerPort]), [["http", 8080], ["https", 8081]]);
            assert.strictEqual(app.environment.find((e) => e.name === "TLS_PORT")?.value, "8081");
        }
        const albRules = albToTaskRules(all);
        assert.strictEqual(albRules.length, 2 * services.length + 2);
        assert.deepStrictEqual([...new Set(albRules.map((r) => `${r.inputs.fromPort}-${r.inputs.toPort}`))], ["8081-8081"]);
    });

    it("the cache has no static password: no AUTH token, no secret, an IAM user in the group it authenticates through", () => {
        const caches = all.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup");
        assert.ok(caches.length > 0);
        for (const cache of caches) {
            assert.deepStrictEqual([cache.inputs.authToken, cache.inputs.transitEncryptionMode], [undefined, "required"]);
            const group = all.find((r) => r.type === "aws:elasticache/userGroup:UserGroup" && r.state.userGroupId === (cache.inputs.userGroupIds as string[])[0])!;
            const users = all.filter((r) => r.type === "aws:elasticache/user:User" && (group.inputs.userIds as string[]).includes(String(r.inputs.userId)));
            assert.deepStrictEqual(users.map((u) => [u.inputs.userName === "default" ? "default" : "app", (u.inputs.authenticationMode as { type: string }).type, String(u.inputs.accessString).split(" ")[0]]).sort(),
                [["app", "iam", "on"], ["default", "no-password-required", "off"]]);
        }
        assert.deepStrictEqual(all.filter((r) => r.type === "aws:secretsmanager/secret:Secret" || r.type === "random:index/randomPassword:RandomPassword").map((r) => r.name), ["prod-origin-secret"]);
    });

    it("the trail bucket logs its accesses into a bucket of its own that only S3's logging service may write, for this bucket and account", () => {
        const trail = one("aws:cloudtrail/trail:Trail");
        const logging = one("aws:s3/bucketLogging:BucketLogging");
        const target = one("aws:s3/bucket:Bucket", "trail-access-logs");
        assert.deepStrictEqual([logging.inputs.bucket, logging.inputs.targetBucket], [trail.inputs.s3BucketName, target.state.bucket]);
        const policy = JSON.parse(String(one("aws:s3/bucketPolicy:BucketPolicy", "trail-access-logs-policy").inputs.policy)) as { Statement: Record<string, any>[] };
        const allow = policy.Statement.find((s) => s.Effect === "Allow")!;
        assert.deepStrictEqual([allow.Principal, allow.Action, allow.Condition.ArnLike["aws:SourceArn"], allow.Condition.StringEquals["aws:SourceAccount"]],
            [{ Service: "logging.s3.amazonaws.com" }, "s3:PutObject", `arn:aws:s3:::${String(trail.inputs.s3BucketName)}`, "123456789012"]);
        assert.strictEqual(one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "trail-access-logs-ownership").inputs.rule && (one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "trail-access-logs-ownership").inputs.rule as { objectOwnership: string }).objectOwnership, "BucketOwnerEnforced");
        // Its deliveries are not recorded by the trail again (no loop).
        const selectors = trail.inputs.advancedEventSelectors as { fieldSelectors: { field: string; notStartsWiths?: string[] }[] }[];
        const excluded = selectors.flatMap((s) => s.fieldSelectors).find((f) => f.field === "resources.ARN")?.notStartsWiths ?? [];
        assert.ok(excluded.includes(`arn:aws:s3:::${String(target.state.bucket)}/`), excluded.join());
    });

    it("someone is told: the alert topic has the configured email subscriber", () => {
        const sub = one("aws:sns/topicSubscription:TopicSubscription");
        assert.deepStrictEqual([sub.inputs.protocol, sub.inputs.endpoint], ["email", "ops-alerts@example.com"]);
    });

    it("every stage has the stage-wide */* baseline: ERROR logs and metrics", () => {
        const baseline = all.filter((r) => r.type === "aws:apigateway/methodSettings:MethodSettings" && r.inputs.methodPath === "*/*");
        assert.deepStrictEqual(baseline.map((b) => [(b.inputs.settings as Record<string, unknown>).loggingLevel, (b.inputs.settings as Record<string, unknown>).metricsEnabled]), [["ERROR", true]]);
    });
});

describe("dev plan: the ALB -> task hop stays plain HTTP on 8080", function () {
    this.timeout(60_000);
    it("target groups HTTP:8080 with HTTP health checks, no TLS port in the task, the ALB admitted on 8080", async () => {
        const all = (await committedPlan("dev")).stacks.flatMap((s) => s.resources);
        const groups = all.filter((r) => r.type === "aws:lb/targetGroup:TargetGroup");
        assert.ok(groups.length > 0);
        assert.deepStrictEqual(targetGroupShapes(groups), ["HTTP:8080 health HTTP"]);
        for (const task of all.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")) {
            const app = (JSON.parse(String(task.inputs.containerDefinitions)) as { name: string; portMappings: { name: string }[]; environment: { name: string }[] }[]).find((c) => c.name === "app")!;
            assert.deepStrictEqual([app.portMappings.map((m) => m.name), app.environment.some((e) => e.name === "TLS_PORT")], [["http"], false]);
        }
        const albRules = albToTaskRules(all);
        assert.ok(albRules.length > 2);
        assert.deepStrictEqual([...new Set(albRules.map((r) => `${r.inputs.fromPort}-${r.inputs.toPort}`))], ["8080-8080"]);
    });
});
