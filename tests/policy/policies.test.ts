import * as assert from "assert";
import { Policies } from "@pulumi/policy";
import { ALL_POLICIES } from "../../policy/policies";
import { PROTECTED_STACKS_SCHEMA, stackOfUrn } from "../../policy/policies/common";
import { edgeAlarmsPresent } from "../../policy/policies/production";
import { runPolicies } from "../../scripts/lib/policy-runner";
import { Case, POLICY_CASES, res } from "./fixtures";

/** The pack's policies and their levels: removing one, or weakening mandatory to advisory, fails here. */
const EXPECTED_LEVELS: Record<string, "mandatory" | "advisory"> = {
    "kms-key-rotation": "mandatory",
    "log-group-encrypted-cmk": "mandatory",
    "sns-topic-encrypted": "mandatory",
    "s3-encryption-at-rest": "mandatory",
    "s3-encryption-cmk": "advisory",
    "data-stores-encrypted-cmk": "mandatory",
    "secret-encrypted-cmk": "advisory",
    "encryption-in-transit": "mandatory",
    "alb-access-logs": "mandatory",
    "cloudfront-access-logs": "mandatory",
    "api-stage-logging": "mandatory",
    "data-service-logging": "mandatory",
    "waf-and-vpc-logging": "mandatory",
    "security-group-no-internet-ingress": "mandatory",
    "default-security-group-closed": "mandatory",
    "no-public-addresses": "mandatory",
    "lambda-permission-not-public": "mandatory",
    "s3-block-public-access": "mandatory",
    "s3-bucket-baseline": "mandatory",
    "iam-no-wildcard-actions": "mandatory",
    "iam-no-admin-policies": "mandatory",
    "iam-aws-managed-policies": "advisory",
    "cognito-user-pool-hardened": "mandatory",
    "stateful-resources-protected": "mandatory",
    "backups-and-recovery": "mandatory",
    "lambda-supported-runtime": "mandatory",
    "ecr-repository-hardened": "mandatory",
    "ecs-containers-hardened": "mandatory",
    "ecs-containers-read-only-root": "mandatory",
    "edge-alarms-present": "mandatory",
    "cloudfront-tls": "mandatory",
    "cloudfront-custom-certificate": "advisory",
    "cloudfront-waf-and-private-origins": "mandatory",
    "regional-tls-1-2": "mandatory",
    "alb-listener-https": "advisory",
    "api-stage-waf": "mandatory",
    "production-viewer-tls": "mandatory",
    "production-alb-https": "mandatory",
    "production-target-groups-https": "mandatory",
    "production-no-static-secrets": "mandatory",
    "audit-bucket-access-logging": "mandatory",
};

const only = (name: string): Policies => ALL_POLICIES.filter((p) => p.name === name);
const asList = (c: Case) => (Array.isArray(c) ? c : [c]);
const label = (c: Case) => asList(c).map((r) => `${r.type.split(":").pop()} ${JSON.stringify(r.inputs).slice(0, 120)}`).join(" + ");

describe("policy pack: the set of policies", () => {
    it("has exactly the expected policies, each at its expected enforcement level", () => {
        assert.deepStrictEqual(Object.fromEntries(ALL_POLICIES.map((p) => [p.name, p.enforcementLevel])), EXPECTED_LEVELS);
    });

    it("names each policy once and describes it with the bar it implements", () => {
        const names = ALL_POLICIES.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length);
        for (const p of ALL_POLICIES) {
            assert.ok(p.description.length > 20 && (p.tags ?? []).length > 0, `${p.name} needs a description and its FSBP/cdk-nag tags`);
        }
    });

    it("has a compliant and a non-compliant case for every policy", () => {
        for (const p of ALL_POLICIES) {
            const cases = POLICY_CASES[p.name];
            assert.ok(cases && cases.compliant.length > 0 && cases.nonCompliant.length > 0, `no cases for ${p.name}`);
        }
        assert.deepStrictEqual(Object.keys(POLICY_CASES).sort(), ALL_POLICIES.map((p) => p.name).sort());
    });
});

for (const [name, cases] of Object.entries(POLICY_CASES)) {
    describe(`policy ${name}`, () => {
        cases.compliant.forEach((c) => {
            it(`passes ${label(c)}`, async () => {
                const findings = await runPolicies(asList(c), only(name));
                assert.deepStrictEqual(findings.map((f) => f.message), []);
            });
        });
        cases.nonCompliant.forEach((c) => {
            it(`reports ${label(c)}`, async () => {
                const findings = await runPolicies(asList(c), only(name));
                assert.ok(findings.length > 0, "expected a violation");
                assert.ok(findings.every((f) => f.policy === name && f.enforcementLevel === EXPECTED_LEVELS[name] && f.urn !== ""));
            });
        });
    });
}

