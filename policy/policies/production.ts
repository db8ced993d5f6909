import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { inProtectedStack, PROTECTED_STACKS_SCHEMA } from "./common";

/**
 * What production may not go without, where dev may (config `protectedStacks`, default ["prod"]):
 * TLS 1.2+ to viewers, TLS on the API Gateway -> ALB hop, no shared static credentials. Outside the
 * protected stacks these report themselves not applicable; the advisory twins in edge-tls.ts speak
 * there instead. The audit-log check applies to every stack.
 */

type Props = Record<string, any>;

/** Reports only in the protected stacks; the stack-level twin of `inProtectedStack`. */
function protectedResources(args: StackValidationArgs): PolicyResource[] {
    return args.resources.filter((r) => inProtectedStack({ urn: r.urn, getConfig: args.getConfig }));
}

/** Whether `args` is one of `types` in a protected stack; marks it not applicable outside them. */
function inScope(args: ResourceValidationArgs, types: string[]): boolean {
    if (!types.includes(args.type)) {
        return false;
    }
    if (!inProtectedStack(args)) {
        args.notApplicable("not a protected stack");
    }
    return true;
}

export const productionViewerTls: ResourceValidationPolicy = {
    name: "production-viewer-tls",
    description:
        "In protected stacks every distribution serves its own domain with an ACM certificate, so viewers below TLS 1.2 are refused " +
        "(the *.cloudfront.net certificate still accepts TLS 1.0; FSBP CloudFront.7, AwsSolutions-CFR4).",
    enforcementLevel: "mandatory",
    tags: ["FSBP CloudFront.7", "AwsSolutions-CFR4"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: (args, report) => {
        if (!inScope(args, ["aws:cloudfront/distribution:Distribution"])) {
            return;
        }
        const vc = (args.props as Props).viewerCertificate ?? {};
        if (vc.cloudfrontDefaultCertificate === true || !vc.acmCertificateArn || ((args.props as Props).aliases ?? []).length === 0) {
            report(`${args.name} must serve a custom domain (aliases) with an ACM certificate and minimumProtocolVersion TLSv1.2_2021 or later; set edge:customDomain.`);
        }
    },
};

export const productionAlbHttps: ResourceValidationPolicy = {
    name: "production-alb-https",
    description:
        "In protected stacks no load balancer listener serves plain HTTP (HTTPS or TLS, TCP pass-through of TLS, or an HTTP listener that only redirects to HTTPS): " +
        "the API Gateway -> ALB hop carries tokens and user data (FSBP ELB.1, AwsSolutions-ELB1).",
    enforcementLevel: "mandatory",
    tags: ["FSBP ELB.1", "AwsSolutions-ELB1"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: (args, report) => {
        if (!inScope(args, ["aws:lb/listener:Listener", "aws:alb/listener:Listener"])) {
            return;
        }
        const l = args.props as Props;
        const redirects = (l.defaultActions ?? []).length > 0 && (l.defaultActions as Props[]).every((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
        if ((l.protocol ?? "HTTP") === "HTTP" && !redirects) {
            report(`${args.name}: listener on port ${l.port} serves plain HTTP; give platform:albHostName a certificate (HTTPS on 443).`);
        }
    },
};

export const productionTargetGroupsHttps: ResourceValidationPolicy = {
    name: "production-target-groups-https",
    description:
        "In protected stacks every HTTP-family target group forwards and health-checks over HTTPS, so the hop from the load balancer to the " +
        "task is encrypted too (the ALB does not validate target certificates, so a certificate the task makes at start serves; NIST 800-53 SC-8).",
    enforcementLevel: "mandatory",
    tags: ["NIST 800-53 SC-8", "HIPAA 164.312(e)(1)"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: (args, report) => {
        if (!inScope(args, ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"])) {
            return;
        }
        const g = args.props as Props;
        // Lambda targets are invoked through the Lambda API, and TCP/TLS/UDP groups belong to NLBs: neither is an HTTP hop.
        if (g.targetType === "lambda" || !["HTTP", "HTTPS", undefined].includes(g.protocol)) {
            return;
        }
        const healthProtocol = g.healthCheck?.protocol ?? "HTTP";
        if (g.protocol !== "HTTPS" || healthProtocol !== "HTTPS") {
            report(`${args.name}: target group ${g.protocol ?? "HTTP"}:${g.port} with ${healthProtocol} health checks; production target groups use HTTPS for both (MeshService targetTlsPort, set behind an HTTPS listener).`);
        }
    },
};

export const productionNoStaticSecrets: StackValidationPolicy = {
    name: "production-no-static-secrets",
    description:
        "In protected stacks no long-lived shared credential: every Secrets Manager secret rotates (a SecretRotation), caches authenticate with IAM " +
        "(a user group, no AUTH token), and databases do not take a password from the program (RDS-managed and rotated, or IAM) " +
        "(FSBP SecretsManager.1, ElastiCache.6, AwsSolutions-SMG4, AwsSolutions-AEC6).",
    enforcementLevel: "mandatory",
    tags: ["FSBP SecretsManager.1", "FSBP ElastiCache.6", "AwsSolutions-SMG4", "AwsSolutions-AEC6"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateStack: (args, report) => {
        const resources = protectedResources(args);
        for (const secret of resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret")) {
            const rotated = args.resources.some((r) => r.type === "aws:secretsmanager/secretRotation:SecretRotation" && r.dependencies.some((d) => d.urn === secret.urn));
            if (!rotated) {
                report(`secret ${secret.name} has no SecretRotation: rotate it, or do without it.`, secret.urn);
            }
        }
        for (const cache of resources.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup")) {
            const p = cache.props as Props;
            if (p.authToken !== undefined || p.authTokenWo !== undefined || (p.userGroupIds ?? []).length === 0) {
                report(`cache ${cache.name} must authenticate through a user group (IAM users), not an AUTH token.`, cache.urn);
            }
        }
        for (const db of resources.filter((r) => r.type === "aws:rds/instance:Instance")) {
            const p = db.props as Props;
            if ((p.password !== undefined || p.passwordWo !== undefined) && p.manageMasterUserPassword !== true) {
                report(`database ${db.name} takes its master password from the program; use manageMasterUserPassword (RDS rotates it).`, db.urn);
            }
        }
    },
};

export const auditBucketAccessLogging: StackValidationPolicy = {
    name: "audit-bucket-access-logging",
    description:
        "The bucket every CloudTrail trail writes to logs its own accesses (S3 server access logs) into another bucket, so reads of the audit trail are recorded " +
        "(CIS AWS Foundations 3.6, FSBP S3.9, FSBP CloudTrail.7, AwsSolutions-S1).",
    enforcementLevel: "mandatory",
    tags: ["CIS 3.6", "FSBP S3.9", "FSBP CloudTrail.7", "AwsSolutions-S1"],
    validateStack: (args, report) => {
        const buckets = args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket");
        const loggings = args.resources.filter((r) => r.type === "aws:s3/bucketLogging:BucketLogging" || r.type === "aws:s3/bucketLoggingV2:BucketLoggingV2");
        const names = (b: PolicyResource) => [(b.props as Props).bucket, (b.props as Props).id].filter((v) => typeof v === "string");
        for (const trail of args.resources.filter((r) => r.type === "aws:cloudtrail/trail:Trail")) {
            const bucketName = (trail.props as Props).s3BucketName;
            const bucket = buckets.find((b) => names(b).includes(bucketName));
            const logged = loggings.some((l) => {
                const p = l.props as Props;
                return p.bucket === bucketName && typeof p.targetBucket === "string" && p.targetBucket !== bucketName;
            });
            if (!logged) {
                report(`trail ${trail.name} writes to ${bucketName}, whose accesses are not logged to another bucket (add a BucketLogging).`, bucket?.urn ?? trail.urn);
            }
        }
    },
};

/**
 * API Gateway's REST metrics carry the dimensions ApiName and Stage; CloudFront's DistributionId.
 * An alarm "watches" a stage or distribution when its metric (or one of its metric queries) names
 * it that way, or when it references the distribution, and it notifies someone (alarm actions).
 */
function alarmDimensions(alarm: PolicyResource): Props[] {
    const p = alarm.props as Props;
    return [
        ...(p.namespace ? [{ namespace: p.namespace, ...(p.dimensions ?? {}) }] : []),
        ...((p.metricQueries ?? []) as Props[]).filter((q) => q.metric).map((q) => ({ namespace: q.metric.namespace, ...(q.metric.dimensions ?? {}) })),
    ];
}

/**
 * Every stage and distribution has at least one CloudWatch alarm with actions; the edge stack's
 * EdgeObservability creates them (docs/slo.md, "Edge alarms").
 */
export const edgeAlarmsPresent: StackValidationPolicy = {
    name: "edge-alarms-present",
    description: "Every API Gateway stage and CloudFront distribution is watched by a CloudWatch alarm that notifies (alarm actions) (FSBP CloudWatch.15, NIST SI-4).",
    enforcementLevel: "mandatory",
    tags: ["FSBP CloudWatch.15", "NIST SI-4"],
    validateStack: (args, report) => {
        const alarms = args.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && ((r.props as Props).alarmActions ?? []).length > 0);
        const dims = alarms.map((a) => ({ alarm: a, dims: alarmDimensions(a) }));
        for (const stage of args.resources.filter((r) => r.type === "aws:apigateway/stage:Stage")) {
            const api = args.resources.find((r) => r.type === "aws:apigateway/restApi:RestApi" && stage.dependencies.some((d) => d.urn === r.urn));
            const apiName = (api?.props as Props | undefined)?.name;
            const stageName = (stage.props as Props).stageName;
            if (!dims.some(({ dims: ds }) => ds.some((d) => d.namespace === "AWS/ApiGateway" && d.Stage === stageName && (apiName === undefined || d.ApiName === apiName)))) {
                report(`stage ${stageName}${apiName ? ` of ${apiName}` : ""} has no alarm on its AWS/ApiGateway metrics with alarm actions.`, stage.urn);
            }
        }
        for (const distribution of args.resources.filter((r) => r.type === "aws:cloudfront/distribution:Distribution")) {
            const watched = dims.some(({ alarm, dims: ds }) => ds.some((d) => d.namespace === "AWS/CloudFront") && alarm.dependencies.some((d) => d.urn === distribution.urn));
            if (!watched) {
                report(`distribution ${distribution.name} has no alarm on its AWS/CloudFront metrics with alarm actions.`, distribution.urn);
            }
        }
    },
};

export const productionPolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [productionViewerTls, productionAlbHttps, productionTargetGroupsHttps, productionNoStaticSecrets, auditBucketAccessLogging, edgeAlarmsPresent];
