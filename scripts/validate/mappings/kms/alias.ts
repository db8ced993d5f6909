import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const alias = resourceMapping<aws.kms.AliasArgs>({
    pulumiType: "aws:kms/alias:Alias",
    cfnType: "AWS::KMS::Alias",
    attributes: { id: REF, name: REF },
    noEquivalent: { namePrefix: "AWS::KMS::Alias requires the full name" },
    translate: (i, ctx) => ({
        properties: {
            // Pulumi auto-names an alias without a name; its resource name stands in for that.
            AliasName: verbatim(i.name ?? `alias/${ctx.name}`),
            TargetKeyId: i.targetKeyId,
        },
    }),
});
