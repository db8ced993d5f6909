import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

const WRITE_ONLY = "a write-only password input of Pulumi; CloudFormation takes passwords through AuthenticationMode.Passwords";

export const cacheUser = resourceMapping<aws.elasticache.UserArgs>({
    pulumiType: "aws:elasticache/user:User",
    cfnType: "AWS::ElastiCache::User",
    // A user's Ref is its user id (also Pulumi's id).
    attributes: { id: REF, userId: REF, arn: "Arn" },
    noEquivalent: { passwordsWo: WRITE_ONLY, passwordsWoVersion: WRITE_ONLY },
    translate: (i, ctx) => ({
        properties: {
            UserId: verbatim(i.userId),
            UserName: verbatim(i.userName),
            Engine: i.engine,
            AccessString: i.accessString,
            AuthenticationMode: i.authenticationMode && { Type: i.authenticationMode.type, Passwords: i.authenticationMode.passwords },
            NoPasswordRequired: i.noPasswordRequired,
            Passwords: i.passwords,
            Tags: ctx.tags(i.tags),
        },
    }),
});
