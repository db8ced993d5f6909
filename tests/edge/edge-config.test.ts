import * as assert from "assert";
import * as path from "path";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { platformProgram } from "../../stacks/platform/program";
import { Graph, runProgram, stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");
const load = (stack: "dev" | "prod", overrides: Record<string, string>) => {
    const config = stackConfig(ROOT, stack, overrides);
    return loadPlatformConfig((key) => config[key], stack);
};

describe("platform edge config", () => {
    it("reads the edge keys of dev and prod (VPC link V2 in both)", () => {
        assert.deepStrictEqual(load("dev", {}).edge, { integrationMode: "vpc-link-v2", servicePrefixes: [], wafRateLimit: 2000, userPoolTier: "ESSENTIALS" });
        assert.strictEqual(load("prod", {}).edge.userPoolTier, "PLUS");
    });

    const BAD: [Record<string, string>, RegExp][] = [
        [{ "platform:apiIntegration": "vpc-link-v3" }, /platform:apiIntegration = "vpc-link-v3".*"vpc-link-v2", "nlb"/],
        [{ "platform:wafRateLimit": "5" }, /platform:wafRateLimit = "5".*from 10/],
        [{ "platform:userPoolTier": "GOLD" }, /platform:userPoolTier = "GOLD"/],
        [{ "platform:apiServicePrefixes": '["/orders"]' }, /platform:apiServicePrefixes.*service prefix "\/orders"/],
        [{ "platform:apiServicePrefixes": '["orders","orders"]' }, /platform:apiServicePrefixes.*duplicate path/],
        [{ "platform:customDomain": "app.example.com" }, /platform:certificateArn = "".*a value too, since platform:customDomain is set/],
        [{ "platform:customDomain": "app.example.com", "platform:certificateArn": "arn:aws:acm:eu-west-1:123456789012:certificate/abc" }, /platform:certificateArn.*us-east-1/],
    ];
    for (const [set, message] of BAD) {
        it(`refuses ${JSON.stringify(set)} with a message naming the key`, () => {
            assert.throws(() => load("dev", set), message);
        });
    }
});

describe("platform stack with the edge", () => {
    const graphs: Record<string, Graph> = {};
    before(async () => {
        for (const stack of ["dev", "prod"] as const) {
            graphs[stack] = await runProgram(() => platformProgram(), { project: "platform", stack, config: stackConfig(ROOT, stack) });
        }
    });

    it("wires the SecureApi to the mesh's ALB, its security group and the private subnets", () => {
        for (const g of Object.values(graphs)) {
            const alb = g.one("aws:lb/loadBalancer:LoadBalancer", "-alb");
            const integrations = g.ofType("aws:apigateway/integration:Integration");
            assert.ok(integrations.length > 0 && integrations.every((i) => i.inputs.integrationTarget === alb.state.arn));
            const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find((r) => r.name.endsWith("-alb-from-vpc-link"))!;
            assert.strictEqual(g.referenced(ingress.inputs.securityGroupId)!.name, (alb.inputs.securityGroups as string[]).map((id) => g.referenced(id)!.name)[0]);
            const link = g.one("aws:apigatewayv2/vpcLink:VpcLink");
            const subnets = (link.inputs.subnetIds as string[]).map((id) => g.referenced(id)!);
            assert.ok(subnets.length >= 2 && subnets.every((s) => s.name.includes("private")));
        }
    });

    it("exports the edge outputs", () => {
        for (const g of Object.values(graphs)) {
            for (const key of ["apiUrl", "apiId", "apiStage", "userPoolId", "userPoolClientId", "webBucketName", "distributionId"]) {
                assert.ok(g.outputs[key], key);
            }
            assert.match(String(g.outputs.apiUrl), /^https:\/\/d[0-9a-f]+\.cloudfront\.net$/);
        }
    });

    it("protects the user pool and buckets in prod, not in dev", () => {
        assert.ok(graphs.prod.one("aws:cognito/userPool:UserPool").protect);
        assert.ok(!graphs.dev.one("aws:cognito/userPool:UserPool").protect);
    });
});
