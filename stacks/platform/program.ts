import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { albTargetPort } from "../../components/mesh/mesh-service";
import { albListenerProtocolOf, ServiceMeshPlatform } from "../../components/mesh/platform";
import { Network } from "../../components/network/network";
import { ObservabilityKit } from "../../components/observability/kit";
import { pulumiRawConfig, RawConfig } from "../config/reader";
import { loadPlatformConfig } from "./config";

/**
 * The shared platform stack of one environment. Config is validated first, so a bad value stops
 * the program before any resource is registered. The returned object is the stack's outputs: the
 * contract that the edge and service stacks read through `StackReference` (docs/design.md, "Stack outputs of the platform stack").
 */
export function platformProgram(raw: RawConfig = pulumiRawConfig(path.resolve(__dirname, "../.."))) {
    const config = loadPlatformConfig(raw, pulumi.getStack());
    const env = config.environment;

    // Default tags on the provider reach every taggable resource without repeating them (S4).
    const provider = new aws.Provider(`${env}-aws`, { region: config.region as aws.Region, defaultTags: { tags: { ...config.tags } } });

    const observability = new ObservabilityKit(env, {
        environment: env,
        region: config.region,
        logRetentionDays: config.logRetentionDays,
        alertEmails: config.observability.alertEmails,
        ticketEmails: config.observability.ticketEmails,
        slack: config.observability.slack,
        trailDataEvents: config.observability.trailDataEvents,
        trailToCloudWatch: config.observability.trailToCloudWatch,
        protect: config.production,
    }, { providers: [provider] });

    const network = new Network(env, {
        region: config.region,
        cidrBlock: config.network.cidrBlock,
        azIds: config.network.azIds,
        egress: config.network.egress,
        interfaceEndpoints: config.network.interfaceEndpoints,
        flowLogRetentionDays: config.logRetentionDays,
        // The port the services' target groups use behind this environment's listener (TLS in production).
        appPort: albTargetPort(albListenerProtocolOf(config.mesh.albHostName)),
        // One key for the environment's log data: the observability kit's.
        flowLogKmsKeyArn: observability.keyArn,
        protect: config.production,
    }, { providers: [provider] });

    const mesh = new ServiceMeshPlatform(env, {
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        loadBalancerSecurityGroupId: network.securityGroupIds.loadBalancer,
        serviceTls: config.mesh.serviceTls,
        fargateSpot: config.mesh.fargateSpot,
        albHostName: config.mesh.albHostName,
        ...(config.mesh.hostedZoneId !== "" ? { hostedZoneId: config.mesh.hostedZoneId } : {}),
        albCertificateArn: config.mesh.albCertificateArn,
        accessLogRetentionDays: config.logRetentionDays,
        protect: config.production,
    }, { providers: [provider] });

    // Each service's task group exists before any service stack: a caller adds its rule to its
    // callee's group from here, so services neither read each other's stacks nor wait for each other.
    const serviceSecurityGroupIds = Object.fromEntries(config.mesh.services.map((svc) => [svc, new aws.ec2.SecurityGroup(`${env}-svc-${svc}`, {
        vpcId: network.vpcId,
        description: `${svc} tasks: ALB and declared callers only (rules added by the service stacks)`,
        revokeRulesOnDelete: true,
        tags: { Name: `${env}-svc-${svc}` },
    }, { provider }).id]));

    return {
        environment: env,
        region: config.region,
        production: config.production,
        tags: config.tags,
        logRetentionDays: config.logRetentionDays,
        vpcId: network.vpcId,
        vpcCidr: network.vpcCidr,
        azIds: network.azIds,
        azNames: network.azNames,
        publicSubnetIds: network.publicSubnetIds,
        privateSubnetIds: network.privateSubnetIds,
        isolatedSubnetIds: network.isolatedSubnetIds,
        subnetCidrs: network.subnetCidrs,
        publicRouteTableIds: network.publicRouteTableIds,
        privateRouteTableIds: network.privateRouteTableIds,
        isolatedRouteTableIds: network.isolatedRouteTableIds,
        securityGroupIds: network.securityGroupIds,
        natGatewayIds: network.natGatewayIds,
        interfaceEndpointIds: network.interfaceEndpointIds,
        flowLogGroupName: network.flowLogGroupName,
        alertTopicArn: observability.alertTopicArn,
        ticketTopicArn: observability.ticketTopicArn,
        observabilityKeyArn: observability.keyArn,
        trailName: observability.trailName,
        trailBucketName: observability.trailBucketName,
        trailAccessLogBucketName: observability.trailAccessLogBucketName,
        environmentDashboardName: observability.dashboardName,
        xrayGroupName: observability.xrayGroupName,
        // Parsed once here; service stacks hand them to ServiceObservability as they are.
        alarmOverrides: config.observability.alarmOverrides,
        sloOverrides: config.observability.sloOverrides,
        // The mesh: what MeshService needs (tasks also join securityGroupIds.app for egress to endpoints and data).
        clusterName: mesh.clusterName,
        clusterArn: mesh.clusterArn,
        serviceConnectNamespaceArn: mesh.namespaceArn,
        serviceConnectNamespaceName: mesh.namespaceName,
        privateCaArn: mesh.privateCaArn,
        serviceConnectTlsRoleArn: mesh.serviceConnectTlsRoleArn,
        albArn: mesh.albArn,
        albArnSuffix: mesh.albArnSuffix,
        albListenerArn: mesh.albListenerArn,
        albDnsName: mesh.albDnsName,
        albSecurityGroupId: mesh.albSecurityGroupId,
        // The ADOT sidecar mirrored into a private repository (prod has no internet egress): MeshService's adotImage and sidecarRepositoryArns.
        adotImageUri: mesh.adotImageUri,
        adotRepositoryArn: mesh.adotRepositoryArn,
        // The listener the edge's API calls, as plain values (SecureApi takes them as such).
        albListenerPort: mesh.albListenerPort,
        albListenerProtocol: mesh.albListenerProtocol,
        // The name the edge's integrations call the ALB by (the certificate's name with HTTPS).
        albHostName: mesh.albHostName,
        // Service name -> its tasks' security group (platform:services).
        serviceSecurityGroupIds,
    };
}

export type PlatformOutputs = ReturnType<typeof platformProgram>;
