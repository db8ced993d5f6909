import * as assert from "assert";
import { ADOT_CONTAINER, APP_CONTAINER, containerDefinitions, isRootUser } from "../../components/mesh/container-definitions";
import { executionRolePolicy, secretArnOf, taskRolePolicy, TRACING_STATEMENT } from "../../components/mesh/iam-policies";

const SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf";

describe("iam-policies", () => {
    it("execution role: pull from its repositories, write its log group, read exactly the given secrets", () => {
        const doc = executionRolePolicy({ repositoryArns: ["arn:repo", "arn:adot", "arn:repo"], logGroupArn: "arn:lg", secretValueFroms: [`${SECRET}:password::`, SECRET] });
        const bySid = Object.fromEntries(doc.Statement.map((s) => [s.Sid, s]));
        assert.deepStrictEqual(bySid.EcrPull.Resource, ["arn:adot", "arn:repo"]);
        assert.strictEqual(bySid.Logs.Resource, "arn:lg:*");
        assert.deepStrictEqual(bySid.Secrets.Resource, [SECRET]);
        assert.strictEqual(bySid.SecretKeys, undefined);
        // Only the ECR token action, which has no resource type, is on "*".
        assert.deepStrictEqual(doc.Statement.filter((s) => s.Resource === "*").map((s) => s.Action), ["ecr:GetAuthorizationToken"]);
    });

    it("execution role without secrets has no Secrets Manager statement", () => {
        assert.ok(!JSON.stringify(executionRolePolicy({ repositoryArns: ["r"], logGroupArn: "l", secretValueFroms: [] })).includes("secretsmanager"));
    });

    it("execution role refuses an empty repository list (ECR pull is never on \"*\")", () => {
        assert.throws(() => executionRolePolicy({ repositoryArns: [], logGroupArn: "l", secretValueFroms: [] }), /repositoryArns/);
    });

    it("task role: exactly the handed statements plus tracing; ssmmessages only with ECS Exec", () => {
        const handed = [{ Effect: "Allow" as const, Action: "dynamodb:GetItem", Resource: "arn:table" }];
        assert.deepStrictEqual(taskRolePolicy(handed, false).Statement, [handed[0], TRACING_STATEMENT]);
        assert.ok(!JSON.stringify(taskRolePolicy(handed, false)).includes("ssmmessages"));
        assert.ok(JSON.stringify(taskRolePolicy(handed, true)).includes("ssmmessages:OpenDataChannel"));
    });

    it("secretArnOf strips the JSON key and refuses a non-secret ARN", () => {
        assert.strictEqual(secretArnOf(`${SECRET}:username:AWSCURRENT:`), SECRET);
        assert.throws(() => secretArnOf("arn:aws:ssm:us-east-1:1:parameter/x"), /not a Secrets Manager secret ARN/);
    });
});

describe("container-definitions", () => {
    const defs = containerDefinitions({
        serviceName: "orders",
        image: "repo:1",
        containerPort: 8080,
        region: "us-east-1",
        logGroupName: "/ecs/orders",
        environment: { B: "2", A: "1" },
        secrets: { DB_PASSWORD: `${SECRET}:password::` },
        healthCheckCommand: ["CMD-SHELL", "curl -f http://localhost:8080/health"],
        user: "10001:10001",
        adotImage: "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0",
    }) as Record<string, any>[];
    const [app, collector] = defs;

    it("app: non-root, read-only root with a writable /tmp, named HTTP port, health check, secrets by reference", () => {
        assert.strictEqual(app.name, APP_CONTAINER);
        assert.strictEqual(app.user, "10001:10001");
        assert.strictEqual(app.readonlyRootFilesystem, true);
        assert.deepStrictEqual(app.mountPoints, [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }]);
        assert.deepStrictEqual(app.portMappings, [{ name: "http", containerPort: 8080, protocol: "tcp", appProtocol: "http" }]);
        assert.deepStrictEqual(app.secrets, [{ name: "DB_PASSWORD", valueFrom: `${SECRET}:password::` }]);
        assert.deepStrictEqual(app.environment.slice(0, 2), [{ name: "A", value: "1" }, { name: "B", value: "2" }]);
        assert.ok(app.healthCheck.command.length > 0);
    });

    it("each container logs with awslogs to /ecs/<service> under its own stream prefix", () => {
        assert.deepStrictEqual(defs.map((d) => [d.logConfiguration.options["awslogs-group"], d.logConfiguration.options["awslogs-stream-prefix"]]), [["/ecs/orders", APP_CONTAINER], ["/ecs/orders", ADOT_CONTAINER]]);
    });

    it("the ADOT sidecar is pinned, non-root, and exports traces to X-Ray", () => {
        assert.match(collector.image, /aws-otel-collector:v\d+\.\d+\.\d+$/);
        assert.ok(!isRootUser(collector.user));
        assert.match(collector.environment[0].value, /awsxray/);
    });

    it("every container health check starts with CMD or CMD-SHELL, as ECS requires", () => {
        for (const d of defs) {
            assert.ok(["CMD", "CMD-SHELL"].includes(d.healthCheck.command[0]), `${d.name}: ${JSON.stringify(d.healthCheck.command)}`);
        }
    });

    it("isRootUser recognises root by name and by uid 0", () => {
        assert.ok(isRootUser("root") && isRootUser("0") && isRootUser("0:0") && isRootUser(""));
        assert.ok(!isRootUser("10001:10001"));
    });
});
