import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys } from "../../values";

export const certificate = resourceMapping<aws.acmpca.CertificateArgs>({
    pulumiType: "aws:acmpca/certificate:Certificate",
    cfnType: "AWS::ACMPCA::Certificate",
    attributes: { arn: "Arn", certificate: "Certificate" },
    translate: (i) => ({
        properties: {
            CertificateAuthorityArn: i.certificateAuthorityArn,
            CertificateSigningRequest: i.certificateSigningRequest,
            SigningAlgorithm: i.signingAlgorithm,
            TemplateArn: i.templateArn,
            // A string in Pulumi, a number in CloudFormation.
            Validity: i.validity && { Type: i.validity.type, Value: Number(i.validity.value) },
            ApiPassthrough: pascalCaseKeys(i.apiPassthrough),
        },
    }),
});
