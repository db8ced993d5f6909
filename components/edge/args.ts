import * as pulumi from "@pulumi/pulumi";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "../observability/log-retention";
import { REFERENCE_ROUTES, routeTableProblems, RouteSpec, serviceProxyRoutes } from "./routes";
import { wafRateLimitProblem } from "./waf-rules";

/**
 * How API Gateway reaches the internal ALB (E5).
 * - `vpc-link-v2`: a VPC link V2 whose integrations target the ALB directly. AWS's recommended path
 *   for REST APIs (V1 links are legacy); no NLB to pay for, one hop less.
 * - `nlb`: the reference design: VPC link V1 -> internal NLB -> ALB-type target group -> ALB, for
 *   accounts or tools that cannot use V2 links yet.
 */
export type IntegrationMode = "vpc-link-v2" | "nlb";
export const INTEGRATION_MODES: readonly IntegrationMode[] = ["vpc-link-v2", "nlb"];

/**
 * Cognito feature plan of the user pool. Threat protection (formerly advanced security: compromised
 * credentials, adaptive authentication) is only available on `PLUS`, which is billed per monthly
 * active user on top of `ESSENTIALS`; on `ESSENTIALS`/`LITE` the pool runs without it.
 */
export type UserPoolTier = "LITE" | "ESSENTIALS" | "PLUS";
export const USER_POOL_TIERS: readonly UserPoolTier[] = ["LITE", "ESSENTIALS", "PLUS"];

export interface CustomDomain {
    /** The public host name of the distribution, e.g. `app.example.com`. */
    readonly domainName: string;
    /**
     * ACM certificate for `domainName`, in us-east-1 (CloudFront only reads certificates there). When
     * omitted, `hostedZoneId` is required and the component requests one with DNS validation.
     */
    readonly certificateArn?: string;
    /** Route 53 hosted zone of `domainName`, for the certificate's validation records and the alias record. */
    readonly hostedZoneId?: string;
}

export interface SecureApiArgs {
    /** Region of the stack (the API's region); the execute-api origin and the log keys depend on it. */
    region: string;
    /** ARN of the shared internal ALB (MeshService platform output `albArn`): the VPC link V2 target or the NLB's target. */
    albArn: pulumi.Input<string>;
    /**
     * ARN of the ALB listener the API calls (`albListenerArn`). An ALB-type target group can only
     * register an ALB that has a listener on the target port, so the NLB attachment waits for it.
     */
    albListenerArn: pulumi.Input<string>;
    /** Port of that listener (80 for HTTP, 443 for HTTPS). */
    albListenerPort: number;
    /**
     * Protocol of that listener. With `HTTPS`, API Gateway validates the ALB's certificate against
     * `albHostName`, so the certificate must be for that name.
     * @default "HTTP" — the hop stays inside the VPC; choose HTTPS with an ALB certificate for encryption in transit.
     */
    albListenerProtocol?: "HTTP" | "HTTPS";
    /** Security group of the ALB (`albSecurityGroupId`): it gets the only ingress rule from the link (or NLB). */
    albSecurityGroupId: pulumi.Input<string>;
    /** DNS name of the ALB (`albDnsName`): the Host of the integration requests. */
    albDnsName: pulumi.Input<string>;
    /**
     * Host name used in the integration URI (Host header and TLS server name).
     * @default albDnsName
     */
    albHostName?: pulumi.Input<string>;
    /** VPC of the ALB; the link's (or NLB's) security group lives there. */
    vpcId: pulumi.Input<string>;
    /** Private subnets (one per AZ) for the VPC link's network interfaces or the NLB. */
    privateSubnetIds: pulumi.Input<string>[];
    /** @default "vpc-link-v2" */
    integrationMode?: IntegrationMode;
    /**
     * The route table (validated; see `routes.ts`).
     * @default REFERENCE_ROUTES
     */
    routes?: RouteSpec[];
    /**
     * Path prefixes of the services behind the ALB; each gets authenticated proxy routes `/<prefix>` and `/<prefix>/{proxy+}`.
     * @default []
     */
    servicePrefixes?: string[];
    /** KMS key (in `region`) for the API's, the authorizer's and the regional WAF's log groups; its policy must admit CloudWatch Logs. */
    logKmsKeyArn: pulumi.Input<string>;
    /** Retention of every log group of the edge, in days (a value CloudWatch Logs accepts). */
    logRetentionDays: number;
    /**
     * Protect the stateful pieces (user pool, buckets, log groups) and turn on their AWS-side deletion guards.
     * @default true
     */
    protect?: boolean;
    /**
     * Requests per 5 minutes per client IP before both web ACLs block (WAF's minimum is 10).
     * @default 2000 (about 6.7 requests per second sustained from one IP)
     */
    wafRateLimit?: number;
    /** Public host name and certificate of the distribution. Without it, the `*.cloudfront.net` name is used (see `minimumTlsNote`). */
    customDomain?: CustomDomain;
    /**
     * Cognito feature plan. `PLUS` enables threat protection in ENFORCED mode.
     * @default "PLUS" — secure by default; dev may choose "ESSENTIALS" to save the per-user charge.
     */
    userPoolTier?: UserPoolTier;
    /**
     * How long API Gateway caches the authorizer's answer per token, seconds (0..3600). Longer means
     * fewer Lambda calls and a longer window in which a revoked token still works.
     * @default 300
     */
    authorizerResultTtlSeconds?: number;
    /**
     * Create API Gateway's account-level CloudWatch role (one setting per account and region, last
     * writer wins). A second SecureApi in the same account and region sets false.
     * @default true
     */
    manageAccountLogRole?: boolean;
    /** Name of the stage; part of every API URL. @default "v1" */
    stageName?: string;
    /**
     * Tags for the children (the provider's default tags already cover the environment's).
     * @default {}
     */
    tags?: Record<string, string>;
}

