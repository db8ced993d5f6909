import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys } from "../../values";

export const certificateAuthority = resourceMapping<aws.acmpca.CertificateAuthorityArgs>({
    pulumiType: "aws:acmpca/certificateAuthority:CertificateAuthority",
    cfnType: "AWS::ACMPCA::CertificateAuthority",
    // A CA's Ref is its ARN, which is also Pulumi's id.
    attributes: { arn: REF, id: REF, certificateSigningRequest: "CertificateSigningRequest" },
    noEquivalent: {
        enabled: "CloudFormation activates a CA through AWS::ACMPCA::CertificateAuthorityActivation (its Status)",
        permanentDeletionTimeInDays: "CloudFormation deletes a CA with AWS's default restore period",
    },
    translate: (i, ctx) => {
        const revocation = i.revocationConfiguration;
        return {
            properties: {
                Type: i.type,
                UsageMode: i.usageMode,
                KeyAlgorithm: i.certificateAuthorityConfiguration?.keyAlgorithm,
                SigningAlgorithm: i.certificateAuthorityConfiguration?.signingAlgorithm,
                Subject: pascalCaseKeys(i.certificateAuthorityConfiguration?.subject),
                KeyStorageSecurityStandard: i.keyStorageSecurityStandard,
                RevocationConfiguration: revocation && {
                    CrlConfiguration: revocation.crlConfiguration && {
                        Enabled: revocation.crlConfiguration.enabled ?? false,
                        CustomCname: revocation.crlConfiguration.customCname,
                        CustomPath: revocation.crlConfiguration.customPath,
                        ExpirationInDays: revocation.crlConfiguration.expirationInDays,
                        S3BucketName: revocation.crlConfiguration.s3BucketName,
                        S3ObjectAcl: revocation.crlConfiguration.s3ObjectAcl,
                    },
                    OcspConfiguration: revocation.ocspConfiguration && {
                        Enabled: revocation.ocspConfiguration.enabled,
                        OcspCustomCname: revocation.ocspConfiguration.ocspCustomCname,
                    },
                },
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
