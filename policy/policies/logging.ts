import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { containersOf, hasCompanion } from "./common";

/** Logging on every edge and data service. */

export const loadBalancerAccessLogs: ResourceValidationPolicy = {
    name: "alb-access-logs",
    description: "Application load balancers write access logs to S3 (FSBP ELB.5, AwsSolutions-ELB2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP ELB.5", "AwsSolutions-ELB2"],
    validateResource: validateResourceOfType(aws.lb.LoadBalancer, (lb, _a, report) => {
        if ((lb.loadBalancerType ?? "application") === "application" && (lb.accessLogs?.enabled !== true || !lb.accessLogs.bucket)) {
            report("accessLogs must be enabled with a bucket.");
        }
    }),
};

export const cloudFrontAccessLogs: ResourceValidationPolicy = {
    name: "cloudfront-access-logs",
    description: "CloudFront distributions log requests (FSBP CloudFront.5, AwsSolutions-CFR3).",
    enforcementLevel: "mandatory",
    tags: ["FSBP CloudFront.5", "AwsSolutions-CFR3"],
    validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _a, report) => {
        if (!d.loggingConfig?.bucket) {
            report("loggingConfig.bucket must be set.");
        }
    }),
};

export const apiStageLogging: ResourceValidationPolicy = {
    name: "api-stage-logging",
    description: "API Gateway stages write JSON access logs and X-Ray traces; methods log execution errors (FSBP APIGateway.1, APIGateway.3, AwsSolutions-APIG1, AwsSolutions-APIG6).",
    enforcementLevel: "mandatory",
    tags: ["FSBP APIGateway.1", "FSBP APIGateway.3", "AwsSolutions-APIG1", "AwsSolutions-APIG6"],
    validateResource: [
        validateResourceOfType(aws.apigateway.Stage, (stage, _a, report) => {
            if (!stage.accessLogSettings?.destinationArn) {
                report("accessLogSettings.destinationArn must be set.");
            }
            if (stage.xrayTracingEnabled !== true) {
                report("xrayTracingEnabled must be true.");
            }
        }),
        validateResourceOfType(aws.apigateway.MethodSettings, (ms, _a, report) => {
            const level = ms.settings?.loggingLevel;
            if (level !== "ERROR" && level !== "INFO") {
                report(`settings.loggingLevel must be ERROR or INFO, not ${level ?? "unset"}.`);
            }
        }),
    ],
};

export const dataServiceLogging: ResourceValidationPolicy = {
    name: "data-service-logging",
    description:
        "Databases export their logs to CloudWatch (FSBP RDS.9), trails validate their log files (FSBP CloudTrail.4), ECS containers send logs " +
        "(FSBP ECS.9, AwsSolutions-ECS7) and clusters have Container Insights (FSBP ECS.12, AwsSolutions-ECS4).",
    enforcementLevel: "mandatory",
    tags: ["FSBP RDS.9", "FSBP CloudTrail.4", "FSBP ECS.9", "FSBP ECS.12", "AwsSolutions-ECS4", "AwsSolutions-ECS7"],
    validateResource: [
        validateResourceOfType(aws.rds.Instance, (db, _a, report) => {
            if (!Array.isArray(db.enabledCloudwatchLogsExports) || db.enabledCloudwatchLogsExports.length === 0) {
                report("enabledCloudwatchLogsExports must list the engine's logs.");
            }
        }),
        validateResourceOfType(aws.cloudtrail.Trail, (trail, _a, report) => {
            if (trail.enableLogFileValidation !== true) {
                report("enableLogFileValidation must be true.");
            }
        }),
        validateResourceOfType(aws.ecs.TaskDefinition, (td, _a, report) => {
            const silent = containersOf(td.containerDefinitions).filter((c) => !(c.logConfiguration as { logDriver?: string } | undefined)?.logDriver);
            if (silent.length > 0) {
                report(`containers without logConfiguration: ${silent.map((c) => String(c.name)).join(", ")}.`);
            }
        }),
        validateResourceOfType(aws.ecs.Cluster, (cluster, _a, report) => {
            const insights = (cluster.settings ?? []).find((s) => s.name === "containerInsights")?.value;
            if (insights !== "enabled" && insights !== "enhanced") {
                report("the containerInsights setting must be enabled or enhanced.");
            }
        }),
    ],
};

export const wafAndFlowLogging: StackValidationPolicy = {
    name: "waf-and-vpc-logging",
    description: "Every WAF web ACL has a logging configuration (FSBP WAF.11) and every VPC has a flow log (FSBP EC2.6, AwsSolutions-VPC7).",
    enforcementLevel: "mandatory",
    tags: ["FSBP WAF.11", "FSBP EC2.6", "AwsSolutions-VPC7"],
    validateStack: (args, report) => {
        for (const acl of args.resources.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl")) {
            if (!hasCompanion(args.resources, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", acl)) {
                report(`web ACL ${acl.name} has no WebAclLoggingConfiguration.`, acl.urn);
            }
        }
        for (const vpc of args.resources.filter((r) => r.type === "aws:ec2/vpc:Vpc")) {
            if (!hasCompanion(args.resources, "aws:ec2/flowLog:FlowLog", vpc)) {
                report(`VPC ${vpc.name} has no flow log.`, vpc.urn);
            }
        }
    },
};

export const loggingPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [loadBalancerAccessLogs, cloudFrontAccessLogs, apiStageLogging, dataServiceLogging, wafAndFlowLogging];
