import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedSecureApiArgs } from "./args";
import { aclVisibility, WAF_REDACTED_HEADERS, wafRules } from "./waf-rules";

export type WafScope = "REGIONAL" | "CLOUDFRONT";

/** CloudFront's WAF, certificates and their logs live in us-east-1, whatever the stack's region. */
export const CLOUDFRONT_REGION = "us-east-1";

export interface WebAclOptions {
    readonly scope: WafScope;
    /** KMS key for the ACL's log group, in the ACL's region. */
    readonly logKmsKeyArn: pulumi.Input<string>;
    /** The origin secret the REGIONAL ACL demands (see `wafRules`). */
    readonly originSecret?: pulumi.Input<string>;
}

/**
 * A web ACL with its rules and its logging. The CLOUDFRONT one is created with `region: "us-east-1"`
 * on each resource (@pulumi/aws v7 resources take a region), rather than through a second provider:
 * the stack's provider and its default tags stay the only ones.
 */
export function createWebAcl(name: string, args: ResolvedSecureApiArgs, options: WebAclOptions, parent: pulumi.Resource): aws.wafv2.WebAcl {
    const role = options.scope === "CLOUDFRONT" ? "cloudfront" : "regional";
    const region = options.scope === "CLOUDFRONT" ? { region: CLOUDFRONT_REGION } : {};
    const metricPrefix = `${name}-${role}`;
    const acl = new aws.wafv2.WebAcl(`${name}-${role}-waf`, {
        name: `${name}-${role}`,
        description: `${options.scope} web ACL of the platform edge`,
        scope: options.scope,
        defaultAction: { allow: {} },
        rules: wafRules({ metricPrefix, rateLimit: args.wafRateLimit, originSecret: options.originSecret }),
        visibilityConfig: aclVisibility(metricPrefix),
        tags: args.tags,
        ...region,
    }, { parent });
    // WAF only delivers to log groups whose name starts with aws-waf-logs-, in the ACL's own region.
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-${role}-waf-logs`, {
        name: `aws-waf-logs-${name}-${role}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: options.logKmsKeyArn,
        tags: args.tags,
        ...region,
    }, { parent, protect: args.protect });
    new aws.wafv2.WebAclLoggingConfiguration(`${name}-${role}-waf-logging`, {
        resourceArn: acl.arn,
        logDestinationConfigs: [logGroup.arn],
        redactedFields: WAF_REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
        ...region,
    }, { parent });
    return acl;
}
