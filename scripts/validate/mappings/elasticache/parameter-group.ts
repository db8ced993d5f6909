import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const cacheParameterGroup = resourceMapping<aws.elasticache.ParameterGroupArgs>({
    pulumiType: "aws:elasticache/parameterGroup:ParameterGroup",
    cfnType: "AWS::ElastiCache::ParameterGroup",
    attributes: { id: REF, name: REF },
    noEquivalent: { name: "AWS::ElastiCache::ParameterGroup names itself" },
    translate: (i, ctx) => ({
        properties: {
            CacheParameterGroupFamily: i.family,
            // Pulumi's default description; CloudFormation requires one.
            Description: i.description ?? "Managed by Pulumi",
            Properties: i.parameters && Object.fromEntries(i.parameters.map((p) => [p.name, p.value])),
            Tags: ctx.tags(i.tags),
        },
    }),
});
