import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const dbSubnetGroup = resourceMapping<aws.rds.SubnetGroupArgs>({
    pulumiType: "aws:rds/subnetGroup:SubnetGroup",
    cfnType: "AWS::RDS::DBSubnetGroup",
    attributes: { id: REF, name: REF },
    noEquivalent: { namePrefix: "CloudFormation generates subnet group names itself" },
    translate: (i, ctx) => ({
        properties: {
            DBSubnetGroupName: verbatim(i.name),
            // Pulumi's default description; CloudFormation requires one.
            DBSubnetGroupDescription: i.description ?? "Managed by Pulumi",
            SubnetIds: i.subnetIds,
            Tags: ctx.tags(i.tags),
        },
    }),
});
