import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { parseJson } from "../../values";

const CUSTOM_KEY_STORE = "AWS::KMS::Key cannot create a key in a custom key store";

export const key = resourceMapping<aws.kms.KeyArgs>({
    pulumiType: "aws:kms/key:Key",
    cfnType: "AWS::KMS::Key",
    attributes: { id: REF, keyId: REF, arn: "Arn" },
    noEquivalent: { customKeyStoreId: CUSTOM_KEY_STORE, xksKeyId: CUSTOM_KEY_STORE },
    translate: (i, ctx) => ({
        properties: {
            Description: i.description,
            KeyUsage: i.keyUsage,
            KeySpec: i.customerMasterKeySpec,
            Enabled: i.isEnabled,
            EnableKeyRotation: i.enableKeyRotation,
            RotationPeriodInDays: i.rotationPeriodInDays,
            MultiRegion: i.multiRegion,
            PendingWindowInDays: i.deletionWindowInDays,
            KeyPolicy: parseJson(i.policy),
            BypassPolicyLockoutSafetyCheck: i.bypassPolicyLockoutSafetyCheck,
            Tags: ctx.tags(i.tags),
        },
    }),
});
