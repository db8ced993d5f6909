import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson, verbatim } from "../../values";

export const secret = resourceMapping<aws.secretsmanager.SecretArgs>({
    pulumiType: "aws:secretsmanager/secret:Secret",
    cfnType: "AWS::SecretsManager::Secret",
    // A secret's Ref is its ARN, which is also Pulumi's id.
    attributes: { arn: REF, id: REF },
    noEquivalent: {
        namePrefix: "CloudFormation generates secret names itself",
        recoveryWindowInDays: "CloudFormation has no recovery-window setting; it deletes with AWS's default window",
        forceOverwriteReplicaSecret: "CloudFormation has no setting to overwrite a replica's existing secret",
    },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            Description: i.description,
            KmsKeyId: i.kmsKeyId,
            Type: i.type,
            ReplicaRegions: i.replicas?.map((r) => ({ Region: r.region, KmsKeyId: r.kmsKeyId })),
            Tags: ctx.tags(i.tags),
        },
        // A secret's resource policy is a resource of its own in CloudFormation.
        companions: i.policy === undefined
            ? undefined
            : { Policy: { type: "AWS::SecretsManager::ResourcePolicy", properties: { SecretId: ctx.self(), ResourcePolicy: parseJson(i.policy) } } },
    }),
});
