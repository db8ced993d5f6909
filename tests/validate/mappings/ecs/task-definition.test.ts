import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ecs.TaskDefinition", () => {
    it("becomes an AWS::ECS::TaskDefinition with sizes as strings and container definitions in CloudFormation's casing", () => {
        const containers = [{
            name: "app", image: "public.ecr.aws/nginx/nginx:1.27", essential: true, readonlyRootFilesystem: true, user: "1000",
            portMappings: [{ containerPort: 8080, protocol: "tcp", name: "http", appProtocol: "http" }],
            environment: [{ name: "PORT", value: "8080" }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app" } },
            healthCheck: { command: ["CMD-SHELL", "curl -f http://localhost:8080/health"], interval: 30 },
            dockerLabels: { "com.example.team": "platform" },
        }];
        const task = planned("aws:ecs/taskDefinition:TaskDefinition", "dev-app", {
            family: "dev-app", cpu: "512", memory: "1024", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"],
            containerDefinitions: JSON.stringify(containers),
            runtimePlatform: { cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX" },
            ephemeralStorage: { sizeInGib: 21 },
            volumes: [{ name: "tmp" }],
        });
        assert.deepStrictEqual(translated(task), {
            Type: "AWS::ECS::TaskDefinition",
            Properties: {
                Family: "dev-app", Cpu: "512", Memory: "1024", NetworkMode: "awsvpc", RequiresCompatibilities: ["FARGATE"],
                ContainerDefinitions: [{
                    Name: "app", Image: "public.ecr.aws/nginx/nginx:1.27", Essential: true, ReadonlyRootFilesystem: true, User: "1000",
                    PortMappings: [{ ContainerPort: 8080, Protocol: "tcp", Name: "http", AppProtocol: "http" }],
                    Environment: [{ Name: "PORT", Value: "8080" }],
                    LogConfiguration: { LogDriver: "awslogs", Options: { "awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app" } },
                    HealthCheck: { Command: ["CMD-SHELL", "curl -f http://localhost:8080/health"], Interval: 30 },
                    DockerLabels: { "com.example.team": "platform" },
                }],
                RuntimePlatform: { CpuArchitecture: "ARM64", OperatingSystemFamily: "LINUX" },
                EphemeralStorage: { SizeInGiB: 21 },
                Volumes: [{ Name: "tmp" }],
            },
        });
    });
});
