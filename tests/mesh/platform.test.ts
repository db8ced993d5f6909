import * as assert from "assert";
import { ServiceMeshPlatform, ServiceMeshPlatformArgs } from "../../components/mesh/platform";
import { Graph, runProgram } from "../helpers/graph";

const base: ServiceMeshPlatformArgs = { vpcId: "vpc-1", privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"], loadBalancerSecurityGroupId: "sg-lb" };

function run(args: ServiceMeshPlatformArgs): Promise<Graph> {
    return runProgram(() => {
        const p = new ServiceMeshPlatform("env", args);
        return { privateCaArn: p.privateCaArn, tlsRole: p.serviceConnectTlsRoleArn, listener: p.albListenerArn, suffix: p.albArnSuffix };
    });
}

describe("ServiceMeshPlatform (prod-like)", () => {
    let g: Graph;
    before(async () => {
        g = await run({ ...base, protect: true });
    });

    it("cluster: container insights on, default to the namespace, FARGATE and FARGATE_SPOT providers", () => {
        const cluster = g.one("aws:ecs/cluster:Cluster").inputs as Record<string, any>;
        assert.deepStrictEqual(cluster.settings, [{ name: "containerInsights", value: "enhanced" }]);
        assert.strictEqual(g.referenced(cluster.serviceConnectDefaults.namespace)?.type, "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace");
        const cp = g.one("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").inputs as Record<string, any>;
        assert.deepStrictEqual(cp.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
        assert.deepStrictEqual(cp.defaultCapacityProviderStrategies.map((s: any) => s.capacityProvider), ["FARGATE"]);
    });

    it("TLS: a protected root CA in short-lived mode, self-signed and activated, with ECS's TLS role", () => {
        const ca = g.one("aws:acmpca/certificateAuthority:CertificateAuthority");
        assert.strictEqual(ca.inputs.type, "ROOT");
        assert.strictEqual(ca.inputs.usageMode, "SHORT_LIVED_CERTIFICATE");
        assert.ok(ca.protect);
        assert.match(String(g.one("aws:acmpca/certificate:Certificate").inputs.templateArn), /template\/RootCACertificate\/V1$/);
        assert.strictEqual(g.one("aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate").inputs.certificateAuthorityArn, ca.state.arn);
        assert.strictEqual(g.outputs.privateCaArn, ca.state.arn);
        const attachment = g.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
        assert.match(String(attachment.inputs.policyArn), /service-role\/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity$/);
    });

    it("ALB: internal, in the private subnets, LB tier group, invalid headers dropped, deletion protection, access logs", () => {
        const alb = g.one("aws:lb/loadBalancer:LoadBalancer").inputs as Record<string, any>;
        assert.strictEqual(alb.internal, true);
        assert.deepStrictEqual(alb.subnets, base.privateSubnetIds);
        assert.deepStrictEqual(alb.securityGroups, ["sg-lb"]);
        assert.strictEqual(alb.dropInvalidHeaderFields, true);
        assert.strictEqual(alb.enableDeletionProtection, true);
        assert.strictEqual(alb.accessLogs.enabled, true);
        assert.strictEqual(alb.accessLogs.bucket, g.one("aws:s3/bucket:Bucket").id);
    });

    it("listener: HTTP 80 without a certificate, default fixed 404 JSON", () => {
        const listener = g.one("aws:lb/listener:Listener").inputs as Record<string, any>;
        assert.deepStrictEqual([listener.port, listener.protocol], [80, "HTTP"]);
        assert.deepStrictEqual(listener.defaultActions[0].fixedResponse, { statusCode: "404", contentType: "application/json", messageBody: '{"message":"Not Found"}' });
    });

    it("log bucket: private, SSE-S3, versioned, expiring, ELB may write, plain HTTP denied; protected", () => {
        assert.ok(g.one("aws:s3/bucket:Bucket").protect);
        const block = g.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs;
        assert.ok(block.blockPublicAcls && block.blockPublicPolicy && block.ignorePublicAcls && block.restrictPublicBuckets);
        const sse = g.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs as any;
        assert.strictEqual(sse.rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
        assert.strictEqual((g.one("aws:s3/bucketVersioning:BucketVersioning").inputs as any).versioningConfiguration.status, "Enabled");
        assert.strictEqual((g.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs as any).rules[0].expiration.days, 365);
        const policy = JSON.parse(String(g.one("aws:s3/bucketPolicy:BucketPolicy").inputs.policy));
        const sids = Object.fromEntries(policy.Statement.map((s: any) => [s.Sid, s]));
        assert.match(sids.ElbLogDelivery.Resource, /\/alb\/AWSLogs\/123456789012\/\*$/);
        assert.strictEqual(sids.ElbLogDelivery.Principal.Service, "logdelivery.elasticloadbalancing.amazonaws.com");
        assert.deepStrictEqual(sids.DenyInsecureTransport.Condition, { Bool: { "aws:SecureTransport": "false" } });
    });
});

describe("ServiceMeshPlatform (dev-like)", () => {
    let g: Graph;
    before(async () => {
        g = await run({ ...base, serviceTls: false, fargateSpot: true, protect: false });
    });

    it("no private CA and empty TLS outputs when TLS is off", () => {
        assert.strictEqual(g.ofType("aws:acmpca/certificateAuthority:CertificateAuthority").length, 0);
        assert.strictEqual(g.outputs.privateCaArn, "");
        assert.strictEqual(g.outputs.tlsRole, "");
    });

    it("Spot in the default strategy, no deletion protection, nothing protected", () => {
        const cp = g.one("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders").inputs as Record<string, any>;
        assert.deepStrictEqual(cp.defaultCapacityProviderStrategies.map((s: any) => s.capacityProvider), ["FARGATE", "FARGATE_SPOT"]);
        assert.strictEqual(g.one("aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection, false);
        assert.ok(g.resources.every((r) => !r.protect));
    });

    it("HTTPS 443 with a TLS 1.3 policy when a certificate is configured", async () => {
        const https = await run({ ...base, albCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" });
        const listener = https.one("aws:lb/listener:Listener").inputs as Record<string, any>;
        assert.deepStrictEqual([listener.port, listener.protocol, listener.sslPolicy], [443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"]);
    });
});
