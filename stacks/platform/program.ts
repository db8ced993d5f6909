import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureApi } from "../../components/edge/secure-api";
import { ServiceMeshPlatform } from "../../components/mesh/platform";
import { Network } from "../../components/network/network";
import { ObservabilityKit } from "../../components/observability/kit";
import { pulumiRawConfig, RawConfig } from "../config/reader";
import { loadPlatformConfig } from "./config";

/**
 * The shared platform stack of one environment. Config is validated first, so a bad value stops
 * the program before any resource is registered. The returned object is the stack's outputs: the
 * contract that service stacks read through `StackReference` (see README, "Stack outputs").
 */
export function platformProgram(raw: RawConfig = pulumiRawConfig()) {
    const config = loadPlatformConfig(raw, pulumi.getStack());
    const env = config.environment;

    // Default tags on the provider reach every taggable resource without repeating them (S4).
    const provider = new aws.Provider(`${env}-aws`, { region: config.region as aws.Region, defaultTags: { tags: { ...config.tags } } });

    const observability = new ObservabilityKit(env, {
        environment: env,
        region: config.region,
        logRetentionDays: config.logRetentionDays,
        alertEmails: config.observability.alertEmails,
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
        albCertificateArn: config.mesh.albCertificateArn,
        accessLogRetentionDays: config.logRetentionDays,
        protect: config.production,
    }, { providers: [provider] });

    // The public edge (E1-E6): CloudFront -> WAF -> API Gateway -> VPC link -> the mesh's internal ALB.
    const albHttps = config.mesh.albCertificateArn !== "";
    const edge = new SecureApi(env, {
        region: config.region,
        albArn: mesh.albArn,
        albListenerArn: mesh.albListenerArn,
        albListenerPort: albHttps ? 443 : 80,
        albListenerProtocol: albHttps ? "HTTPS" : "HTTP",
        albSecurityGroupId: mesh.albSecurityGroupId,
        albDnsName: mesh.albDnsName,
        vpcId: network.vpcId,
        privateSubnetIds: network.privateSubnetIds,
        integrationMode: config.edge.integrationMode,
        servicePrefixes: config.edge.servicePrefixes,
        logKmsKeyArn: observability.keyArn,
        logRetentionDays: config.logRetentionDays,
        protect: config.production,
        wafRateLimit: config.edge.wafRateLimit,
        userPoolTier: config.edge.userPoolTier,
        customDomain: config.edge.customDomain,
    }, { providers: [provider] });

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
        observabilityKeyArn: observability.keyArn,
        trailName: observability.trailName,
        trailBucketName: observability.trailBucketName,
        environmentDashboardName: observability.dashboardName,
        xrayGroupName: observability.xrayGroupName,
        // Parsed once here; service stacks hand them to ServiceObservability as they are.
        alarmOverrides: config.observability.alarmOverrides,
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
        // The edge: what clients and application teams use.
        apiUrl: edge.url,
        apiId: edge.apiId,
        apiStage: edge.stageName,
        userPoolId: edge.userPoolId,
        userPoolClientId: edge.userPoolClientId,
        webBucketName: edge.webBucketName,
        distributionId: edge.distributionId,
    };
}

export type PlatformOutputs = ReturnType<typeof platformProgram>;
