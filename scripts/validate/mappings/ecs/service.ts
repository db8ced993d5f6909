import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

/** Options of a log driver are the driver's own keys. */
const LOG_OPTIONS = new Set(["options"]);

/** Pulumi types bake times as strings; CloudFormation as integers. */
function minutes(value: string | undefined): number | undefined {
    return value === undefined ? undefined : Number(value);
}

export const service = resourceMapping<aws.ecs.ServiceArgs>({
    pulumiType: "aws:ecs/service:Service",
    cfnType: "AWS::ECS::Service",
    // A service's Ref is its ARN; its name is an attribute.
    attributes: { arn: REF, id: REF, name: "Name" },
    noEquivalent: {
        forceDelete: "CloudFormation drains a service before deleting it",
        triggers: "Pulumi's way to force a new deployment",
        waitForSteadyState: "CloudFormation always waits for a service to stabilise",
        sigintRollback: "a Pulumi-side reaction to an interrupted update",
    },
    translate: (i, ctx) => {
        const deployment = i.deploymentConfiguration;
        const connect = i.serviceConnectConfiguration;
        return {
            properties: {
                ServiceName: verbatim(i.name),
                Cluster: i.cluster,
                TaskDefinition: i.taskDefinition,
                DesiredCount: i.desiredCount,
                LaunchType: i.launchType,
                PlatformVersion: i.platformVersion,
                SchedulingStrategy: i.schedulingStrategy,
                CapacityProviderStrategy: i.capacityProviderStrategies?.map((s) => ({ CapacityProvider: s.capacityProvider, Base: s.base, Weight: s.weight })),
                AvailabilityZoneRebalancing: i.availabilityZoneRebalancing,
                NetworkConfiguration: i.networkConfiguration && {
                    AwsvpcConfiguration: {
                        Subnets: i.networkConfiguration.subnets,
                        SecurityGroups: i.networkConfiguration.securityGroups,
                        AssignPublicIp: i.networkConfiguration.assignPublicIp === undefined ? undefined : i.networkConfiguration.assignPublicIp ? "ENABLED" : "DISABLED",
                    },
                },
                LoadBalancers: i.loadBalancers?.map((lb) => ({
                    ContainerName: lb.containerName,
                    ContainerPort: lb.containerPort,
                    TargetGroupArn: lb.targetGroupArn,
                    LoadBalancerName: lb.elbName,
                    AdvancedConfiguration: pascalCaseKeys(lb.advancedConfiguration),
                })),
                HealthCheckGracePeriodSeconds: i.healthCheckGracePeriodSeconds,
                // Pulumi spreads the deployment settings over five inputs; CloudFormation nests them.
                DeploymentController: i.deploymentController && { Type: i.deploymentController.type },
                DeploymentConfiguration: {
                    MaximumPercent: i.deploymentMaximumPercent,
                    MinimumHealthyPercent: i.deploymentMinimumHealthyPercent,
                    DeploymentCircuitBreaker: i.deploymentCircuitBreaker && { Enable: i.deploymentCircuitBreaker.enable, Rollback: i.deploymentCircuitBreaker.rollback },
                    Alarms: i.alarms && { AlarmNames: i.alarms.alarmNames, Enable: i.alarms.enable, Rollback: i.alarms.rollback },
                    Strategy: deployment?.strategy,
                    BakeTimeInMinutes: minutes(deployment?.bakeTimeInMinutes),
                    CanaryConfiguration: deployment?.canaryConfiguration && {
                        CanaryBakeTimeInMinutes: minutes(deployment.canaryConfiguration.canaryBakeTimeInMinutes),
                        CanaryPercent: deployment.canaryConfiguration.canaryPercent,
                    },
                    LinearConfiguration: deployment?.linearConfiguration && {
                        StepBakeTimeInMinutes: minutes(deployment.linearConfiguration.stepBakeTimeInMinutes),
                        StepPercent: deployment.linearConfiguration.stepPercent,
                    },
                    LifecycleHooks: pascalCaseKeys(deployment?.lifecycleHooks),
                },
                ServiceConnectConfiguration: connect && {
                    Enabled: connect.enabled,
                    Namespace: connect.namespace,
                    LogConfiguration: pascalCaseKeys(connect.logConfiguration, LOG_OPTIONS),
                    AccessLogConfiguration: pascalCaseKeys(connect.accessLogConfiguration),
                    Services: connect.services?.map((s) => ({
                        PortName: s.portName,
                        DiscoveryName: s.discoveryName,
                        IngressPortOverride: s.ingressPortOverride,
                        ClientAliases: pascalCaseKeys(s.clientAlias),
                        Timeout: pascalCaseKeys(s.timeout),
                        Tls: s.tls && {
                            IssuerCertificateAuthority: { AwsPcaAuthorityArn: s.tls.issuerCertAuthority?.awsPcaAuthorityArn },
                            KmsKey: s.tls.kmsKey,
                            RoleArn: s.tls.roleArn,
                        },
                    })),
                },
                ServiceRegistries: pascalCaseKeys(i.serviceRegistries === undefined ? undefined : [i.serviceRegistries]),
                PlacementConstraints: pascalCaseKeys(i.placementConstraints),
                PlacementStrategies: pascalCaseKeys(i.orderedPlacementStrategies),
                EnableECSManagedTags: i.enableEcsManagedTags,
                EnableExecuteCommand: i.enableExecuteCommand,
                PropagateTags: i.propagateTags,
                ForceNewDeployment: i.forceNewDeployment === undefined ? undefined : { EnableForceNewDeployment: i.forceNewDeployment },
                Role: i.iamRole,
                VolumeConfigurations: pascalCaseKeys(i.volumeConfiguration === undefined ? undefined : [i.volumeConfiguration]),
                VpcLatticeConfigurations: pascalCaseKeys(i.vpcLatticeConfigurations),
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
