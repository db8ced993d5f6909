import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { keepEmptyObjects, parseJson, pascalCaseKeys, verbatim } from "../../values";

/**
 * WAF rules have the same structure in Pulumi and CloudFormation, PascalCased, except for the keys
 * where CloudFormation spells an acronym in capitals; empty objects (`allow: {}`) are meaningful.
 */
const CFN_SPELLING: Readonly<Record<string, string>> = {
    CloudwatchMetricsEnabled: "CloudWatchMetricsEnabled",
    ForwardedIpConfig: "ForwardedIPConfig",
    IpSetReferenceStatement: "IPSetReferenceStatement",
    IpSetForwardedIpConfig: "IPSetForwardedIPConfig",
};

export function wafCase(value: unknown): unknown {
    return keepEmptyObjects(respell(pascalCaseKeys(value)));
}

function respell(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(respell);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [CFN_SPELLING[key] ?? key, respell(item)]));
    }
    return value;
}

export const webAcl = resourceMapping<aws.wafv2.WebAclArgs>({
    pulumiType: "aws:wafv2/webAcl:WebAcl",
    cfnType: "AWS::WAFv2::WebACL",
    attributes: { arn: "Arn", id: "Id" },
    noEquivalent: { namePrefix: "AWS::WAFv2::WebACL requires the full name" },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            Scope: i.scope,
            Description: i.description,
            DefaultAction: wafCase(i.defaultAction),
            // Pulumi takes the rules as objects or as WAF's own JSON; CloudFormation as objects.
            Rules: wafCase(i.rules ?? parseJson(i.ruleJson)),
            VisibilityConfig: wafCase(i.visibilityConfig),
            CustomResponseBodies: i.customResponseBodies && Object.fromEntries(i.customResponseBodies.map((b) => [b.key, { Content: b.content, ContentType: b.contentType }])),
            CaptchaConfig: wafCase(i.captchaConfig),
            ChallengeConfig: wafCase(i.challengeConfig),
            TokenDomains: i.tokenDomains,
            AssociationConfig: wafCase(i.associationConfig),
            DataProtectionConfig: wafCase(i.dataProtectionConfig),
            Tags: ctx.tags(i.tags),
        },
    }),
});
