import * as assert from "assert";
import * as path from "path";
import { DEFAULT_ADOT_IMAGE } from "../../components/mesh/container-definitions";
import { imageTagOf, SIDECAR_MIRROR_CONTEXT, ServiceMeshPlatform, ServiceMeshPlatformArgs } from "../../components/mesh/platform";
import * as fs from "fs";
import { Graph, runProgram } from "../helpers/graph";

const base: ServiceMeshPlatformArgs = { vpcId: "vpc-1", privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"], loadBalancerSecurityGroupId: "sg-lb" };

function run(args: ServiceMeshPlatformArgs): Promise<Graph> {
    return runProgram(() => {
        const p = new ServiceMeshPlatform("env", args);
        return { privateCaArn: p.privateCaArn, tlsRole: p.serviceConnectTlsRoleArn, listener: p.albListenerArn, suffix: p.albArnSuffix, adotImageUri: p.adotImageUri, adotRepositoryArn: p.adotRepositoryArn };
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

describe("ServiceMeshPlatform: the ADOT sidecar's private mirror", () => {
    let g: Graph;
    before(async () => {
        g = await run({ ...base, protect: true });
    });

    it("a hardened repository: immutable tags, scan on push, KMS, lifecycle policy, protected", () => {
        const repo = g.named("env-adot-repo");
        assert.strictEqual(repo.type, "aws:ecr/repository:Repository");
        assert.strictEqual(repo.inputs.imageTagMutability, "IMMUTABLE");
        assert.deepStrictEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
        assert.strictEqual((repo.inputs.encryptionConfigurations as any[])[0].encryptionType, "KMS");
        assert.strictEqual(repo.inputs.forceDelete, false);
        assert.ok(repo.protect);
        const lifecycle = g.one("aws:ecr/lifecyclePolicy:LifecyclePolicy");
        assert.strictEqual(lifecycle.inputs.repository, repo.state.name);
        assert.deepStrictEqual(JSON.parse(String(lifecycle.inputs.policy)).rules.map((r: any) => r.selection.tagStatus), ["untagged", "any"]);
    });

    it("an image built from the mirror Dockerfile with the pinned public image as build arg, pushed under its tag", () => {
        const image = g.one("awsx:ecr:Image");
        const repo = g.named("env-adot-repo");
        assert.deepStrictEqual(image.inputs.args, { SOURCE_IMAGE: DEFAULT_ADOT_IMAGE });
        assert.strictEqual(image.inputs.imageTag, "v0.40.0");
        assert.strictEqual(image.inputs.repositoryUrl, repo.state.repositoryUrl);
        assert.strictEqual(image.inputs.context, SIDECAR_MIRROR_CONTEXT);
        assert.strictEqual(image.inputs.platform, "linux/amd64");
        const dockerfile = fs.readFileSync(path.join(SIDECAR_MIRROR_CONTEXT, "Dockerfile"), "utf8");
        assert.match(dockerfile, /^ARG SOURCE_IMAGE$/m);
        assert.match(dockerfile, /^FROM \$\{SOURCE_IMAGE\}$/m);
        assert.strictEqual(g.outputs.adotImageUri, `${repo.state.repositoryUrl}:v0.40.0`);
        assert.strictEqual(g.outputs.adotRepositoryArn, repo.state.arn);
    });

    it("mirrors another pinned source image when given one, and refuses one without a version tag", async () => {
        const other = await run({ ...base, adotSourceImage: "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1" });
        assert.deepStrictEqual(other.one("awsx:ecr:Image").inputs.args, { SOURCE_IMAGE: "public.ecr.aws/aws-observability/aws-otel-collector:v0.41.1" });
        assert.strictEqual(other.one("awsx:ecr:Image").inputs.imageTag, "v0.41.1");
        for (const bad of ["public.ecr.aws/aws-observability/aws-otel-collector", "public.ecr.aws/x/y:latest", "public.ecr.aws/x/y@sha256:abc"]) {
            assert.throws(() => imageTagOf(bad), /adotSourceImage/);
        }
        assert.strictEqual(imageTagOf("localhost:5000/x/y:1.2"), "1.2");
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

    it("HTTPS 443 only (nothing on 80) with a TLS 1.2+ policy and the given certificate when a host name is configured", async () => {
        const https = await run({ ...base, albHostName: "alb.prod.example.com", albCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" });
        const listener = https.one("aws:lb/listener:Listener").inputs as Record<string, any>;
        assert.deepStrictEqual([listener.port, listener.protocol, listener.sslPolicy, listener.certificateArn], [443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", "arn:aws:acm:us-east-1:123456789012:certificate/abc"]);
        assert.strictEqual(https.ofType("aws:acm/certificate:Certificate").length, 0);
    });

    it("requests the ALB's certificate for the host name in the hosted zone, and the listener waits for its validation", async () => {
        const https = await run({ ...base, albHostName: "alb.prod.example.com", hostedZoneId: "Z0EXAMPLE0PLACEHOLDER" });
        const cert = https.one("aws:acm/certificate:Certificate").inputs as Record<string, any>;
        assert.deepStrictEqual([cert.domainName, cert.validationMethod, cert.region], ["alb.prod.example.com", "DNS", undefined]);
        assert.strictEqual(https.one("aws:route53/record:Record").inputs.zoneId, "Z0EXAMPLE0PLACEHOLDER");
        const listener = https.one("aws:lb/listener:Listener");
        assert.strictEqual(listener.inputs.certificateArn, https.one("aws:acm/certificate:Certificate").state.arn);
        assert.ok(listener.dependsOn.includes(https.one("aws:acm/certificateValidation:CertificateValidation").urn), "the listener waits for the issued certificate");
    });

    it("refuses a certificate without a host name, and a host name without a certificate or zone", async () => {
        await assert.rejects(run({ ...base, albCertificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" }), /albHostName "": an HTTPS listener needs both/);
        await assert.rejects(run({ ...base, albHostName: "alb.prod.example.com" }), /albHostName "alb\.prod\.example\.com": an HTTPS listener needs both/);
    });
});
