import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.acmpca.CertificateAuthorityCertificate", () => {
    it("becomes the AWS::ACMPCA::CertificateAuthorityActivation that installs the certificate", () => {
        const activation = planned("aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate", "dev-ca-activation", {
            certificateAuthorityArn: "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0b1c2d3e-0000-1111-2222-333344445555", certificate: "-----BEGIN CERTIFICATE-----",
        });
        assert.deepStrictEqual(translated(activation), {
            Type: "AWS::ACMPCA::CertificateAuthorityActivation",
            Properties: {
                CertificateAuthorityArn: { "Fn::Sub": "arn:${AWS::Partition}:acm-pca:${AWS::Region}:${AWS::AccountId}:certificate-authority/0b1c2d3e-0000-1111-2222-333344445555" },
                Certificate: "-----BEGIN CERTIFICATE-----",
            },
        });
    });
});
