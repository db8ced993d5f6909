import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const cacheSubnetGroup = resourceMapping<aws.elasticache.SubnetGroupArgs>({
    pulumiType: "aws:elasticache/subnetGroup:SubnetGroup",
    cfnType: "AWS::ElastiCache::SubnetGroup",
    attributes: { id: REF, name: REF },
    translate: (i, ctx) => ({
        properties: {
            CacheSubnetGroupName: verbatim(i.name),
            // Pulumi's default description; CloudFormation requires one.
            Description: i.description ?? "Managed by Pulumi",
            SubnetIds: i.subnetIds,
            Tags: ctx.tags(i.tags),
        },
    }),
});
