import * as assert from "assert";
import { cfnOf, planned, translate } from "../../fixtures";

describe("mapping aws.acm.Certificate and CertificateValidation", () => {
    it("requests a DNS-validated AWS::CertificateManager::Certificate with its CT logging preference; the validation wait has no CloudFormation resource", () => {
        const cert = planned("aws:acm/certificate:Certificate", "prod-alb-cert", {
            domainName: "alb.prod.example.com", validationMethod: "DNS", options: { certificateTransparencyLoggingPreference: "ENABLED" },
        }, { id: "arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100" });
        const validated = planned("aws:acm/certificateValidation:CertificateValidation", "prod-alb-cert-validated", { certificateArn: cert.id }, { dependsOn: [cert.urn] });
        const t = translate(cert, validated);
        assert.deepStrictEqual(cfnOf(t, "prod-alb-cert"), [["ProdAlbCert", {
            Type: "AWS::CertificateManager::Certificate",
            Properties: { DomainName: "alb.prod.example.com", ValidationMethod: "DNS", CertificateTransparencyLoggingPreference: "ENABLED" },
        }]]);
        assert.deepStrictEqual(cfnOf(t, "prod-alb-cert-validated"), []);
        assert.deepStrictEqual([t.awsResources, t.translated], [2, 1]);
    });
});
