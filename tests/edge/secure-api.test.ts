import * as assert from "assert";
import { SecureApi, SecureApiArgs } from "../../components/edge/secure-api";
import { Graph, runProgram } from "../helpers/graph";
import { ProgramError } from "../../scripts/lib/mock-runtime";

const ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/platform-alb/50dc6c495c0c9188";
const ALB_SG = "sg-0a1b2c3d4e5f60718";

function args(overrides: Partial<SecureApiArgs> = {}): SecureApiArgs {
    return {
        region: "eu-west-1",
        albArn: ALB_ARN,
        albListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-alb/50dc6c495c0c9188/f2f7dc8efc522ab2",
        albListenerPort: 80,
        albSecurityGroupId: ALB_SG,
        albDnsName: "internal-platform-alb-1234.eu-west-1.elb.amazonaws.com",
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-a", "subnet-b"],
        servicePrefixes: ["orders"],
        logKmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555",
        logRetentionDays: 30,
        ...overrides,
    };
}

const T = {
    vpcLinkV2: "aws:apigatewayv2/vpcLink:VpcLink",
    vpcLinkV1: "aws:apigateway/vpcLink:VpcLink",
    integration: "aws:apigateway/integration:Integration",
    method: "aws:apigateway/method:Method",
    settings: "aws:apigateway/methodSettings:MethodSettings",
    stage: "aws:apigateway/stage:Stage",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    distribution: "aws:cloudfront/distribution:Distribution",
};

