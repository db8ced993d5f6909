import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { REF } from "../../cfn";
import { Props, resourceMapping } from "../../mapping";
import { actionProperties } from "./actions";

type Condition = pulumi.Unwrap<aws.types.input.lb.ListenerRuleCondition>;

/** Pulumi nests each condition under its kind; CloudFormation names the kind in `Field`. */
function conditionProperties(c: Condition): Props[] {
    const values = (v: { values?: string[]; regexValues?: string[] } | undefined) => v && { Values: v.values, RegexValues: v.regexValues };
    const conditions: (Props | undefined)[] = [
        c.hostHeader && { Field: "host-header", HostHeaderConfig: values(c.hostHeader) },
        c.httpHeader && { Field: "http-header", HttpHeaderConfig: { HttpHeaderName: c.httpHeader.httpHeaderName, ...values(c.httpHeader) } },
        c.httpRequestMethod && { Field: "http-request-method", HttpRequestMethodConfig: { Values: c.httpRequestMethod.values } },
        c.pathPattern && { Field: "path-pattern", PathPatternConfig: values(c.pathPattern) },
        c.queryStrings && { Field: "query-string", QueryStringConfig: { Values: c.queryStrings.map((q) => ({ Key: q.key, Value: q.value })) } },
        c.sourceIp && { Field: "source-ip", SourceIpConfig: { Values: c.sourceIp.values, IpAddressType: c.sourceIp.ipAddressType } },
    ];
    return conditions.filter((condition): condition is Props => condition !== undefined);
}

type Rewrite = { regex: string; replace: string } | undefined;

export const listenerRule = resourceMapping<aws.lb.ListenerRuleArgs>({
    pulumiType: "aws:lb/listenerRule:ListenerRule",
    aliasTypes: ["aws:alb/listenerRule:ListenerRule"],
    cfnType: "AWS::ElasticLoadBalancingV2::ListenerRule",
    attributes: { id: REF, arn: REF },
    translate: (i, ctx) => {
        // Pulumi takes one rewrite per transform; CloudFormation a list of them.
        const rewrites = (r: { rewrite?: Rewrite } | undefined) => r && { Rewrites: r.rewrite && [{ Regex: r.rewrite.regex, Replace: r.rewrite.replace }] };
        return {
            properties: {
                ListenerArn: ctx.orPlaceholder(i.listenerArn, "listenerArn", "listenerArn"),
                Priority: i.priority,
                Actions: i.actions?.map((a) => actionProperties(a, "number")),
                Conditions: i.conditions?.flatMap(conditionProperties),
                Transforms: i.transforms?.map((t) => ({ Type: t.type, HostHeaderRewriteConfig: rewrites(t.hostHeaderRewriteConfig), UrlRewriteConfig: rewrites(t.urlRewriteConfig) })),
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
