import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const permission = resourceMapping<aws.lambda.PermissionArgs>({
    pulumiType: "aws:lambda/permission:Permission",
    cfnType: "AWS::Lambda::Permission",
    attributes: {},
    noEquivalent: {
        statementId: "CloudFormation names the policy statement itself",
        statementIdPrefix: "CloudFormation names the policy statement itself",
    },
    translate: (i) => ({
        properties: {
            // CloudFormation names a version or alias as part of the function name.
            FunctionName: i.qualifier === undefined || typeof i.function !== "string" ? i.function : `${i.function}:${i.qualifier}`,
            Action: i.action,
            Principal: i.principal,
            SourceArn: i.sourceArn,
            SourceAccount: i.sourceAccount,
            PrincipalOrgID: i.principalOrgId,
            EventSourceToken: i.eventSourceToken,
            FunctionUrlAuthType: i.functionUrlAuthType,
            InvokedViaFunctionUrl: i.invokedViaFunctionUrl,
        },
    }),
});
