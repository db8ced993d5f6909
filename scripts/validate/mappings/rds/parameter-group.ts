import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const dbParameterGroup = resourceMapping<aws.rds.ParameterGroupArgs>({
    pulumiType: "aws:rds/parameterGroup:ParameterGroup",
    cfnType: "AWS::RDS::DBParameterGroup",
    attributes: { id: REF, name: REF },
    noEquivalent: { namePrefix: "CloudFormation generates parameter group names itself" },
    translate: (i, ctx) => ({
        properties: {
            DBParameterGroupName: verbatim(i.name),
            Family: i.family,
            // Pulumi's default description; CloudFormation requires one.
            Description: i.description ?? "Managed by Pulumi",
            // CloudFormation applies each parameter the way RDS needs it; Pulumi's applyMethod has no counterpart.
            Parameters: i.parameters && Object.fromEntries(i.parameters.map((p) => [p.name, p.value])),
            Tags: ctx.tags(i.tags),
        },
        deletionPolicy: i.skipDestroy ? "Retain" : undefined,
    }),
});