describe("SecureApi (vpc-link-v2, the default)", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => {
            const api = new SecureApi("edge", args());
            return { url: api.url, apiId: api.apiId, stage: api.stageName, userPoolId: api.userPoolId, clientId: api.userPoolClientId, bucket: api.webBucketName };
        }, { config: { "aws:region": "eu-west-1" } });
    });

    it("chains CloudFront -> CLOUDFRONT WAF -> stage (REGIONAL WAF) -> VPC link V2 -> ALB", () => {
        const distribution = g.one(T.distribution);
        const cfAcl = g.referenced(distribution.inputs.webAclId)!;
        assert.strictEqual(cfAcl.inputs.scope, "CLOUDFRONT");
        const apiOrigin = (distribution.inputs.origins as { originId: string; domainName: string; originPath: string }[]).find((o) => o.originId === "api")!;
        const restApi = g.one("aws:apigateway/restApi:RestApi");
        assert.strictEqual(apiOrigin.domainName, `${restApi.id}.execute-api.eu-west-1.amazonaws.com`);
        const stage = g.one(T.stage);
        assert.strictEqual(apiOrigin.originPath, `/${stage.inputs.stageName}`);
        const association = g.one("aws:wafv2/webAclAssociation:WebAclAssociation");
        assert.strictEqual(association.inputs.resourceArn, stage.state.arn);
        assert.strictEqual(g.referenced(association.inputs.webAclArn)!.inputs.scope, "REGIONAL");
        const link = g.one(T.vpcLinkV2);
        assert.strictEqual(g.ofType(T.vpcLinkV1).length, 0);
        assert.strictEqual(g.ofType("aws:lb/loadBalancer:LoadBalancer").length, 0);
        const integrations = g.ofType(T.integration);
        assert.ok(integrations.length >= 3);
        for (const i of integrations) {
            assert.deepStrictEqual([i.inputs.type, i.inputs.connectionType, i.inputs.connectionId, i.inputs.integrationTarget], ["HTTP_PROXY", "VPC_LINK", link.id, ALB_ARN], i.name);
        }
    });

    it("lets only the link's security group reach the ALB, on the listener port", () => {
        const link = g.one(T.vpcLinkV2);
        const linkSg = g.referenced((link.inputs.securityGroupIds as string[])[0])!;
        const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.deepStrictEqual(ingress.map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]), [[ALB_SG, linkSg.id, 80, 80]]);
        const egress = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepStrictEqual(egress.map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[linkSg.id, ALB_SG, 80]]);
        assert.strictEqual(linkSg.inputs.ingress, undefined);
    });

    it("throttles and caches each route as the table says (data 1000/60 s, secure 500/none)", () => {
        const setting = (path: string) => g.ofType(T.settings).find((s) => s.inputs.methodPath === path)!.inputs.settings as Record<string, unknown>;
        const data = setting("~1api~1v1~1data/GET");
        assert.deepStrictEqual([data.throttlingRateLimit, data.throttlingBurstLimit, data.cachingEnabled, data.cacheTtlInSeconds, data.cacheDataEncrypted], [1000, 2000, true, 60, true]);
        for (const m of ["GET", "POST", "PUT", "DELETE"]) {
            const secure = setting(`~1api~1v1~1secure/${m}`);
            assert.deepStrictEqual([secure.throttlingRateLimit, secure.cachingEnabled, secure.cacheTtlInSeconds], [500, false, 0], m);
        }
        assert.strictEqual(setting("~1orders~1{proxy+}/*").cachingEnabled, false);
        assert.strictEqual(setting("~1orders/*").cachingEnabled, false);
        const stage = g.one(T.stage);
        assert.deepStrictEqual([stage.inputs.cacheClusterEnabled, stage.inputs.cacheClusterSize, stage.inputs.xrayTracingEnabled], [true, "0.5", true]);
        assert.ok(g.ofType(T.settings).every((s) => (s.inputs.settings as { metricsEnabled: boolean }).metricsEnabled));
    });

    it("keys the data route's gateway cache on its declared query strings", () => {
        const data = g.ofType(T.integration).find((i) => i.name.includes("api-v1-data-GET"))!;
        assert.deepStrictEqual(data.inputs.cacheKeyParameters, ["method.request.querystring.id", "method.request.querystring.name", "method.request.querystring.limit", "method.request.querystring.cursor"]);
        assert.strictEqual(data.inputs.uri, "http://internal-platform-alb-1234.eu-west-1.elb.amazonaws.com:80/api/v1/data");
        const proxy = g.ofType(T.integration).find((i) => i.name.includes("orders-p.proxy+-ANY"))!;
        assert.strictEqual(proxy.inputs.uri, "http://internal-platform-alb-1234.eu-west-1.elb.amazonaws.com:80/orders/{proxy}");
        assert.strictEqual((proxy.inputs.requestParameters as Record<string, string>)["integration.request.path.proxy"], "method.request.path.proxy");
    });

    it("sends the ALB the route's own path through the URI, with no mapping template (a proxy integration never runs one)", () => {
        for (const i of g.ofType(T.integration)) {
            assert.strictEqual(i.inputs.type, "HTTP_PROXY");
            assert.strictEqual(i.inputs.requestTemplates, undefined, i.name);
            assert.match(String(i.inputs.uri), /^http:\/\/internal-platform-alb-1234\.eu-west-1\.elb\.amazonaws\.com:80\/(api|orders)(\/|$)/, i.name);
        }
    });

    it("puts the TOKEN authorizer on required routes only, backed by the bundled Lambda", () => {
        const authorizer = g.one("aws:apigateway/authorizer:Authorizer");
        assert.deepStrictEqual([authorizer.inputs.type, authorizer.inputs.identitySource, authorizer.inputs.authorizerResultTtlInSeconds], ["TOKEN", "method.request.header.Authorization", 300]);
        const fn = g.one("aws:lambda/function:Function");
        assert.strictEqual(authorizer.inputs.authorizerUri, fn.state.invokeArn);
        assert.match(String(fn.inputs.runtime), /^nodejs(22|24)\.x$/);
        assert.deepStrictEqual(fn.inputs.tracingConfig, { mode: "Active" });
        const env = (fn.inputs.environment as { variables: Record<string, string> }).variables;
        assert.strictEqual(env.USER_POOL_ID, g.one("aws:cognito/userPool:UserPool").id);
        assert.strictEqual(env.CLIENT_ID, g.one("aws:cognito/userPoolClient:UserPoolClient").id);
        const methods = g.ofType(T.method);
        const secured = methods.filter((m) => m.inputs.authorization === "CUSTOM");
        assert.ok(secured.every((m) => m.inputs.authorizerId === authorizer.id));
        assert.deepStrictEqual(secured.map((m) => m.name).sort(), methods.filter((m) => /secure|orders/.test(m.name)).map((m) => m.name).sort());
        assert.strictEqual(methods.find((m) => m.name.includes("api-v1-data-GET"))!.inputs.authorization, "NONE");
        const permission = g.one("aws:lambda/permission:Permission");
        assert.strictEqual(permission.inputs.principal, "apigateway.amazonaws.com");
        assert.strictEqual(permission.inputs.sourceArn, `${g.one("aws:apigateway/restApi:RestApi").state.executionArn}/authorizers/${authorizer.id}`);
    });

    it("gives the authorizer only its own log group and X-Ray", () => {
        const policy = JSON.parse(String(g.one("aws:iam/rolePolicy:RolePolicy").inputs.policy));
        const logGroup = g.named("edge-authorizer-logs");
        assert.strictEqual(logGroup.inputs.name, "/aws/lambda/edge-authorizer");
        assert.deepStrictEqual(policy.Statement.map((s: { Action: string[]; Resource: string }) => [s.Action, s.Resource]), [
            [["logs:CreateLogStream", "logs:PutLogEvents"], `${logGroup.state.arn}:*`],
            [["xray:PutTraceSegments", "xray:PutTelemetryRecords"], "*"],
        ]);
    });

    it("builds both web ACLs with the managed groups and the rate rule, the CLOUDFRONT one in us-east-1", () => {
        const acls = g.ofType(T.webAcl);
        assert.deepStrictEqual(acls.map((a) => a.inputs.scope).sort(), ["CLOUDFRONT", "REGIONAL"]);
        for (const acl of acls) {
            const rules = acl.inputs.rules as { name: string; statement: Record<string, { limit?: number; name?: string }> }[];
            const managed = rules.filter((r) => r.statement.managedRuleGroupStatement).map((r) => r.statement.managedRuleGroupStatement.name);
            assert.deepStrictEqual(managed, ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesSQLiRuleSet"]);
            assert.strictEqual(rules.find((r) => r.statement.rateBasedStatement)!.statement.rateBasedStatement.limit, 2000);
        }
        const cf = acls.find((a) => a.inputs.scope === "CLOUDFRONT")!;
        assert.strictEqual(cf.inputs.region, "us-east-1");
        assert.strictEqual(acls.find((a) => a.inputs.scope === "REGIONAL")!.inputs.region, undefined);
    });

    it("logs each web ACL to an aws-waf-logs- group in the ACL's region, encrypted", () => {
        for (const logging of g.ofType("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")) {
            const acl = g.referenced(logging.inputs.resourceArn)!;
            const group = g.referenced((logging.inputs.logDestinationConfigs as string[])[0])!;
            assert.match(String(group.inputs.name), /^aws-waf-logs-/);
            assert.strictEqual(group.inputs.region, acl.inputs.region);
            assert.strictEqual(logging.inputs.region, acl.inputs.region);
            assert.ok(group.inputs.kmsKeyId);
        }
        // The stack is in eu-west-1, so the us-east-1 WAF logs get their own key there.
        assert.strictEqual(g.named("edge-edge-logs-key").inputs.region, "us-east-1");
    });

    it("blocks at the stage every request without CloudFront's secret origin header", () => {
        const regional = g.ofType(T.webAcl).find((a) => a.inputs.scope === "REGIONAL")!;
        const rules = regional.inputs.rules as { priority: number; action?: object; statement: { notStatement?: { statement: { byteMatchStatement: Record<string, unknown> } } } }[];
        const verify = rules.find((r) => r.statement.notStatement)!;
        assert.strictEqual(verify.priority, 0);
        assert.deepStrictEqual(verify.action, { block: {} });
        const match = verify.statement.notStatement!.statement.byteMatchStatement;
        const secret = g.one("random:index/randomPassword:RandomPassword").state.result;
        assert.deepStrictEqual([match.fieldToMatch, match.positionalConstraint, match.searchString], [{ singleHeader: { name: "x-origin-verify" } }, "EXACTLY", secret]);
        const origin = (g.one(T.distribution).inputs.origins as { originId: string; customHeaders: { name: string; value: string }[] }[]).find((o) => o.originId === "api")!;
        assert.deepStrictEqual(origin.customHeaders, [{ name: "x-origin-verify", value: secret }]);
        const cf = g.ofType(T.webAcl).find((a) => a.inputs.scope === "CLOUDFRONT")!;
        assert.ok(!(cf.inputs.rules as { statement: object }[]).some((r) => "notStatement" in r.statement));
        // Nothing reads a copy of it, so there is none to leak or rotate in Secrets Manager.
        assert.strictEqual(g.ofType("aws:secretsmanager/secret:Secret").length, 0);
    });

    it("serves HTTPS only with security headers, compression, the normalising function and access logs", () => {
        const d = g.one(T.distribution);
        const headers = g.one("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy");
        const sec = headers.inputs.securityHeadersConfig as Record<string, Record<string, unknown>>;
        assert.deepStrictEqual(sec.strictTransportSecurity, { accessControlMaxAgeSec: 31536000, includeSubdomains: true, preload: true, override: true });
        assert.deepStrictEqual(sec.frameOptions, { frameOption: "DENY", override: true });
        assert.deepStrictEqual(sec.referrerPolicy, { referrerPolicy: "strict-origin-when-cross-origin", override: true });
        assert.deepStrictEqual(sec.contentTypeOptions, { override: true });
        assert.match(String(sec.contentSecurityPolicy.contentSecurityPolicy), /frame-ancestors 'none'/);
        const def = d.inputs.defaultCacheBehavior as Record<string, unknown>;
        const behaviours = [def, ...(d.inputs.orderedCacheBehaviors as Record<string, unknown>[])];
        assert.ok(behaviours.every((b) => b.responseHeadersPolicyId === headers.id && b.compress === true && b.viewerProtocolPolicy !== "allow-all"));
        assert.deepStrictEqual(def.functionAssociations, [{ eventType: "viewer-request", functionArn: g.one("aws:cloudfront/function:Function").state.arn }]);
        assert.strictEqual(g.one("aws:cloudfront/function:Function").inputs.runtime, "cloudfront-js-2.0");
        const logBucket = g.referenced((d.inputs.loggingConfig as { bucket: string }).bucket) ?? g.ofType("aws:s3/bucket:Bucket").find((b) => b.state.bucketDomainName === (d.inputs.loggingConfig as { bucket: string }).bucket);
        assert.ok(logBucket, "access logs go to the component's log bucket");
        // Legacy logging grants CloudFront's log account through the bucket ACL: ACLs must be on first.
        const ownership = g.ofType("aws:s3/bucketOwnershipControls:BucketOwnershipControls").find((o) => o.inputs.bucket === logBucket!.id)!;
        assert.strictEqual((ownership.inputs.rule as { objectOwnership: string }).objectOwnership, "BucketOwnerPreferred");
        assert.ok(d.dependsOn.includes(ownership.urn), "the distribution waits for the log bucket's ownership controls");
    });

    it("never caches authenticated API calls at the edge, and caches the data route for its TTL", () => {
        const ordered = g.one(T.distribution).inputs.orderedCacheBehaviors as { pathPattern: string; cachePolicyId: string; originRequestPolicyId?: string }[];
        assert.deepStrictEqual(ordered.map((b) => b.pathPattern), ["/api/v1/data", "/api/*", "/orders/*"]);
        const dataPolicy = g.ofType("aws:cloudfront/cachePolicy:CachePolicy").find((p) => p.id === ordered[0].cachePolicyId)!;
        assert.deepStrictEqual([dataPolicy.inputs.defaultTtl, dataPolicy.inputs.maxTtl], [60, 60]);
        const key = dataPolicy.inputs.parametersInCacheKeyAndForwardedToOrigin as { headersConfig: { headerBehavior: string } };
        assert.strictEqual(key.headersConfig.headerBehavior, "none");
        for (const b of ordered.slice(1)) {
            assert.strictEqual(b.cachePolicyId, "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", `${b.pathPattern} uses CachingDisabled`);
        }
        const staticPolicy = g.ofType("aws:cloudfront/cachePolicy:CachePolicy").find((p) => p.id === (g.one(T.distribution).inputs.defaultCacheBehavior as { cachePolicyId: string }).cachePolicyId)!;
        assert.deepStrictEqual([staticPolicy.inputs.defaultTtl, staticPolicy.inputs.maxTtl], [31536000, 31536000]);
    });

    it("lets only this distribution read the web bucket, over TLS, through origin access control", () => {
        const d = g.one(T.distribution);
        const web = (d.inputs.origins as { originId: string; originAccessControlId: string }[]).find((o) => o.originId === "web")!;
        assert.strictEqual(g.referenced(web.originAccessControlId)!.inputs.signingBehavior, "always");
        const policy = JSON.parse(String(g.named("edge-web-policy").inputs.policy));
        const allow = policy.Statement.find((s: { Effect: string }) => s.Effect === "Allow");
        assert.deepStrictEqual(allow.Condition, { StringEquals: { "AWS:SourceArn": d.state.arn } });
        assert.ok(policy.Statement.some((s: { Effect: string; Condition: object }) => s.Effect === "Deny" && JSON.stringify(s.Condition).includes("aws:SecureTransport")));
    });

    it("encrypts the web and CloudFront log buckets with the edge's own rotated key, which OAC may decrypt and log delivery may use", () => {
        const key = g.named("edge-edge-storage-key");
        assert.deepStrictEqual([key.inputs.enableKeyRotation, key.inputs.deletionWindowInDays, key.protect], [true, 30, true]);
        const alias = g.ofType("aws:kms/alias:Alias").find((a) => a.inputs.targetKeyId === key.state.keyId);
        assert.strictEqual(alias?.inputs.name, "alias/edge-edge-storage");
        for (const bucket of ["edge-web", "edge-cdn-logs"]) {
            const sse = g.named(`${bucket}-sse`).inputs.rules as { applyServerSideEncryptionByDefault: Record<string, unknown>; bucketKeyEnabled: boolean }[];
            assert.deepStrictEqual(sse, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.state.arn }, bucketKeyEnabled: true }], bucket);
        }
        const statements = JSON.parse(String(key.inputs.policy)).Statement as { Sid: string; Principal: unknown; Action: unknown; Condition?: unknown }[];
        const bySid = Object.fromEntries(statements.map((st) => [st.Sid, st]));
        assert.deepStrictEqual(Object.keys(bySid), ["EnableAccountAdministration", "AllowCloudFrontOriginAccessControlDecrypt", "AllowCloudFrontStandardLogDelivery"]);
        // Read-only origin: Decrypt only, and only for this account's distributions (the bucket policy names the one).
        const oac = bySid.AllowCloudFrontOriginAccessControlDecrypt;
        assert.deepStrictEqual([oac.Principal, oac.Action, oac.Condition], [
            { Service: "cloudfront.amazonaws.com" },
            "kms:Decrypt",
            { ArnLike: { "AWS:SourceArn": "arn:aws:cloudfront::123456789012:distribution/*" } },
        ]);
        // CloudFront Developer Guide, standard logging (legacy) into SSE-KMS with a Bucket Key.
        const logs = bySid.AllowCloudFrontStandardLogDelivery;
        assert.deepStrictEqual([logs.Principal, logs.Action, logs.Condition], [{ Service: "delivery.logs.amazonaws.com" }, ["kms:GenerateDataKey*", "kms:Decrypt"], undefined]);
    });

    it("protects the stateful pieces by default", () => {
        for (const type of ["aws:cognito/userPool:UserPool", "aws:s3/bucket:Bucket", "aws:cloudwatch/logGroup:LogGroup"]) {
            assert.ok(g.ofType(type).every((r) => r.protect), type);
        }
        assert.strictEqual(g.one("aws:cognito/userPool:UserPool").inputs.deletionProtection, "ACTIVE");
    });

    it("builds a strong user pool and a secretless SRP client", () => {
        const pool = g.one("aws:cognito/userPool:UserPool").inputs;
        assert.deepStrictEqual([pool.mfaConfiguration, pool.userPoolTier, (pool.userPoolAddOns as { advancedSecurityMode: string }).advancedSecurityMode], ["OPTIONAL", "PLUS", "ENFORCED"]);
        const pw = pool.passwordPolicy as Record<string, unknown>;
        assert.deepStrictEqual([pw.minimumLength, pw.requireLowercase, pw.requireUppercase, pw.requireNumbers, pw.requireSymbols], [12, true, true, true, true]);
        const client = g.one("aws:cognito/userPoolClient:UserPoolClient").inputs;
        assert.deepStrictEqual([client.generateSecret, client.explicitAuthFlows, client.preventUserExistenceErrors, client.enableTokenRevocation], [false, ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "ENABLED", true]);
    });

    it("writes JSON access logs to an encrypted log group and re-deploys when the routes change", () => {
        const stage = g.one(T.stage);
        const access = stage.inputs.accessLogSettings as { destinationArn: string; format: string };
        const group = g.referenced(access.destinationArn)!;
        assert.ok(group.inputs.kmsKeyId && group.inputs.retentionInDays === 30);
        const format = JSON.parse(access.format);
        for (const field of ["requestId", "ip", "caller", "user", "requestTime", "httpMethod", "resourcePath", "status", "protocol", "responseLength", "integrationLatency", "authorizerError"]) {
            assert.ok(field in format, field);
        }
        const deployment = g.one("aws:apigateway/deployment:Deployment");
        assert.match(String((deployment.inputs.triggers as { redeployment: string }).redeployment), /^[0-9a-f]{64}$/);
        assert.strictEqual(stage.inputs.deployment, deployment.id);
    });

    it("exports the public URL, API id and stage, user pool ids and web bucket", () => {
        const o = g.outputs as Record<string, string>;
        assert.strictEqual(o.url, `https://${g.one(T.distribution).state.domainName}`);
        assert.strictEqual(o.apiId, g.one("aws:apigateway/restApi:RestApi").id);
        assert.strictEqual(o.stage, "v1");
        assert.strictEqual(o.userPoolId, g.one("aws:cognito/userPool:UserPool").id);
        assert.strictEqual(o.clientId, g.one("aws:cognito/userPoolClient:UserPoolClient").id);
        assert.strictEqual(o.bucket, g.named("edge-web").state.bucket);
    });
});

