import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { hasCompanion, inProtectedStack, PROTECTED_STACKS_SCHEMA } from "./common";

/** TLS 1.2+ at the edge, WAF in front of every public entry, private S3 origins. */

const HTTPS_VIEWER = new Set(["https-only", "redirect-to-https"]);

/** CloudFront security policies that refuse anything below TLS 1.2. */
const CLOUDFRONT_TLS12 = /^TLSv1\.2_(2019|2021|2025)$|^TLSv1\.3_2025$/;

/** API Gateway security policies that refuse anything below TLS 1.2. */
const API_TLS12 = /^TLS_1_2$|^SecurityPolicy_TLS1[23]/;

/** ELB security policies that negotiate TLS 1.2 or later only. */
const ELB_TLS12 = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/;

export const cloudFrontTls: ResourceValidationPolicy = {
    name: "cloudfront-tls",
    description:
        "CloudFront serves viewers over HTTPS only, reaches custom origins over TLS 1.2 only, and, with a custom certificate, refuses viewers below TLS 1.2 " +
        "(FSBP CloudFront.3, CloudFront.8, CloudFront.10, AwsSolutions-CFR4, AwsSolutions-CFR5).",
    enforcementLevel: "mandatory",
    tags: ["FSBP CloudFront.3", "FSBP CloudFront.8", "FSBP CloudFront.10", "AwsSolutions-CFR4", "AwsSolutions-CFR5"],
    validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _a, report) => {
        const behaviours = [d.defaultCacheBehavior, ...(d.orderedCacheBehaviors ?? [])];
        const plain = behaviours.filter((b) => !HTTPS_VIEWER.has(b.viewerProtocolPolicy));
        if (plain.length > 0) {
            report(`viewerProtocolPolicy must be https-only or redirect-to-https (found ${plain.map((b) => b.viewerProtocolPolicy).join(", ")}).`);
        }
        for (const o of d.origins ?? []) {
            const c = o.customOriginConfig;
            if (c && (c.originProtocolPolicy !== "https-only" || c.originSslProtocols.some((p) => p !== "TLSv1.2"))) {
                report(`origin ${o.originId} must use https-only with originSslProtocols ["TLSv1.2"].`);
            }
        }
        const vc = d.viewerCertificate;
        if (vc && vc.cloudfrontDefaultCertificate !== true && (!CLOUDFRONT_TLS12.test(vc.minimumProtocolVersion ?? "") || vc.sslSupportMethod !== "sni-only")) {
            report("a custom viewer certificate needs sslSupportMethod sni-only and minimumProtocolVersion TLSv1.2_2021 or later.");
        }
    }),
};

export const cloudFrontCustomCertificate: ResourceValidationPolicy = {
    name: "cloudfront-custom-certificate",
    description:
        "Distributions use a custom certificate, so viewers get TLS 1.2+ (FSBP CloudFront.7, AwsSolutions-CFR4). Advisory outside the protected stacks " +
        "(production-viewer-tls makes it mandatory there): the *.cloudfront.net certificate cannot set a minimum protocol; a custom domain needs a DNS name.",
    enforcementLevel: "advisory",
    tags: ["FSBP CloudFront.7", "AwsSolutions-CFR4"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, args, report) => {
        if (inProtectedStack(args)) {
            args.notApplicable("production-viewer-tls applies");
        }
        if (d.viewerCertificate?.cloudfrontDefaultCertificate === true) {
            report("uses the default *.cloudfront.net certificate, which still accepts TLS 1.0 and 1.1 from viewers; set edge:customDomain with edge:hostedZoneId or edge:certificateArn.");
        }
    }),
};

