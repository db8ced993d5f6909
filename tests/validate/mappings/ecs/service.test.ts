import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ecs.Service", () => {
    it("becomes an AWS::ECS::Service with its deployment settings nested and Service Connect spelled the CloudFormation way", () => {
        const svc = planned("aws:ecs/service:Service", "entities", {
            name: "entities", cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/dev", taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/entities:1", desiredCount: 2,
            capacityProviderStrategies: [{ capacityProvider: "FARGATE", weight: 1, base: 1 }],
            networkConfiguration: { subnets: ["subnet-0123456789abcdef0"], securityGroups: ["sg-0123456789abcdef0"], assignPublicIp: false },
            deploymentCircuitBreaker: { enable: true, rollback: true }, deploymentMaximumPercent: 200, deploymentMinimumHealthyPercent: 100,
            deploymentConfiguration: { strategy: "CANARY", bakeTimeInMinutes: "10", canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: "5" } },
            serviceConnectConfiguration: {
                enabled: true, namespace: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-0123456789abcdef",
                logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/dev/entities" } },
                services: [{ portName: "http", discoveryName: "entities", clientAlias: [{ port: 8080, dnsName: "entities" }], timeout: { perRequestTimeoutSeconds: 15 },
                    tls: { issuerCertAuthority: { awsPcaAuthorityArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0a1b" } } }],
            },
            waitForSteadyState: false,
        });
        const p = translated(svc).Properties;
        assert.deepStrictEqual(p.NetworkConfiguration, { AwsvpcConfiguration: { Subnets: ["subnet-0123456789abcdef0"], SecurityGroups: ["sg-0123456789abcdef0"], AssignPublicIp: "DISABLED" } });
        assert.deepStrictEqual(p.DeploymentConfiguration, {
            MaximumPercent: 200, MinimumHealthyPercent: 100, DeploymentCircuitBreaker: { Enable: true, Rollback: true },
            Strategy: "CANARY", BakeTimeInMinutes: 10, CanaryConfiguration: { CanaryBakeTimeInMinutes: 5, CanaryPercent: 10 },
        });
        assert.deepStrictEqual((p.ServiceConnectConfiguration as Record<string, unknown>).Services, [{
            PortName: "http", DiscoveryName: "entities", ClientAliases: [{ Port: 8080, DnsName: "entities" }], Timeout: { PerRequestTimeoutSeconds: 15 },
            Tls: { IssuerCertificateAuthority: { AwsPcaAuthorityArn: { "Fn::Sub": "arn:${AWS::Partition}:acm-pca:${AWS::Region}:${AWS::AccountId}:certificate-authority/0a1b" } } },
        }]);
        assert.deepStrictEqual((p.ServiceConnectConfiguration as Record<string, unknown>).LogConfiguration, { LogDriver: "awslogs", Options: { "awslogs-group": "/ecs/dev/entities" } });
    });
});
