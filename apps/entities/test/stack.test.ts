// The entities service's stack, planned under mocks with fake platform outputs.
import * as assert from "assert";
import * as path from "path";
import { Graph } from "../../../tests/helpers/graph";
import { ALARM, appEnv, containers, ECS_SERVICE, EGRESS, fakePlatform, INGRESS, Obj, ROOT, runService } from "../../../tests/stacks/service-helpers";

describe("service stack: entities, fed fake platform outputs through its StackReference", () => {
    const dev = fakePlatform(false);
    const prod = fakePlatform(true);
    let gDev: Graph;
    let gProd: Graph;
    before(async () => {
        gDev = await runService("entities", "dev");
        gProd = await runService("entities", "prod");
    });

    it("references the platform stack named from config: <platformOrganization>/<platformProject>/<stack>", async () => {
        // The fake outputs are offered under the default name only: another name must be the one asked for.
        await assert.rejects(
            runService("entities", "dev", { config: { "entities:platformOrganization": "acme", "entities:platformProject": "shared" } }),
            /StackReference to "acme\/shared\/dev": no such stack/,
        );
    });

    it("puts the tasks in the platform's private subnets and cluster, joined to the namespace", () => {
        const service = gDev.one(ECS_SERVICE);
        const net = service.inputs.networkConfiguration as Obj;
        assert.deepStrictEqual(net.subnets, dev.privateSubnetIds);
        assert.strictEqual(net.assignPublicIp, false);
        assert.ok((net.securityGroups as string[]).includes("sg-fakeapp"), "the network's app tier (egress to endpoints)");
        assert.strictEqual(service.inputs.cluster, dev.clusterArn);
        assert.strictEqual((service.inputs.serviceConnectConfiguration as Obj).namespace, dev.serviceConnectNamespaceArn);
    });

    it("adds its listener rule to the platform's ALB listener, with its configured paths and priority", () => {
        const rule = gDev.one("aws:lb/listenerRule:ListenerRule");
        assert.strictEqual(rule.inputs.listenerArn, dev.albListenerArn);
        assert.strictEqual(rule.inputs.priority, 100);
        assert.deepStrictEqual(((rule.inputs.conditions as Obj[])[0].pathPattern as Obj).values, ["/api/v1/entities*", "/api/v1/data*", "/api/v1/secure*"]);
    });

    it("sends every fixed alarm, on alarm and on recovery, to the alert topic, or to the ticket topic where an SLO covers its signal", () => {
        const fixed = gDev.ofType(ALARM).filter((a) => !String(a.inputs.name).includes("-slo-"));
        assert.ok(fixed.length >= 9, `${fixed.length} alarms`);
        const covered = ["alb-target5xx", "alb-latencyP99", "entities-table-readThrottles", "entities-table-writeThrottles", "entities-table-systemErrors"].map((k) => `dev-entities-${k}`);
        for (const a of fixed) {
            const topic = covered.includes(String(a.inputs.name)) ? dev.ticketTopicArn : dev.alertTopicArn;
            assert.deepStrictEqual([a.inputs.alarmActions, a.inputs.okActions], [[topic], [topic]], a.name);
        }
        assert.deepStrictEqual(covered.filter((n) => !fixed.some((a) => a.inputs.name === n)), [], "covered alarms stay (rollback, early notice)");
        const kinds = new Set(fixed.map((a) => a.inputs.namespace));
        for (const ns of ["AWS/ECS", "AWS/ApplicationELB", "AWS/DynamoDB", "AWS/ElastiCache"]) {
            assert.ok(kinds.has(ns), `no ${ns} alarm`);
        }
        // The SLO windows notify nobody by themselves: their composite pages (fast) or tickets (slow).
        for (const w of gDev.ofType(ALARM).filter((a) => String(a.inputs.name).includes("-slo-"))) {
            assert.deepStrictEqual([w.inputs.alarmActions, w.inputs.okActions], [undefined, undefined], w.name);
        }
        for (const c of gDev.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm")) {
            const topic = String(c.inputs.alarmName).endsWith("-fast") ? dev.alertTopicArn : dev.ticketTopicArn;
            assert.deepStrictEqual([c.inputs.alarmActions, c.inputs.okActions], [[topic], [topic]], c.name);
        }
    });

    it("encrypts the service's log group with the platform's observability key and keeps the platform's retention", () => {
        const logs = gDev.named("dev-entities-logs");
        assert.strictEqual(logs.inputs.kmsKeyId, dev.observabilityKeyArn);
        assert.strictEqual(logs.inputs.retentionInDays, 7);
        assert.strictEqual(logs.inputs.name, "/ecs/dev/entities");
        assert.strictEqual(gProd.named("prod-entities-logs").inputs.retentionInDays, 365);
    });

    it("places the cache in the platform's isolated subnets and names the Entities table per environment", () => {
        assert.deepStrictEqual(gDev.one("aws:elasticache/subnetGroup:SubnetGroup").inputs.subnetIds, dev.isolatedSubnetIds);
        assert.match(String(gDev.one("aws:dynamodb/table:Table").inputs.name), /^dev-entities.*Entities$/);
        // POST's idempotency records expire through the table's TTL, in every environment.
        for (const g of [gDev, gProd]) {
            assert.deepStrictEqual(g.one("aws:dynamodb/table:Table").inputs.ttl, { enabled: true, attributeName: "expiresAt" });
        }
        assert.deepStrictEqual(Object.keys(gDev.outputs.tableNames as Obj), ["Entities"]);
    });

    it("tags every resource through the provider: environment, service, owner, cost-center, project, managed-by", () => {
        const provider = gDev.one("pulumi:providers:aws");
        assert.deepStrictEqual(JSON.parse(String(provider.inputs.defaultTags)).tags, {
            environment: "dev", service: "entities", project: "entities", owner: "entities-team", "cost-center": "entities-dev", "managed-by": "pulumi",
        });
        assert.strictEqual(provider.inputs.region, "us-east-1");
    });

    it("joins the mesh with TLS from the platform's private CA in prod only", () => {
        const scOf = (g: Graph) => ((g.one(ECS_SERVICE).inputs.serviceConnectConfiguration as Obj).services as Obj[])[0];
        assert.deepStrictEqual(scOf(gProd).tls, { issuerCertAuthority: { awsPcaAuthorityArn: prod.privateCaArn }, roleArn: prod.serviceConnectTlsRoleArn });
        assert.strictEqual(scOf(gDev).tls, undefined);
        assert.strictEqual(gProd.outputs.meshTls, true);
        assert.strictEqual(gDev.outputs.meshTls, false);
    });

    it("deploys prod by canary rolled back on its own ALB alarms, dev rolling", () => {
        const prodService = gProd.one(ECS_SERVICE).inputs;
        const cfg = prodService.deploymentConfiguration as Obj;
        assert.strictEqual(cfg.strategy, "CANARY");
        assert.strictEqual((cfg.canaryConfiguration as Obj).canaryPercent, 10);
        const rollback = (prodService.alarms as Obj).alarmNames as string[];
        assert.deepStrictEqual(rollback, ["prod-entities-alb-target5xx", "prod-entities-alb-latencyP99", "prod-entities-alb-unhealthyHosts"]);
        // The names the service watches are alarms this stack creates.
        const created = gProd.ofType(ALARM).map((a) => a.inputs.name);
        for (const name of rollback) {
            assert.ok(created.includes(name), `${name} is not an alarm of the stack`);
        }
        assert.strictEqual((gDev.one(ECS_SERVICE).inputs.deploymentConfiguration as Obj).strategy, "ROLLING");
    });

    it("canary (prod): the ALB rollback alarms watch both target groups, since ECS swaps the live one at each deployment", () => {
        const groups = gProd.ofType("aws:lb/targetGroup:TargetGroup");
        assert.deepStrictEqual(groups.map((t) => t.name).sort(), ["prod-entities-tg", "prod-entities-tg-alt"]);
        const suffixes = ["prod-entities-tg", "prod-entities-tg-alt"].map((n) => String(gProd.named(n).state.arnSuffix));
        const rollback = gProd.outputs.rollbackAlarmNames as string[];
        const byName = new Map(gProd.ofType(ALARM).map((a) => [String(a.inputs.name), a.inputs]));
        for (const name of rollback) {
            const alarm = byName.get(name);
            assert.ok(alarm, `${name} is not an alarm of the stack`);
            assert.strictEqual(alarm.metricName, undefined, name);
            const queries = alarm.metricQueries as { id: string; expression?: string; returnData: boolean; metric?: { namespace: string; stat: string; dimensions: Record<string, string> } }[];
            const metrics = queries.filter((q) => q.metric);
            assert.deepStrictEqual(metrics.map((q) => q.metric!.dimensions.TargetGroup), suffixes, name);
            assert.ok(metrics.every((q) => q.metric!.namespace === "AWS/ApplicationELB" && q.metric!.dimensions.LoadBalancer === prod.albArnSuffix && !q.returnData), name);
            assert.strictEqual(queries.filter((q) => q.returnData).length, 1, name);
        }
        const expression = (name: string) => (byName.get(name)!.metricQueries as { expression?: string; returnData: boolean }[]).find((q) => q.returnData)!.expression;
        assert.strictEqual(expression("prod-entities-alb-target5xx"), "SUM(METRICS())");
        assert.strictEqual(expression("prod-entities-alb-unhealthyHosts"), "SUM(METRICS())");
        // Percentiles do not add up: the worse of the two groups' p99s.
        assert.strictEqual(expression("prod-entities-alb-latencyP99"), "MAX(METRICS())");
        const p99 = byName.get("prod-entities-alb-latencyP99")!.metricQueries as { metric?: { stat: string } }[];
        assert.ok(p99.filter((q) => q.metric).every((q) => q.metric!.stat === "p99"));
    });

    it("canary (prod): scales on requests per running task over both target groups; rolling (dev) keeps ALBRequestCountPerTarget", () => {
        const requests = (g: Graph) => (g.ofType("aws:appautoscaling/policy:Policy").find((p) => p.name.endsWith("-scale-requests"))!.inputs as Obj).targetTrackingScalingPolicyConfiguration as Obj;
        const prodCfg = requests(gProd);
        assert.strictEqual(prodCfg.predefinedMetricSpecification, undefined);
        assert.strictEqual(prodCfg.targetValue, 1000);
        const metrics = (prodCfg.customizedMetricSpecification as Obj).metrics as { id: string; expression?: string; returnData: boolean; metricStat?: { stat: string; metric: { namespace: string; metricName: string; dimensions: { name: string; value: string }[] } } }[];
        assert.deepStrictEqual(metrics.filter((m) => m.returnData).map((m) => m.expression), ["(FILL(primary, 0) + FILL(alternate, 0)) / tasks"]);
        const suffixes = ["prod-entities-tg", "prod-entities-tg-alt"].map((n) => String(gProd.named(n).state.arnSuffix));
        const stat = (id: string) => metrics.find((m) => m.id === id)!.metricStat!;
        for (const [id, tg] of [["primary", suffixes[0]], ["alternate", suffixes[1]]]) {
            assert.deepStrictEqual(stat(id), { stat: "Sum", metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: [{ name: "LoadBalancer", value: prod.albArnSuffix }, { name: "TargetGroup", value: tg }] } });
        }
        assert.deepStrictEqual(stat("tasks").stat, "Average");
        assert.deepStrictEqual(stat("tasks").metric.namespace, "ECS/ContainerInsights");
        assert.deepStrictEqual(stat("tasks").metric.metricName, "RunningTaskCount");
        assert.deepStrictEqual(stat("tasks").metric.dimensions.map((d) => d.name), ["ClusterName", "ServiceName"]);
        assert.strictEqual(stat("tasks").metric.dimensions[1].value, "entities");

        const devCfg = requests(gDev);
        assert.strictEqual(devCfg.customizedMetricSpecification, undefined);
        assert.strictEqual((devCfg.predefinedMetricSpecification as Obj).predefinedMetricType, "ALBRequestCountPerTarget");
        assert.strictEqual((devCfg.predefinedMetricSpecification as Obj).resourceLabel, `${dev.albArnSuffix}/${gDev.named("dev-entities-tg").state.arnSuffix}`);
    });

    it("rolling (dev): one target group, the ALB alarms stay single metrics", () => {
        assert.strictEqual(gDev.ofType("aws:lb/targetGroup:TargetGroup").length, 1);
        const tg = String(gDev.named("dev-entities-tg").state.arnSuffix);
        for (const name of gDev.outputs.rollbackAlarmNames as string[]) {
            const alarm = gDev.ofType(ALARM).find((a) => a.inputs.name === name)!.inputs;
            assert.strictEqual(alarm.metricQueries, undefined, name);
            assert.strictEqual(alarm.namespace, "AWS/ApplicationELB", name);
            assert.deepStrictEqual(alarm.dimensions, { LoadBalancer: dev.albArnSuffix, TargetGroup: tg }, name);
        }
    });

    it("protects the stateful resources in prod only (the platform's production output decides)", () => {
        for (const name of ["prod-entities-repo", "prod-entities-logs", "prod-entities-key"]) {
            assert.strictEqual(gProd.named(name).protect, true, name);
        }
        assert.strictEqual(gProd.one("aws:dynamodb/table:Table").protect, true);
        assert.strictEqual(gProd.one("aws:dynamodb/table:Table").inputs.deletionProtectionEnabled, true);
        assert.deepStrictEqual(gDev.resources.filter((r) => r.protect).map((r) => r.name), []);
    });

    it("hands the data tier's cache endpoint and IAM user to the container, no password or secret, and lets the task role connect as that user only", () => {
        const app = containers(gDev).find((c) => c.name === "app")!;
        const env = appEnv(gDev);
        assert.strictEqual(env.CACHE_HOST, gDev.outputs.cacheAddress);
        assert.strictEqual(env.ENTITIES_TABLE, (gDev.outputs.tableNames as Obj).Entities);
        assert.deepStrictEqual([env.CACHE_IAM_USER, env.CACHE_REPLICATION_GROUP_ID, env.CACHE_REGION], ["dev-entities-app", "dev-entities-cache", "us-east-1"]);
        assert.strictEqual(env.CACHE_AUTH_TOKEN, undefined);
        assert.deepStrictEqual(app.secrets ?? [], []);
        const policies = gDev.ofType("aws:iam/rolePolicy:RolePolicy").map((p) => JSON.parse(String(p.inputs.policy)) as { Statement: Obj[] });
        const connect = policies.flatMap((p) => p.Statement).filter((s) => [s.Action].flat().includes("elasticache:Connect"));
        assert.deepStrictEqual(connect.map((s) => s.Resource), [[
            "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:dev-entities-cache",
            "arn:aws:elasticache:us-east-1:123456789012:user:dev-entities-app",
        ]]);
    });

    it("runs the ADOT sidecar from the platform's private mirror, and its execution role pulls from that repository and its own only", () => {
        for (const [g, platform] of [[gDev, dev], [gProd, prod]] as const) {
            assert.strictEqual(containers(g).find((c) => c.name === "otel-collector")!.image, platform.adotImageUri);
            const exec = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `${platform.environment}-entities-execution`)!.inputs.policy));
            const ecr = exec.Statement.filter((s: Obj) => [s.Action].flat().some((a) => String(a).startsWith("ecr:") && a !== "ecr:GetAuthorizationToken"));
            assert.strictEqual(ecr.length, 1);
            assert.deepStrictEqual([...ecr[0].Resource].sort(), [platform.adotRepositoryArn, g.one("aws:ecr/repository:Repository").state.arn].sort());
        }
    });

    it("runs its tasks in the platform's group for the service, creating none of its own", () => {
        assert.strictEqual(gDev.ofType("aws:ec2/securityGroup:SecurityGroup").filter((r) => r.name === "dev-entities-sg").length, 0);
        assert.strictEqual(((gDev.one(ECS_SERVICE).inputs.networkConfiguration as Obj).securityGroups as string[])[0], "sg-fakeentities");
        assert.strictEqual(gDev.outputs.securityGroupId, "sg-fakeentities");
    });

    it("admits exactly the ALB into the service's own group (entities calls nobody; its callers add their own rules)", () => {
        const into = gDev.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === "sg-fakeentities");
        assert.deepStrictEqual(into.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[dev.albSecurityGroupId, 8080]]);
    });

    it("refuses a platform without a security group for the service, naming platform:services", async () => {
        await assert.rejects(runService("entities", "dev", { stackOutputs: { "organization/platform/dev": fakePlatform(false, { serviceSecurityGroupIds: { catalog: "sg-fakecatalog" } }) } }),
            /serviceSecurityGroupIds = "entities": expected .*add entities to the platform's platform:services/);
    });

    it("reaches its cache through a client group of its own, the cache's only client besides its own replicas, on 6379 only", () => {
        const client = gDev.named("dev-entities-data-client");
        const cacheSg = gDev.named("dev-entities-cache-sg");
        const cacheIn = gDev.ofType(INGRESS).filter((r) => r.inputs.securityGroupId === cacheSg.id);
        assert.deepStrictEqual(cacheIn.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[client.id, 6379], [cacheSg.id, 6379]]);
        const out = gDev.ofType(EGRESS).filter((r) => r.inputs.securityGroupId === client.id);
        assert.deepStrictEqual(out.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [[cacheSg.id, 6379]]);
        assert.ok(((gDev.one(ECS_SERVICE).inputs.networkConfiguration as Obj).securityGroups as string[]).includes(client.id!));
    });

    it("builds apps/<service>/Dockerfile from the repository root with the configured tag, or runs a pinned URI without building", async () => {
        const image = gDev.one("awsx:ecr:Image");
        assert.strictEqual(image.inputs.context, ROOT);
        assert.strictEqual(image.inputs.dockerfile, path.join(ROOT, "apps", "entities", "Dockerfile"));
        assert.strictEqual(image.inputs.imageTag, "dev");
        const uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/entities:1.4.2";
        const pinned = await runService("entities", "dev", { config: { "entities:image": uri } });
        assert.strictEqual(pinned.ofType("awsx:ecr:Image").length, 0);
        assert.strictEqual(containers(pinned).find((c) => c.name === "app")!.image, uri);
    });

    it("exports what application teams need", () => {
        for (const key of ["serviceName", "serviceUrlPaths", "discoveryName", "meshUrl", "meshIngressPort", "repositoryUrl", "taskRoleArn", "securityGroupId",
            "logGroupName", "dashboardName", "alarmNames", "rollbackAlarmNames", "tableNames", "tableArns", "streamArns", "cacheAddress", "cacheUser"]) {
            assert.notStrictEqual(gDev.outputs[key], undefined, key);
        }
        assert.strictEqual(gDev.outputs.meshUrl, "http://entities:8080");
        assert.strictEqual(gDev.outputs.dbAddress, undefined, "no database, no dbAddress output");
    });
});
