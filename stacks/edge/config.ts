import { INTEGRATION_MODES, IntegrationMode, USER_POOL_TIERS, UserPoolTier } from "../../components/edge/args";
import { REFERENCE_ROUTES, routeTableProblems, serviceProxyRoutes } from "../../components/edge/routes";
import { wafRateLimitProblem } from "../../components/edge/waf-rules";
import { ACM_CERTIFICATE_ARN, ConfigError, ConfigValidator, DNS_NAME, HOSTED_ZONE_ID, optionalString, RawConfig } from "../config/reader";
import { PULUMI_NAME, stackName } from "../service/config";

/** The edge project's name; its config keys live in this namespace. */
export const EDGE_PROJECT = "edge";

/** Every key the edge program reads, without namespace; edge/Pulumi.yaml declares each with a default. */
export const EDGE_CONFIG_KEYS = ["platformOrganization", "platformProject",
    "apiIntegration", "apiServicePrefixes", "wafRateLimit", "userPoolTier", "customDomain", "hostedZoneId", "certificateArn"] as const;

export type EdgeConfigKey = (typeof EDGE_CONFIG_KEYS)[number];

export interface EdgeConfig {
    /** Stack name = environment name. */
    readonly environment: string;
    /** Fully qualified name of the platform stack of the same environment. */
    readonly platformStack: string;
    /** How API Gateway reaches the internal ALB: VPC link V2 (default) or VPC link V1 -> NLB. */
    readonly integrationMode: IntegrationMode;
    /** Path prefixes of services that get authenticated proxy routes `/<prefix>` and `/<prefix>/{proxy+}`. */
    readonly servicePrefixes: string[];
    /** WAF rate limit per client IP per 5 minutes. */
    readonly wafRateLimit: number;
    readonly userPoolTier: UserPoolTier;
    /** The viewers' host name with its us-east-1 certificate or the hosted zone to request it in; undefined: the *.cloudfront.net name. */
    readonly customDomain?: { readonly domainName: string; readonly certificateArn?: string; readonly hostedZoneId?: string };
}

function servicePrefixesProblem(prefixes: string[]): string | undefined {
    try {
        const problems = routeTableProblems([...REFERENCE_ROUTES, ...serviceProxyRoutes(prefixes)]);
        return problems.length > 0 ? problems.join("; ") : undefined;
    } catch (e) {
        return (e as Error).message;
    }
}

/** Reads and validates the edge stack's config; throws a ConfigError naming every bad key, before any resource exists. */
export function loadEdgeConfig(raw: RawConfig, stack: string): EdgeConfig {
    const v = new ConfigValidator(raw, `${EDGE_PROJECT}/${stack}`);
    const key = (k: EdgeConfigKey) => `${EDGE_PROJECT}:${k}`;
    v.rejectUnknownKeys(EDGE_PROJECT, EDGE_CONFIG_KEYS);
    const nameCheck = (s: string) => (PULUMI_NAME.test(s) ? undefined : "letters, digits, . _ -");
    const organization = v.string(key("platformOrganization"), "the Pulumi organisation of the platform stack (\"organization\" with pulumi login --local)", "organization", nameCheck);
    const platformProject = v.string(key("platformProject"), "the platform's project name", "platform", nameCheck);
    const integrationMode = v.oneOf(key("apiIntegration"), INTEGRATION_MODES, "vpc-link-v2");
    const servicePrefixes = v.stringList(key("apiServicePrefixes"), "service path prefixes such as [\"orders\"], each once", [], servicePrefixesProblem);
    const wafRateLimit = v.integer(key("wafRateLimit"), "requests per 5 minutes per IP", 2000, wafRateLimitProblem);
    const userPoolTier = v.oneOf(key("userPoolTier"), USER_POOL_TIERS, "PLUS");
    const customDomain = optionalString(raw, v, key("customDomain"), "\"\" (the *.cloudfront.net name, dev only) or a lower-case DNS name such as app.example.com", (d) => DNS_NAME.test(d));
    const hostedZoneId = optionalString(raw, v, key("hostedZoneId"), "\"\" or the Route 53 hosted zone id of customDomain such as Z0123456789ABCDEFGHIJ", (z) => HOSTED_ZONE_ID.test(z));
    const certificateArn = optionalString(raw, v, key("certificateArn"), "\"\" or an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there)", (a) => ACM_CERTIFICATE_ARN.test(a) && a.split(":")[3] === "us-east-1");
    if (!v.hasProblem(key("customDomain")) && !v.hasProblem(key("certificateArn")) && !v.hasProblem(key("hostedZoneId"))) {
        if (customDomain === "" && (certificateArn !== "" || hostedZoneId !== "")) {
            v.fail(key("customDomain"), "", `a value too, since ${certificateArn !== "" ? key("certificateArn") : key("hostedZoneId")} is set: it belongs to a custom domain`);
        } else if (customDomain !== "" && certificateArn === "" && hostedZoneId === "") {
            v.fail(key("hostedZoneId"), "", `a hosted zone to request and DNS-validate the certificate of ${customDomain} in (or set ${key("certificateArn")}, a us-east-1 certificate)`);
        }
    }
    v.finish();
    return {
        environment: stack,
        platformStack: stackName(organization, platformProject, stack),
        integrationMode,
        servicePrefixes,
        wafRateLimit,
        userPoolTier,
        ...(customDomain !== "" && !v.hasProblem(key("customDomain"))
            ? { customDomain: { domainName: customDomain, ...(certificateArn !== "" ? { certificateArn } : {}), ...(hostedZoneId !== "" ? { hostedZoneId } : {}) } }
            : {}),
    };
}

/**
 * What production demands of the edge's config once the platform says the environment is
 * production (the edge follows the platform's `production` flag): a custom domain, so viewers get
 * TLS 1.2+ (the *.cloudfront.net certificate still accepts TLS 1.0). Throws a ConfigError naming the key.
 */
export function checkProductionEdgeConfig(config: EdgeConfig, production: boolean): void {
    if (production && config.customDomain === undefined) {
        throw new ConfigError(`${EDGE_PROJECT}/${config.environment}`, [{
            key: `${EDGE_PROJECT}:customDomain`,
            value: "",
            accepted: `a DNS name such as app.example.com (with ${EDGE_PROJECT}:hostedZoneId or ${EDGE_PROJECT}:certificateArn): production serves viewers TLS 1.2+ only, which the default *.cloudfront.net certificate cannot`,
        }]);
    }
}
