import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const cacheUserGroup = resourceMapping<aws.elasticache.UserGroupArgs>({
    pulumiType: "aws:elasticache/userGroup:UserGroup",
    cfnType: "AWS::ElastiCache::UserGroup",
    // A user group's Ref is its id (also Pulumi's id).
    attributes: { id: REF, userGroupId: REF, arn: "Arn" },
    translate: (i, ctx) => ({
        properties: {
            UserGroupId: verbatim(i.userGroupId),
            Engine: i.engine,
            UserIds: i.userIds,
            Tags: ctx.tags(i.tags),
        },
    }),
});