describe("SecureApi (nlb, the reference design)", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => new SecureApi("edge", args({ integrationMode: "nlb", region: "us-east-1", protect: false, userPoolTier: "ESSENTIALS" })), { config: { "aws:region": "us-east-1" } });
    });

    it("chains stage -> VPC link V1 -> internal NLB -> ALB-type target group -> ALB", () => {
        assert.strictEqual(g.ofType(T.vpcLinkV2).length, 0);
        const link = g.one(T.vpcLinkV1);
        const nlb = g.referenced(link.inputs.targetArn)!;
        assert.deepStrictEqual([nlb.type, nlb.inputs.loadBalancerType, nlb.inputs.internal], ["aws:lb/loadBalancer:LoadBalancer", "network", true]);
        const listener = g.one("aws:lb/listener:Listener");
        assert.strictEqual(listener.inputs.loadBalancerArn, nlb.state.arn);
        const tg = g.referenced((listener.inputs.defaultActions as { targetGroupArn: string }[])[0].targetGroupArn)!;
        assert.deepStrictEqual([tg.inputs.targetType, tg.inputs.protocol, tg.inputs.port], ["alb", "TCP", 80]);
        const attachment = g.one("aws:lb/targetGroupAttachment:TargetGroupAttachment");
        assert.deepStrictEqual([attachment.inputs.targetGroupArn, attachment.inputs.targetId, attachment.inputs.port], [tg.state.arn, ALB_ARN, 80]);
        for (const i of g.ofType(T.integration)) {
            assert.deepStrictEqual([i.inputs.connectionType, i.inputs.connectionId, i.inputs.integrationTarget], ["VPC_LINK", link.id, undefined], i.name);
        }
    });

    it("lets only the NLB's security group reach the ALB", () => {
        const nlb = g.one("aws:lb/loadBalancer:LoadBalancer");
        const nlbSg = (nlb.inputs.securityGroups as string[])[0];
        const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.deepStrictEqual(ingress.map((r) => [r.inputs.securityGroupId, r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[ALB_SG, nlbSg, 80]]);
    });

    it("uses the stack's log key for us-east-1 WAF logs when the stack is in us-east-1, and drops PLUS-only features on ESSENTIALS", () => {
        // Only the buckets' key: the WAF logs use the stack's log key.
        assert.deepStrictEqual(g.ofType("aws:kms/key:Key").map((k) => [k.name.endsWith("-edge-storage-key"), k.inputs.region]), [[true, undefined]]);
        const pool = g.one("aws:cognito/userPool:UserPool");
        assert.strictEqual(pool.inputs.userPoolAddOns, undefined);
        assert.strictEqual((pool.inputs.passwordPolicy as Record<string, unknown>).passwordHistorySize, undefined);
        assert.strictEqual(pool.inputs.deletionProtection, "INACTIVE");
        assert.ok(!pool.protect);
    });
});

