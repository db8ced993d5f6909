import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.acmpca.CertificateAuthority", () => {
    it("becomes an AWS::ACMPCA::CertificateAuthority with its key, signing algorithm and subject at the top level", () => {
        const ca = planned("aws:acmpca/certificateAuthority:CertificateAuthority", "dev-mesh-ca", {
            type: "ROOT", usageMode: "SHORT_LIVED_CERTIFICATE", permanentDeletionTimeInDays: 7,
            certificateAuthorityConfiguration: { keyAlgorithm: "EC_prime256v1", signingAlgorithm: "SHA256WITHECDSA", subject: { commonName: "dev mesh", organization: "dev" } },
        });
        assert.deepStrictEqual(translated(ca), {
            Type: "AWS::ACMPCA::CertificateAuthority",
            Properties: { Type: "ROOT", UsageMode: "SHORT_LIVED_CERTIFICATE", KeyAlgorithm: "EC_prime256v1", SigningAlgorithm: "SHA256WITHECDSA", Subject: { CommonName: "dev mesh", Organization: "dev" } },
        });
    });
});