export const cloudFrontProtected: ResourceValidationPolicy = {
    name: "cloudfront-waf-and-private-origins",
    description: "Distributions have a WAF web ACL (FSBP CloudFront.6, AwsSolutions-CFR2), a default root object (FSBP CloudFront.1) and reach S3 only through origin access control (FSBP CloudFront.13, AwsSolutions-CFR6).",
    enforcementLevel: "mandatory",
    tags: ["FSBP CloudFront.1", "FSBP CloudFront.6", "FSBP CloudFront.13", "AwsSolutions-CFR2", "AwsSolutions-CFR6"],
    validateResource: validateResourceOfType(aws.cloudfront.Distribution, (d, _a, report) => {
        if (!d.webAclId) {
            report("webAclId must be set.");
        }
        if (!d.defaultRootObject) {
            report("defaultRootObject must be set.");
        }
        const s3 = (d.origins ?? []).filter((o) => !o.customOriginConfig && !o.originAccessControlId);
        if (s3.length > 0) {
            report(`S3 origins without origin access control: ${s3.map((o) => o.originId).join(", ")}.`);
        }
    }),
};

export const regionalTls: ResourceValidationPolicy = {
    name: "regional-tls-1-2",
    description: "HTTPS load balancer listeners, API Gateway REST APIs (their execute-api endpoint) and custom domains negotiate TLS 1.2 or later only (FSBP ELB.17, APIGateway custom domain TLS_1_2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP ELB.17"],
    validateResource: [
        validateResourceOfType(aws.lb.Listener, (l, _a, report) => {
            if ((l.protocol === "HTTPS" || l.protocol === "TLS") && !ELB_TLS12.test(l.sslPolicy ?? "")) {
                report(`sslPolicy ${l.sslPolicy ?? "(default)"} allows protocols below TLS 1.2; use ELBSecurityPolicy-TLS13-1-2-2021-06.`);
            }
        }),
        validateResourceOfType(aws.apigateway.DomainName, (dn, _a, report) => {
            if (!API_TLS12.test(dn.securityPolicy ?? "")) {
                report(`securityPolicy ${dn.securityPolicy ?? "(default)"} must be TLS_1_2 or later.`);
            }
        }),
        validateResourceOfType(aws.apigateway.RestApi, (api, _a, report) => {
            // A private API's endpoint is TLS 1.2 already; regional and edge endpoints default to TLS_1_0.
            const types = [api.endpointConfiguration?.types ?? "EDGE"].flat();
            if (!types.includes("PRIVATE") && !API_TLS12.test(api.securityPolicy ?? "")) {
                report(`securityPolicy ${api.securityPolicy ?? "(default TLS_1_0)"} of the execute-api endpoint must be TLS_1_2 or a SecurityPolicy_TLS13_* policy.`);
            }
        }),
    ],
};

export const listenerHttps: ResourceValidationPolicy = {
    name: "alb-listener-https",
    description:
        "Load balancer listeners use HTTPS, or redirect HTTP to HTTPS (FSBP ELB.1). Advisory outside the protected stacks (production-alb-https makes it " +
        "mandatory there): dev's internal listener behind API Gateway stays HTTP inside the VPC, without a domain.",
    enforcementLevel: "advisory",
    tags: ["FSBP ELB.1"],
    configSchema: PROTECTED_STACKS_SCHEMA,
    validateResource: validateResourceOfType(aws.lb.Listener, (l, args, report) => {
        if (inProtectedStack(args)) {
            args.notApplicable("production-alb-https applies");
        }
        const redirects = (l.defaultActions ?? []).some((a) => a.type === "redirect" && a.redirect?.protocol === "HTTPS");
        if (l.protocol === "HTTP" && !redirects) {
            report(`listener on port ${l.port} serves plain HTTP.`);
        }
    }),
};

export const apiStageWaf: StackValidationPolicy = {
    name: "api-stage-waf",
    description: "Every API Gateway REST stage is associated with a regional WAF web ACL (FSBP APIGateway.4, AwsSolutions-APIG3).",
    enforcementLevel: "mandatory",
    tags: ["FSBP APIGateway.4", "AwsSolutions-APIG3"],
    validateStack: (args, report) => {
        for (const stage of args.resources.filter((r) => r.type === "aws:apigateway/stage:Stage")) {
            if (!hasCompanion(args.resources, "aws:wafv2/webAclAssociation:WebAclAssociation", stage)) {
                report(`stage ${stage.name} has no WebAclAssociation.`, stage.urn);
            }
        }
    },
};

export const edgePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [cloudFrontTls, cloudFrontCustomCertificate, cloudFrontProtected, regionalTls, listenerHttps, apiStageWaf];
