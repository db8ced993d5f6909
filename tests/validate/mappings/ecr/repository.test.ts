import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.ecr.Repository", () => {
    it("becomes an AWS::ECR::Repository with scan on push, immutable tags and its one encryption setting", () => {
        const repo = planned("aws:ecr/repository:Repository", "dev-entities-repo", {
            name: "dev/entities", imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS" }], forceDelete: false,
        });
        assert.deepStrictEqual(translated(repo), {
            Type: "AWS::ECR::Repository",
            Properties: { RepositoryName: "dev/entities", ImageTagMutability: "IMMUTABLE", ImageScanningConfiguration: { ScanOnPush: true }, EncryptionConfiguration: { EncryptionType: "KMS" }, EmptyOnDelete: false },
        });
    });
});
