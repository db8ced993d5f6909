import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { noCloudFormationEquivalent, resourceMapping } from "../../mapping";

const IMPORTED = "an imported certificate (body, chain, key) has no CloudFormation resource; CloudFormation only requests certificates";

export const acmCertificate = resourceMapping<aws.acm.CertificateArgs>({
    pulumiType: "aws:acm/certificate:Certificate",
    cfnType: "AWS::CertificateManager::Certificate",
    // A certificate's Ref is its ARN (also Pulumi's id).
    attributes: { arn: REF, id: REF },
    noEquivalent: {
        certificateBody: IMPORTED,
        certificateChain: IMPORTED,
        privateKey: IMPORTED,
        privateKeyWo: IMPORTED,
        privateKeyWoVersion: IMPORTED,
        earlyRenewalDuration: "renewal of private certificates before ACM's schedule; CloudFormation has no property for it",
    },
    translate: (i, ctx) => ({
        properties: {
            DomainName: i.domainName,
            SubjectAlternativeNames: i.subjectAlternativeNames,
            ValidationMethod: i.validationMethod,
            DomainValidationOptions: i.validationOptions?.map((o) => ({ DomainName: o.domainName, ValidationDomain: o.validationDomain })),
            CertificateAuthorityArn: i.certificateAuthorityArn,
            KeyAlgorithm: i.keyAlgorithm,
            CertificateTransparencyLoggingPreference: i.options?.certificateTransparencyLoggingPreference,
            Tags: ctx.tags(i.tags),
        },
    }),
});

export const acmCertificateValidation = noCloudFormationEquivalent(
    "aws:acm/certificateValidation:CertificateValidation",
    "a wait for ACM to issue the certificate; AWS::CertificateManager::Certificate itself waits until a DNS-validated certificate is issued",
);
