import * as assert from "assert";
import * as path from "path";
import { loadEdgeConfig } from "../../stacks/edge/config";
import { Graph, stackConfig } from "../helpers/graph";
import { discoverProjects } from "../../scripts/lib/projects";
import { committedStack } from "../helpers/plans";
const ROOT = path.resolve(__dirname, "../..");
const EDGE_DIR = path.join(ROOT, "edge");
const load = (stack: "dev" | "prod", overrides: Record<string, string>) => {
    const config = stackConfig(EDGE_DIR, stack, overrides);
    return loadEdgeConfig((key) => config[key], stack);
};

describe("edge config", () => {
    it("reads the edge keys of dev and prod (VPC link V2 in both), and the platform stack of the same environment", () => {
        const { servicePrefixes, ...rest } = load("dev", {});
        assert.deepStrictEqual(rest, { environment: "dev", platformStack: "organization/platform/dev", integrationMode: "vpc-link-v2", wafRateLimit: 2000, userPoolTier: "ESSENTIALS" });
        assert.ok(servicePrefixes.length > 0);
        assert.strictEqual(load("prod", {}).userPoolTier, "PLUS");
    });

    for (const env of ["dev", "prod"] as const) {
        it(`${env}: gives every service a proxy route that the ALB sends to it`, () => {
            const prefixes = load(env, {}).servicePrefixes;
            for (const service of discoverProjects(ROOT).filter((p) => p.kind === "service").map((p) => p.name)) {
                const patterns = JSON.parse(stackConfig(path.join(ROOT, "apps", service), env)[`${service}:pathPatterns`]) as string[];
                assert.ok(prefixes.some((prefix) => patterns.some((p) => `/${prefix}/x`.startsWith(p.replace(/\*$/, "")))), `${service} (${patterns.join(", ")}) has no edge route`);
            }
        });
    }

    const BAD: [Record<string, string>, RegExp][] = [
        [{ "edge:apiIntegration": "vpc-link-v3" }, /edge:apiIntegration = "vpc-link-v3".*"vpc-link-v2", "nlb"/],
        [{ "edge:wafRateLimit": "5" }, /edge:wafRateLimit = "5".*from 10/],
        [{ "edge:userPoolTier": "GOLD" }, /edge:userPoolTier = "GOLD"/],
        [{ "edge:apiServicePrefixes": '["/orders"]' }, /edge:apiServicePrefixes.*service prefix "\/orders"/],
        [{ "edge:apiServicePrefixes": '["orders","orders"]' }, /edge:apiServicePrefixes.*duplicate path/],
        [{ "edge:customDomain": "app.example.com" }, /edge:hostedZoneId = "".*a hosted zone to request and DNS-validate the certificate of app\.example\.com/],
        [{ "edge:hostedZoneId": "Z0EXAMPLE0PLACEHOLDER" }, /edge:customDomain = "".*a value too, since edge:hostedZoneId is set/],
        [{ "edge:customDomain": "app.example.com", "edge:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, /edge:certificateArn.*us-east-1/],
    ];
    for (const [set, message] of BAD) {
        it(`refuses ${JSON.stringify(set)} with a message naming the key`, () => {
            assert.throws(() => load("dev", set), message);
        });
    }
});

describe("edge stack, on the platform's outputs", () => {
    const graphs: Record<string, { platform: Graph; edge: Graph }> = {};
    before(async () => {
        for (const stack of ["dev", "prod"] as const) {
            graphs[stack] = { platform: await committedStack(stack, "platform"), edge: await committedStack(stack, "edge") };
        }
    });

    it("wires the SecureApi to the platform's ALB, its security group and the private subnets", () => {
        for (const { platform: p, edge: g } of Object.values(graphs)) {
            const alb = p.one("aws:lb/loadBalancer:LoadBalancer", "-alb");
            const integrations = g.ofType("aws:apigateway/integration:Integration");
            assert.ok(integrations.length > 0 && integrations.every((i) => i.inputs.integrationTarget === alb.state.arn));
            const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find((r) => r.name.endsWith("-alb-from-vpc-link"))!;
            assert.strictEqual(p.referenced(ingress.inputs.securityGroupId)!.name, (alb.inputs.securityGroups as string[]).map((id) => p.referenced(id)!.name)[0]);
            const link = g.one("aws:apigatewayv2/vpcLink:VpcLink");
            const subnets = (link.inputs.subnetIds as string[]).map((id) => p.referenced(id)!);
            assert.ok(subnets.length >= 2 && subnets.every((s) => s.name.includes("private")));
        }
    });

    it("leaves the platform without any edge resource, and without the edge's outputs", () => {
        for (const { platform: p } of Object.values(graphs)) {
            assert.deepStrictEqual(p.resources.filter((r) => /^aws:(apigateway|cloudfront|cognito|wafv2)/.test(r.type)).map((r) => r.name), []);
            assert.strictEqual(p.outputs.apiUrl, undefined);
        }
    });

    it("tags its resources with the platform's tags under its own project name, in the platform's region", () => {
        for (const { platform: p, edge: g } of Object.values(graphs)) {
            const provider = g.one("pulumi:providers:aws");
            assert.deepStrictEqual(JSON.parse(String(provider.inputs.defaultTags)).tags, { ...(p.outputs.tags as Record<string, string>), project: "edge" });
            assert.strictEqual(provider.inputs.region, p.outputs.region);
        }
    });

    it("exports the edge outputs", () => {
        for (const { edge: g } of Object.values(graphs)) {
            for (const key of ["apiUrl", "apiId", "apiStage", "userPoolId", "userPoolClientId", "webBucketName", "distributionId"]) {
                assert.ok(g.outputs[key], key);
            }
        }
        // Dev on the distribution's own name; prod on its (required) custom domain.
        assert.match(String(graphs.dev.edge.outputs.apiUrl), /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
        assert.strictEqual(graphs.prod.edge.outputs.apiUrl, "https://app.prod.example.com");
    });

    it("protects the user pool and buckets in prod, not in dev", () => {
        assert.ok(graphs.prod.edge.one("aws:cognito/userPool:UserPool").protect);
        assert.ok(!graphs.dev.edge.one("aws:cognito/userPool:UserPool").protect);
    });
});