describe("SecureApi argument validation", () => {
    it("fails before registering anything, naming every bad argument", async () => {
        await assert.rejects(
            runProgram(() => new SecureApi("edge", args({ wafRateLimit: 5, logRetentionDays: 8, integrationMode: "v3" as never, routes: [{ path: "/x", throttleRps: 0, cacheTtlSeconds: 4000, auth: "none", methods: ["GET"] }] }))),
            (e: Error) =>
                /wafRateLimit = 5/.test(e.message) &&
                /logRetentionDays = 8/.test(e.message) &&
                /integrationMode = "v3"/.test(e.message) &&
                /throttleRps = 0 is outside 1\.\.10000/.test(e.message) &&
                /cacheTtlSeconds = 4000 is outside 0\.\.3600/.test(e.message) &&
                ((e as ProgramError).registered ?? []).every((r) => !r.type.startsWith("aws:")),
        );
    });

    it("refuses a custom domain without certificate or hosted zone, and a certificate outside us-east-1", async () => {
        await assert.rejects(runProgram(() => new SecureApi("edge", args({ customDomain: { domainName: "app.example.com" } }))), /customDomain = .*certificateArn, or a hostedZoneId/);
        await assert.rejects(
            runProgram(() => new SecureApi("edge", args({ customDomain: { domainName: "app.example.com", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/abc" } }))),
            /customDomain.certificateArn .* us-east-1/,
        );
    });
});

describe("SecureApi with a custom domain", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => new SecureApi("edge", args({ customDomain: { domainName: "app.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" } })), { config: { "aws:region": "eu-west-1" } });
    });

    it("requests a DNS-validated certificate in us-east-1 and enforces TLS 1.2 to viewers", () => {
        const cert = g.one("aws:acm/certificate:Certificate");
        assert.deepStrictEqual([cert.inputs.region, cert.inputs.validationMethod], ["us-east-1", "DNS"]);
        const viewer = g.one(T.distribution).inputs.viewerCertificate as Record<string, unknown>;
        assert.deepStrictEqual([viewer.minimumProtocolVersion, viewer.sslSupportMethod], ["TLSv1.2_2021", "sni-only"]);
        assert.deepStrictEqual(g.one(T.distribution).inputs.aliases, ["app.example.com"]);
        assert.strictEqual(g.ofType("aws:route53/record:Record").length, 3);
    });
});
