import * as assert from "assert";
import { DEFAULT_CONTAINER_PORT, DEFAULT_MESH_INGRESS_PORT, MeshService, MeshServiceArgs, serviceConnectUrl, validateMeshServiceArgs } from "../../components/mesh/mesh-service";
import { Graph, runProgram } from "../helpers/graph";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-db-AbCdEf";
const CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/prod-cluster";
const ADOT_MIRROR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/env-adot-repo:v0.40.0";
const ADOT_REPO = "arn:aws:ecr:us-east-1:123456789012:repository/env-adot-repo";

function baseArgs(overrides: Partial<MeshServiceArgs> = {}): MeshServiceArgs {
    return {
        serviceName: "orders",
        clusterArn: CLUSTER,
        namespaceArn: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1",
        vpcId: "vpc-1",
        subnetIds: ["subnet-a", "subnet-b"],
        albListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/2",
        albArnSuffix: "app/alb/1",
        albSecurityGroupId: "sg-alb",
        additionalSecurityGroupIds: ["sg-apptier"],
        pathPatterns: ["/api/v1/orders", "/api/v1/orders/*"],
        listenerRulePriority: 100,
        image: { uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.0.0" },
        secrets: { DB_PASSWORD: `${SECRET}:password::` },
        taskRoleStatements: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/Entities" }],
        calls: ["users"],
        callees: { users: { securityGroupId: "sg-users", port: 8443 } },
        callerSecurityGroupIds: { web: "sg-web" },
        logRetentionDays: 365,
        alarmNames: ["orders-5xx"],
        ...overrides,
    };
}

const prodArgs = baseArgs({ adotImage: Promise.resolve(ADOT_MIRROR), sidecarRepositoryArns: [Promise.resolve(ADOT_REPO)], tls: { awsPcaAuthorityArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/ca", roleArn: "arn:aws:iam::123456789012:role/tls" } });
const devArgs = baseArgs({ deployment: { strategy: "ROLLING" }, enableExecuteCommand: true, fargateSpot: true, autoscaling: { min: 1, max: 2 }, protect: false, logRetentionDays: 7 });

describe("MeshService (prod-like)", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => {
            const s = new MeshService("orders", prodArgs);
            return { endpoint: s.serviceConnectEndpoint, tgs: s.targetGroupArns };
        });
    });
    const service = () => g.one("aws:ecs/service:Service").inputs as Record<string, any>;
    const taskDef = () => g.one("aws:ecs/taskDefinition:TaskDefinition").inputs as Record<string, any>;

    it("task definition: awsvpc, FARGATE only, the reference 512/1024 pair", () => {
        const td = taskDef();
        assert.strictEqual(td.networkMode, "awsvpc");
        assert.deepStrictEqual(td.requiresCompatibilities, ["FARGATE"]);
        assert.deepStrictEqual([td.cpu, td.memory], ["512", "1024"]);
    });

    it("task definition: non-root containers, the app with a read-only root, and the ADOT sidecar", () => {
        const defs = JSON.parse(taskDef().containerDefinitions) as Record<string, any>[];
        assert.deepStrictEqual(defs.map((d) => d.name), ["app", "otel-collector"]);
        assert.ok(defs.every((d) => d.user && !/^0|root/.test(d.user)));
        assert.strictEqual(defs[0].readonlyRootFilesystem, true);
        assert.strictEqual(defs[1].image, ADOT_MIRROR);
        assert.strictEqual(defs[0].logConfiguration.options["awslogs-group"], "/ecs/orders");
    });

    it("service: in the namespace with discovery name, client alias, timeouts and TLS through the private CA", () => {
        const sc = service().serviceConnectConfiguration;
        assert.strictEqual(sc.enabled, true);
        assert.strictEqual(sc.namespace, prodArgs.namespaceArn);
        const entry = sc.services[0];
        assert.strictEqual(entry.portName, "http");
        assert.strictEqual(entry.discoveryName, "orders");
        assert.deepStrictEqual(entry.clientAlias, [{ port: 8080, dnsName: "orders" }]);
        assert.deepStrictEqual(entry.timeout, { perRequestTimeoutSeconds: 15, idleTimeoutSeconds: 300 });
        assert.deepStrictEqual(entry.tls, { issuerCertAuthority: { awsPcaAuthorityArn: prodArgs.tls!.awsPcaAuthorityArn }, roleArn: prodArgs.tls!.roleArn });
    });

    it("service: private subnets, no public IP, own group plus the given ones", () => {
        const net = service().networkConfiguration;
        assert.strictEqual(net.assignPublicIp, false);
        assert.deepStrictEqual(net.subnets, ["subnet-a", "subnet-b"]);
        assert.strictEqual(net.securityGroups.length, 2);
        assert.strictEqual(net.securityGroups[1], "sg-apptier");
    });

    it("deployments: circuit breaker with rollback, alarm rollback, canary with bake times by default", () => {
        const s = service();
        assert.deepStrictEqual(s.deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.deepStrictEqual(s.alarms, { alarmNames: ["orders-5xx"], enable: true, rollback: true });
        assert.strictEqual(s.deploymentConfiguration.strategy, "CANARY");
        assert.strictEqual(s.deploymentConfiguration.bakeTimeInMinutes, "10");
        assert.deepStrictEqual(s.deploymentConfiguration.canaryConfiguration, { canaryPercent: 10, canaryBakeTimeInMinutes: "5" });
        assert.strictEqual(s.enableExecuteCommand, false);
    });

    it("canary: an alternate target group, the production rule and ECS's traffic role on the load balancer block", () => {
        const lb = service().loadBalancers[0];
        const groups = g.ofType("aws:lb/targetGroup:TargetGroup");
        assert.strictEqual(groups.length, 2);
        assert.strictEqual(g.referenced(lb.targetGroupArn)?.name, "orders-tg");
        assert.strictEqual(g.referenced(lb.advancedConfiguration.alternateTargetGroupArn)?.name, "orders-tg-alt");
        assert.strictEqual(g.referenced(lb.advancedConfiguration.productionListenerRule)?.type, "aws:lb/listenerRule:ListenerRule");
        const role = g.referenced(lb.advancedConfiguration.roleArn)!;
        assert.match(JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0].Principal.Service, /^ecs\.amazonaws\.com$/);
        const attachment = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.name === "orders-traffic-shift")!;
        assert.match(String(attachment.inputs.policyArn), /AmazonECSInfrastructureRolePolicyForLoadBalancers$/);
    });

    it("listener rule: the service's paths at its configured priority, forwarding to both groups", () => {
        const rule = g.one("aws:lb/listenerRule:ListenerRule").inputs as Record<string, any>;
        assert.strictEqual(rule.priority, 100);
        assert.deepStrictEqual(rule.conditions, [{ pathPattern: { values: ["/api/v1/orders", "/api/v1/orders/*"] } }]);
        assert.deepStrictEqual(rule.actions[0].forward.targetGroups.map((t: any) => t.weight), [100, 0]);
    });

    it("security group admits exactly the ALB on the app port and the declared callers on the mesh port", () => {
        const sg = g.one("aws:ec2/securityGroup:SecurityGroup");
        const ingress = g.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        assert.deepStrictEqual(ingress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]).sort(), [["sg-alb", 8080, 8080], ["sg-web", 8443, 8443]]);
        assert.ok(ingress.every((r) => r.inputs.cidrIpv4 === undefined));
        const egress = g.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === sg.id);
        assert.deepStrictEqual(egress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [["sg-users", 8443]]);
        assert.strictEqual(service().serviceConnectConfiguration.services[0].ingressPortOverride, 8443);
    });

    it("a given security group replaces its own: no group is created, the tasks join it and every rule lands on it", async () => {
        const given = await runProgram(() => {
            const svc = new MeshService("orders", baseArgs({ securityGroupId: "sg-platform-orders" }));
            return { securityGroupId: svc.securityGroupId };
        });
        assert.strictEqual(given.ofType("aws:ec2/securityGroup:SecurityGroup").length, 0);
        assert.strictEqual(given.outputs.securityGroupId, "sg-platform-orders");
        const net = given.one("aws:ecs/service:Service").inputs.networkConfiguration as Record<string, any>;
        assert.deepStrictEqual(net.securityGroups, ["sg-platform-orders", "sg-apptier"]);
        const ingress = given.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === "sg-platform-orders");
        assert.deepStrictEqual(ingress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]).sort(), [["sg-alb", 8080], ["sg-web", 8443]]);
        const egress = given.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs.securityGroupId === "sg-platform-orders");
        assert.deepStrictEqual(egress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort]), [["sg-users", 8443]]);
    });

    it("the Service Connect URL follows from the name and the default port, as callers derive it", () => {
        assert.strictEqual(serviceConnectUrl("orders"), `http://orders:${DEFAULT_CONTAINER_PORT}`);
        assert.strictEqual(service().serviceConnectConfiguration.services[0].clientAlias[0].port, DEFAULT_CONTAINER_PORT);
        assert.strictEqual(service().serviceConnectConfiguration.services[0].ingressPortOverride, DEFAULT_MESH_INGRESS_PORT);
    });

    it("autoscaling: target tracking on CPU and on requests per running task over both target groups (metric math)", () => {
        const target = g.one("aws:appautoscaling/target:Target").inputs as Record<string, any>;
        assert.strictEqual(target.resourceId, "service/prod-cluster/orders");
        assert.deepStrictEqual([target.minCapacity, target.maxCapacity], [2, 10]);
        const configs = g.ofType("aws:appautoscaling/policy:Policy").map((p) => (p.inputs as any).targetTrackingScalingPolicyConfiguration);
        assert.deepStrictEqual(configs.map((c) => c.predefinedMetricSpecification?.predefinedMetricType), ["ECSServiceAverageCPUUtilization", undefined]);
        const requests = configs[1];
        assert.strictEqual(requests.targetValue, 1000);
        const [tg, alt] = [g.named("orders-tg"), g.named("orders-tg-alt")];
        const requestCount = (targetGroup: unknown) => ({ stat: "Sum", metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", dimensions: [{ name: "LoadBalancer", value: "app/alb/1" }, { name: "TargetGroup", value: targetGroup }] } });
        assert.deepStrictEqual(requests.customizedMetricSpecification.metrics, [
            { id: "primary", returnData: false, metricStat: requestCount(tg.state.arnSuffix) },
            { id: "alternate", returnData: false, metricStat: requestCount(alt.state.arnSuffix) },
            {
                id: "tasks",
                returnData: false,
                metricStat: { stat: "Average", metric: { namespace: "ECS/ContainerInsights", metricName: "RunningTaskCount", dimensions: [{ name: "ClusterName", value: "prod-cluster" }, { name: "ServiceName", value: "orders" }] } },
            },
            { id: "perTask", expression: "(FILL(primary, 0) + FILL(alternate, 0)) / tasks", label: "ALB requests per running task (both target groups)", returnData: true },
        ]);
    });

    it("ECR: scan on push, immutable tags, KMS, lifecycle policy; repository and log group protected", () => {
        const repo = g.one("aws:ecr/repository:Repository");
        assert.strictEqual(repo.inputs.imageTagMutability, "IMMUTABLE");
        assert.deepStrictEqual(repo.inputs.imageScanningConfiguration, { scanOnPush: true });
        assert.strictEqual((repo.inputs.encryptionConfigurations as any[])[0].encryptionType, "KMS");
        assert.ok(repo.protect);
        assert.strictEqual(g.one("aws:ecr/lifecyclePolicy:LifecyclePolicy").inputs.repository, repo.state.name);
        const logs = g.one("aws:cloudwatch/logGroup:LogGroup");
        assert.ok(logs.protect);
        assert.strictEqual(logs.inputs.name, "/ecs/orders");
    });

    it("task role: the handed statements plus tracing, no ECS Exec; execution role scoped to the secret", () => {
        const task = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "orders-task")!.inputs.policy));
        assert.deepStrictEqual(task.Statement.map((s: any) => s.Sid ?? s.Action), ["dynamodb:GetItem", "XRayTracing"]);
        const exec = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "orders-execution")!.inputs.policy));
        assert.deepStrictEqual(exec.Statement.find((s: any) => s.Sid === "Secrets").Resource, [SECRET]);
    });

    it("sidecar: the ADOT image from the given private mirror, which the execution role may pull from, with its own repository and nothing else", () => {
        const defs = JSON.parse(taskDef().containerDefinitions) as Record<string, any>[];
        assert.strictEqual(defs.find((d) => d.name === "otel-collector")!.image, ADOT_MIRROR);
        const exec = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "orders-execution")!.inputs.policy));
        const repo = g.one("aws:ecr/repository:Repository");
        const pull = exec.Statement.filter((s: any) => [s.Action].flat().some((a: string) => /^ecr:(BatchGetImage|GetDownloadUrlForLayer|BatchCheckLayerAvailability)$/.test(a)));
        assert.strictEqual(pull.length, 1);
        assert.deepStrictEqual([...pull[0].Resource].sort(), [ADOT_REPO, repo.state.arn].sort());
    });

    it("service: created only after its roles' policies and the traffic-shift attachment exist", () => {
        const svc = g.one("aws:ecs/service:Service");
        const policies = g.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => ["orders-execution", "orders-task"].includes(p.name));
        const attachment = g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.name === "orders-traffic-shift")!;
        assert.strictEqual(policies.length, 2);
        for (const r of [...policies, attachment, g.one("aws:lb/listenerRule:ListenerRule")]) {
            assert.ok(svc.dependsOn.includes(r.urn), `service does not depend on ${r.name}`);
        }
    });

    it("outputs the Service Connect endpoint clients use", () => {
        assert.strictEqual(g.outputs.endpoint, "http://orders:8080");
        assert.strictEqual((g.outputs.tgs as string[]).length, 2);
    });
});

