import * as assert from "assert";
import { planned, translated } from "../../fixtures";

const CA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0b1c2d3e-0000-1111-2222-333344445555";

describe("mapping aws.acmpca.Certificate", () => {
    it("becomes an AWS::ACMPCA::Certificate signed by its CA from the CA's own request, validity as a number", () => {
        const ca = planned("aws:acmpca/certificateAuthority:CertificateAuthority", "dev-ca", {}, { id: CA_ARN, state: { certificateSigningRequest: "-----BEGIN CERTIFICATE REQUEST-----" } });
        const cert = planned("aws:acmpca/certificate:Certificate", "dev-ca-root", {
            certificateAuthorityArn: CA_ARN, certificateSigningRequest: "-----BEGIN CERTIFICATE REQUEST-----", signingAlgorithm: "SHA256WITHECDSA",
            templateArn: "arn:aws:acm-pca:::template/RootCACertificate/V1", validity: { type: "YEARS", value: "10" },
        }, { dependsOn: [ca.urn] });
        assert.deepStrictEqual(translated(cert, ca), {
            Type: "AWS::ACMPCA::Certificate",
            Properties: {
                CertificateAuthorityArn: { Ref: "DevCa" }, CertificateSigningRequest: { "Fn::GetAtt": ["DevCa", "CertificateSigningRequest"] }, SigningAlgorithm: "SHA256WITHECDSA",
                TemplateArn: { "Fn::Sub": "arn:${AWS::Partition}:acm-pca:::template/RootCACertificate/V1" }, Validity: { Type: "YEARS", Value: 10 },
            },
        });
    });
});