describe("policy runner", () => {
    const unprotectedTable = res("aws:dynamodb/table:Table", { name: "t", pointInTimeRecovery: { enabled: true }, serverSideEncryption: { enabled: true, kmsKeyArn: "k" } }, { stack: "staging" });

    it("reads the stack from the URN, so protection is required only in the configured stacks", async () => {
        assert.strictEqual(stackOfUrn(unprotectedTable.urn), "staging");
        assert.deepStrictEqual(await runPolicies([unprotectedTable], only("stateful-resources-protected")), []);
        const findings = await runPolicies([unprotectedTable], only("stateful-resources-protected"), { "stateful-resources-protected": { protectedStacks: ["staging", "prod"] } });
        assert.strictEqual(findings.length, 2);
        assert.deepStrictEqual(PROTECTED_STACKS_SCHEMA.properties.protectedStacks.default, ["prod"]);
    });

    it("applies the pack config's enforcement level: disabled skips, advisory downgrades", async () => {
        const open = res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", { cidrIpv4: "0.0.0.0/0", fromPort: 22 });
        const policy = only("security-group-no-internet-ingress");
        assert.deepStrictEqual(await runPolicies([open], policy, { "security-group-no-internet-ingress": { enforcementLevel: "disabled" } }), []);
        const [f] = await runPolicies([open], policy, { "security-group-no-internet-ingress": { enforcementLevel: "advisory" } });
        assert.strictEqual(f.enforcementLevel, "advisory");
    });

    it("skips component resources and lists mandatory findings first", async () => {
        const component = { ...res("platform:data:DataTier", {}), custom: false };
        const findings = await runPolicies([component, res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", { rules: [] })], ALL_POLICIES);
        assert.deepStrictEqual(findings.map((f) => f.policy), ["s3-encryption-at-rest"]);
        const mixed = await runPolicies([res("aws:lb/listener:Listener", { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-2016-08" }), res("aws:lb/listener:Listener", { protocol: "HTTP", port: 80 }, { name: "http", stack: "dev" })], ALL_POLICIES);
        assert.deepStrictEqual(mixed.map((f) => f.enforcementLevel), ["mandatory", "advisory"]);
    });

    it("fails loudly when a policy throws, naming the policy", async () => {
        const broken: Policies = [{ name: "broken", description: "throws", enforcementLevel: "mandatory", validateResource: () => { throw new Error("boom"); } }];
        await assert.rejects(runPolicies([res("aws:s3/bucket:Bucket", {})], broken), /policy broken failed on .*boom/);
    });
});

/** In the pack since the edge creates its alarms (EdgeObservability); its finer cases. */
describe("policy edge-alarms-present", () => {
    const api = res("aws:apigateway/restApi:RestApi", { name: "prod-api" }, { name: "prod-api" });
    const stage = res("aws:apigateway/stage:Stage", { stageName: "v1" }, { name: "prod-stage", dependsOn: [api.urn] });
    const cdn = res("aws:cloudfront/distribution:Distribution", {}, { name: "prod-cdn" });
    const alarm = (name: string, props: Record<string, unknown>, dependsOn: string[] = []) =>
        res("aws:cloudwatch/metricAlarm:MetricAlarm", { alarmActions: ["arn:aws:sns:us-east-1:123456789012:prod-alerts"], ...props }, { name, dependsOn });
    const stageAlarm = alarm("api-5xx", { namespace: "AWS/ApiGateway", dimensions: { ApiName: "prod-api", Stage: "v1" } });
    const cdnAlarm = alarm("cdn-5xx", { namespace: "AWS/CloudFront", dimensions: { DistributionId: "E1", Region: "Global" } }, [cdn.urn]);

    it("is in the pack: the edge stack creates the alarms it asks for", () => {
        assert.ok(ALL_POLICIES.some((p) => p.name === edgeAlarmsPresent.name));
    });

    it("passes a stage and a distribution each watched by an alarm with actions", async () => {
        assert.deepStrictEqual(await runPolicies([api, stage, cdn, stageAlarm, cdnAlarm], [edgeAlarmsPresent]), []);
        const viaQuery = alarm("api-5xx-rate", { metricQueries: [{ id: "e", metric: { namespace: "AWS/ApiGateway", metricName: "5XXError", dimensions: { ApiName: "prod-api", Stage: "v1" } } }] });
        assert.deepStrictEqual(await runPolicies([api, stage, viaQuery], [edgeAlarmsPresent]), []);
    });

    it("reports a stage or distribution without one, and alarms that notify nobody or watch another stage", async () => {
        const names = async (resources: ReturnType<typeof res>[]) => (await runPolicies(resources, [edgeAlarmsPresent])).map((f) => f.name);
        assert.deepStrictEqual(await names([api, stage, cdn]), ["prod-stage", "prod-cdn"]);
        const silent = res("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: "AWS/ApiGateway", dimensions: { ApiName: "prod-api", Stage: "v1" } }, { name: "silent" });
        assert.deepStrictEqual(await names([api, stage, silent]), ["prod-stage"]);
        assert.deepStrictEqual(await names([api, stage, alarm("other", { namespace: "AWS/ApiGateway", dimensions: { ApiName: "prod-api", Stage: "v2" } })]), ["prod-stage"]);
    });
});
