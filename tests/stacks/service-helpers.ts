import * as path from "path";
import { discoverProjects } from "../../scripts/lib/projects";
import { serviceProgram } from "../../stacks/service/program";
import { Graph, runProgram, stackConfig } from "../helpers/graph";

export const ROOT = path.resolve(__dirname, "../..");
export const appDir = (service: string) => path.join(ROOT, "apps", service);

/** Recognisable fake platform outputs: every value is unique, so a test can follow it to the resource it reaches. */
export function fakePlatform(production: boolean, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const arn = (service: string, rest: string) => `arn:aws:${service}:us-east-1:111122223333:${rest}`;
    return {
        environment: production ? "prod" : "dev",
        region: "us-east-1",
        production,
        tags: { environment: production ? "prod" : "dev" },
        logRetentionDays: production ? 365 : 7,
        vpcId: "vpc-fake0001",
        privateSubnetIds: ["subnet-fakepriv1", "subnet-fakepriv2", "subnet-fakepriv3"],
        isolatedSubnetIds: ["subnet-fakeiso1", "subnet-fakeiso2", "subnet-fakeiso3"],
        securityGroupIds: { app: "sg-fakeapp", loadBalancer: "sg-fakelb", data: "sg-fakedata", endpoints: "sg-fakeendpoints" },
        alertTopicArn: arn("sns", "fake-alerts"),
        ticketTopicArn: arn("sns", "fake-tickets"),
        observabilityKeyArn: arn("kms", "key/fake-observability-key"),
        alarmOverrides: [],
        sloOverrides: [],
        clusterName: "fake-cluster",
        clusterArn: arn("ecs", "cluster/fake-cluster"),
        serviceConnectNamespaceArn: arn("servicediscovery", "namespace/ns-fake"),
        serviceConnectNamespaceName: "fake.mesh.internal",
        privateCaArn: production ? arn("acm-pca", "certificate-authority/fake-ca") : "",
        serviceConnectTlsRoleArn: production ? "arn:aws:iam::111122223333:role/fake-sc-tls" : "",
        albArn: arn("elasticloadbalancing", "loadbalancer/app/fake-alb/0123"),
        albArnSuffix: "app/fake-alb/0123",
        albListenerArn: arn("elasticloadbalancing", "listener/app/fake-alb/0123/4567"),
        albListenerProtocol: production ? "HTTPS" : "HTTP",
        albSecurityGroupId: "sg-fakealb",
        adotImageUri: "111122223333.dkr.ecr.us-east-1.amazonaws.com/fake-adot-mirror:v0.40.0",
        adotRepositoryArn: arn("ecr", "repository/fake-adot-mirror"),
        serviceSecurityGroupIds: Object.fromEntries(discoverProjects(ROOT).filter((p) => p.kind === "service").map((p) => [p.name, `sg-fake${p.name}`])),
        ...overrides,
    };
}

export function runService(service: string, stack: "dev" | "prod", opts: { config?: Record<string, string>; stackOutputs?: Record<string, Record<string, unknown>> } = {}): Promise<Graph> {
    return runProgram(() => serviceProgram(), {
        project: service,
        stack,
        config: stackConfig(appDir(service), stack, opts.config ?? {}),
        stackOutputs: opts.stackOutputs ?? { [`organization/platform/${stack}`]: fakePlatform(stack === "prod") },
    });
}

export const ECS_SERVICE = "aws:ecs/service:Service";
export const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
export const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
export type Obj = Record<string, unknown>;

/** The task definition's containers, as ECS receives them. */
export function containers(g: Graph): { name: string; image: string; environment: { name: string; value: string }[]; secrets?: { name: string; valueFrom: string }[] }[] {
    return JSON.parse(String(g.one("aws:ecs/taskDefinition:TaskDefinition").inputs.containerDefinitions));
}

/** The app container's environment variables. */
export const appEnv = (g: Graph): Record<string, string> => Object.fromEntries(containers(g).find((c) => c.name === "app")!.environment.map((e) => [e.name, e.value]));
