import type * as aws from "@pulumi/aws";
import { foldMapping } from "../../mapping";

/** CloudFormation sets a secret's value on the AWS::SecretsManager::Secret itself. */
export const secretVersion = foldMapping<aws.secretsmanager.SecretVersionArgs>({
    pulumiType: "aws:secretsmanager/secretVersion:SecretVersion",
    noEquivalent: {
        secretBinary: "AWS::SecretsManager::Secret holds string values only",
        secretStringWoVersion: "a Pulumi-side trigger for rotating a write-only value",
        versionStages: "CloudFormation labels the value it sets AWSCURRENT",
    },
    fold: (i) => ({ target: i.secretId, properties: { SecretString: i.secretString ?? i.secretStringWo } }),
});
