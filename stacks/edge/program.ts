import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { SecureApi } from "../../components/edge/secure-api";
import { AlarmOverride } from "../../components/observability/alarm-catalogue";
import { EdgeObservability } from "../../components/observability/edge-observability";
import { SloOverride } from "../../components/observability/slo-catalogue";
import { isStringList, platformStackChoice, pulumiRawConfig, RawConfig, stackOutputReader } from "../config/reader";
import { checkProductionEdgeConfig, EDGE_PROJECT, loadEdgeConfig } from "./config";

/**
 * The public edge of one environment (E1-E6): CloudFront -> WAF -> API Gateway -> VPC link -> the
 * platform's internal ALB. Its own stack, so that nothing waits for it: no service uses it, and its
 * slow resources (the stage's cache cluster, the distribution) deploy alongside the services, not
 * before them. Config is validated first; it reads only the platform stack of the same environment,
 * and follows the platform's `production` flag, region, tags and log retention.
 */
export async function edgeProgram(raw: RawConfig = pulumiRawConfig(path.resolve(__dirname, "../../edge"))) {
    const config = loadEdgeConfig(raw, pulumi.getStack());
    const env = config.environment;
    const platform = new pulumi.StackReference(config.platformStack);
    const get = stackOutputReader(platform, `${EDGE_PROJECT}/${env}`, platformStackChoice(raw, EDGE_PROJECT, config.platformStack));
    // Values the program branches on or that SecureApi takes as plain values; ids and ARNs stay outputs.
    const production = await get<boolean>("production", (v) => typeof v === "boolean", "true or false");
    checkProductionEdgeConfig(config, production);
    const region = await get<string>("region", (v) => typeof v === "string" && v !== "", "an AWS region code");
    const logRetentionDays = await get<number>("logRetentionDays", (v) => typeof v === "number", "a number of days");
    const tags = await get<Record<string, string>>("tags", (v) => typeof v === "object" && v !== null && !Array.isArray(v), "the platform's tags");
    const privateSubnetIds = await get<string[]>("privateSubnetIds", isStringList, "a list of subnet ids");
    const albListenerPort = await get<number>("albListenerPort", (v) => v === 80 || v === 443, "80 or 443");
    const albListenerProtocol = await get<"HTTP" | "HTTPS">("albListenerProtocol", (v) => v === "HTTP" || v === "HTTPS", "HTTP or HTTPS");
    const alarmOverrides = await get<AlarmOverride[]>("alarmOverrides", Array.isArray, "a list of alarm overrides");
    const sloOverrides = await get<SloOverride[]>("sloOverrides", Array.isArray, "a list of SLO overrides");
    const out = (key: string) => platform.requireOutput(key) as pulumi.Output<string>;

    // The platform's tags (environment, owner, cost centre), with this project's name.
    const provider = new aws.Provider(`${env}-edge-aws`, { region: region as aws.Region, defaultTags: { tags: { ...tags, project: EDGE_PROJECT } } });
    // Named after the environment, as it was inside the platform: its resources keep their names.
    const edge = new SecureApi(env, {
        region,
        albArn: out("albArn"),
        albListenerArn: out("albListenerArn"),
        albListenerPort,
        albListenerProtocol,
        albSecurityGroupId: out("albSecurityGroupId"),
        albDnsName: out("albDnsName"),
        // Over HTTPS the name on the ALB's certificate, which API Gateway verifies (the DNS name over HTTP).
        albHostName: out("albHostName"),
        vpcId: out("vpcId"),
        privateSubnetIds,
        integrationMode: config.integrationMode,
        servicePrefixes: config.servicePrefixes,
        logKmsKeyArn: out("observabilityKeyArn"),
        logRetentionDays,
        protect: production,
        wafRateLimit: config.wafRateLimit,
        userPoolTier: config.userPoolTier,
        customDomain: config.customDomain,
    }, { providers: [provider] });

    // Alarms on every stage, distribution and web ACL, and the API's SLOs, to the environment's topics.
    const observability = new EdgeObservability(`${env}-edge`, {
        environment: env,
        region,
        alertTopicArn: out("alertTopicArn"),
        ticketTopicArn: out("ticketTopicArn"),
        stages: [{ name: "api", apiName: edge.apiName, stageName: edge.stageName }],
        distributions: [{ name: "cdn", distributionId: edge.distributionId }],
        webAcls: [{ name: "regional-waf", aclName: edge.webAclNames.regional, scope: "REGIONAL" }, { name: "cloudfront-waf", aclName: edge.webAclNames.cloudFront, scope: "CLOUDFRONT" }],
        alarmOverrides,
        sloOverrides,
    }, { providers: [provider] });

    return {
        apiUrl: edge.url,
        apiId: edge.apiId,
        apiStage: edge.stageName,
        userPoolId: edge.userPoolId,
        userPoolClientId: edge.userPoolClientId,
        webBucketName: edge.webBucketName,
        distributionId: edge.distributionId,
        // What watches the edge: the alarms by name, the API's SLOs with their burn-rate alarms, the dashboard.
        alarmNames: observability.alarmNames,
        slos: observability.slos,
        sloAlarmNames: Object.keys(observability.sloAlarmArns),
        dashboardName: observability.dashboardName,
    };
}

export type EdgeOutputs = Awaited<ReturnType<typeof edgeProgram>>;
