import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

/** Installing a CA's certificate is what CloudFormation calls activating the CA. */
export const certificateAuthorityCertificate = resourceMapping<aws.acmpca.CertificateAuthorityCertificateArgs>({
    pulumiType: "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate",
    cfnType: "AWS::ACMPCA::CertificateAuthorityActivation",
    attributes: {},
    translate: (i) => ({
        properties: { CertificateAuthorityArn: i.certificateAuthorityArn, Certificate: i.certificate, CertificateChain: i.certificateChain },
    }),
});