/** The args with defaults filled and the final route table (reference or given, plus service proxies). */
export interface ResolvedSecureApiArgs extends SecureApiArgs {
    readonly integrationMode: IntegrationMode;
    readonly allRoutes: RouteSpec[];
    readonly protect: boolean;
    readonly wafRateLimit: number;
    readonly userPoolTier: UserPoolTier;
    readonly authorizerResultTtlSeconds: number;
    readonly stageName: string;
    readonly albListenerProtocol: "HTTP" | "HTTPS";
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * Checks every arg and returns them resolved; throws one error naming each bad arg, its value and
 * what is accepted, before any resource exists.
 */
export function resolveSecureApiArgs(args: SecureApiArgs): ResolvedSecureApiArgs {
    const problems: string[] = [];
    const fail = (arg: string, value: unknown, accepted: string) => problems.push(`${arg} = ${JSON.stringify(value)}: expected ${accepted}`);
    const integrationMode = args.integrationMode ?? "vpc-link-v2";
    if (!INTEGRATION_MODES.includes(integrationMode)) {
        fail("integrationMode", integrationMode, `one of ${INTEGRATION_MODES.map((m) => `"${m}"`).join(", ")}`);
    }
    const userPoolTier = args.userPoolTier ?? "PLUS";
    if (!USER_POOL_TIERS.includes(userPoolTier)) {
        fail("userPoolTier", userPoolTier, `one of ${USER_POOL_TIERS.join(", ")}`);
    }
    const wafRateLimit = args.wafRateLimit ?? 2000;
    const rateProblem = wafRateLimitProblem(wafRateLimit);
    if (rateProblem !== undefined) {
        fail("wafRateLimit", wafRateLimit, rateProblem);
    }
    if (!isValidLogRetention(args.logRetentionDays)) {
        fail("logRetentionDays", args.logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    if (!Number.isInteger(args.albListenerPort) || args.albListenerPort < 1 || args.albListenerPort > 65535) {
        fail("albListenerPort", args.albListenerPort, "a TCP port 1..65535");
    }
    const albListenerProtocol = args.albListenerProtocol ?? "HTTP";
    if (albListenerProtocol !== "HTTP" && albListenerProtocol !== "HTTPS") {
        fail("albListenerProtocol", albListenerProtocol, `"HTTP" or "HTTPS"`);
    }
    const authorizerResultTtlSeconds = args.authorizerResultTtlSeconds ?? 300;
    if (!Number.isInteger(authorizerResultTtlSeconds) || authorizerResultTtlSeconds < 0 || authorizerResultTtlSeconds > 3600) {
        fail("authorizerResultTtlSeconds", authorizerResultTtlSeconds, "whole seconds 0..3600");
    }
    const stageName = args.stageName ?? "v1";
    if (!STAGE_NAME.test(stageName)) {
        fail("stageName", stageName, "1-128 letters, digits, _ or -");
    }
    if (args.privateSubnetIds.length < 2) {
        fail("privateSubnetIds", `${args.privateSubnetIds.length} subnet(s)`, "at least 2 subnets in different AZs (the link and NLB must survive an AZ)");
    }
    const domain = args.customDomain;
    if (domain !== undefined) {
        if (!DOMAIN.test(domain.domainName ?? "")) {
            fail("customDomain.domainName", domain.domainName, "a lower-case DNS name such as app.example.com");
        }
        if (domain.certificateArn !== undefined && !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(domain.certificateArn)) {
            fail("customDomain.certificateArn", domain.certificateArn, "an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there)");
        }
        if (domain.certificateArn === undefined && domain.hostedZoneId === undefined) {
            fail("customDomain", domain, "a certificateArn, or a hostedZoneId to request and DNS-validate one");
        }
    }
    let allRoutes: RouteSpec[] = [];
    try {
        allRoutes = [...(args.routes ?? REFERENCE_ROUTES), ...serviceProxyRoutes(args.servicePrefixes ?? [])];
        problems.push(...routeTableProblems(allRoutes).map((p) => `routes: ${p}`));
    } catch (e) {
        problems.push(`servicePrefixes: ${(e as Error).message}`);
    }
    if (problems.length > 0) {
        throw new Error(`Invalid SecureApi arguments:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    }
    return {
        ...args,
        integrationMode,
        allRoutes,
        protect: args.protect ?? true,
        wafRateLimit,
        userPoolTier,
        authorizerResultTtlSeconds,
        stageName,
        albListenerProtocol,
    };
}