describe("MeshService (dev-like)", () => {
    let g: Graph;
    before(async () => {
        g = await runProgram(() => {
            new MeshService("orders", devArgs);
        });
    });
    const service = () => g.one("aws:ecs/service:Service").inputs as Record<string, any>;

    it("no TLS without a private CA, ECS Exec on, ssmmessages in the task role", () => {
        assert.strictEqual(service().serviceConnectConfiguration.services[0].tls, undefined);
        assert.strictEqual(service().enableExecuteCommand, true);
        const task = g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "orders-task")!;
        assert.match(String(task.inputs.policy), /ssmmessages:CreateControlChannel/);
    });

    it("ECS Exec on: the app container's root is writable (the SSM agent writes to it), the collector's stays read-only", () => {
        const defs = JSON.parse(String(g.one("aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)) as Record<string, any>[];
        assert.deepStrictEqual(defs.map((d) => [d.name, d.readonlyRootFilesystem]), [["app", false], ["otel-collector", true]]);
    });

    it("rolling: one target group, no advanced configuration, circuit breaker still on", () => {
        assert.strictEqual(g.ofType("aws:lb/targetGroup:TargetGroup").length, 1);
        assert.strictEqual(service().loadBalancers[0].advancedConfiguration, undefined);
        assert.deepStrictEqual(service().deploymentCircuitBreaker, { enable: true, rollback: true });
        assert.strictEqual(service().deploymentConfiguration.strategy, "ROLLING");
    });

    it("rolling: scales on the predefined ALBRequestCountPerTarget of its only group", () => {
        const configs = g.ofType("aws:appautoscaling/policy:Policy").map((p) => (p.inputs as any).targetTrackingScalingPolicyConfiguration);
        assert.ok(configs.every((c) => c.customizedMetricSpecification === undefined));
        const requests = configs.find((c) => c.predefinedMetricSpecification.predefinedMetricType === "ALBRequestCountPerTarget")!;
        assert.strictEqual(requests.predefinedMetricSpecification.resourceLabel, `app/alb/1/${g.named("orders-tg").state.arnSuffix}`);
        assert.strictEqual(requests.targetValue, 1000);
    });

    it("without a mirror: the pinned public ADOT image, the service's own repository only; still after its roles' policies", () => {
        const defs = JSON.parse(String(g.one("aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions)) as Record<string, any>[];
        assert.strictEqual(defs.find((d) => d.name === "otel-collector")!.image, "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0");
        const exec = JSON.parse(String(g.ofType("aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "orders-execution")!.inputs.policy));
        assert.deepStrictEqual(exec.Statement.find((s: any) => s.Sid === "EcrPull").Resource, [g.one("aws:ecr/repository:Repository").state.arn]);
        const deps = g.one("aws:ecs/service:Service").dependsOn;
        assert.ok(g.ofType("aws:iam/rolePolicy:RolePolicy").every((p) => deps.includes(p.urn)));
    });

    it("Fargate Spot beyond one on-demand task; nothing protected", () => {
        assert.deepStrictEqual(service().capacityProviderStrategies.map((s: any) => s.capacityProvider), ["FARGATE", "FARGATE_SPOT"]);
        assert.ok(g.resources.every((r) => !r.protect));
        assert.strictEqual(g.ofType("aws:appautoscaling/policy:Policy").length, 2);
    });
});

describe("MeshService validation", () => {
    it("refuses an invalid CPU/memory pair before anything is registered", () => {
        assert.throws(() => validateMeshServiceArgs(baseArgs({ cpu: 512, memory: 512 })), /cpu\/memory: memory 512 MiB is not valid with cpu 512; accepted with cpu 512: 1024, 2048, 3072, 4096 MiB/);
    });
    it("refuses a call whose callee is not resolved, and a self-call", () => {
        assert.throws(() => validateMeshServiceArgs(baseArgs({ calls: ["users", "payments"] })), /callees: must cover calls exactly \(missing: payments/);
        assert.throws(() => validateMeshServiceArgs(baseArgs({ calls: ["orders"], callees: { orders: { securityGroupId: "sg", port: 8443 } } })), /orders calls itself/);
    });
    it("refuses bad path patterns, bad strategy values, root users and non-secret ARNs", () => {
        assert.throws(() => validateMeshServiceArgs(baseArgs({ pathPatterns: ["orders"] })), /path pattern "orders" must start with "\/"/);
        assert.throws(() => validateMeshServiceArgs(baseArgs({ deployment: { canaryPercent: 0 } })), /deployment.canaryPercent 0: from 0.1 to 100/);
        assert.throws(() => validateMeshServiceArgs(baseArgs({ user: "0:0" })), /never run as root/);
        assert.throws(() => validateMeshServiceArgs(baseArgs({ secrets: { X: "arn:aws:ssm:us-east-1:1:parameter/x" } })), /secrets.X: .*not a Secrets Manager secret ARN/);
        assert.throws(() => validateMeshServiceArgs(baseArgs({ meshIngressPort: 8080 })), /must differ from containerPort/);
        for (const clash of [8080, 8443]) {
            assert.throws(() => validateMeshServiceArgs(baseArgs({ targetTlsPort: clash })), new RegExp(`targetTlsPort ${clash}: must differ from containerPort and meshIngressPort`));
        }
        assert.throws(() => validateMeshServiceArgs(baseArgs({ targetTlsPort: 0 })), /targetTlsPort 0: a port from 1 to 65535/);
        assert.doesNotThrow(() => validateMeshServiceArgs(baseArgs({ targetTlsPort: 8081 })));
    });
    it("a bad component registers no child", async () => {
        await assert.rejects(runProgram(() => new MeshService("orders", baseArgs({ memory: 3000 }))), (e: any) => {
            assert.match(e.message, /Invalid MeshService "orders"/);
            assert.ok(e.registered.every((r: any) => !r.type.startsWith("aws:")));
            return true;
        });
    });
});
