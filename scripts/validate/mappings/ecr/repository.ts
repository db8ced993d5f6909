import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const repository = resourceMapping<aws.ecr.RepositoryArgs>({
    pulumiType: "aws:ecr/repository:Repository",
    cfnType: "AWS::ECR::Repository",
    attributes: { id: REF, name: REF, arn: "Arn", repositoryUrl: "RepositoryUri" },
    translate: (i, ctx) => {
        const [encryption] = i.encryptionConfigurations ?? [];
        return {
            properties: {
                RepositoryName: verbatim(i.name),
                ImageTagMutability: i.imageTagMutability,
                ImageTagMutabilityExclusionFilters: i.imageTagMutabilityExclusionFilters?.map((f) => ({
                    ImageTagMutabilityExclusionFilterType: f.filterType,
                    ImageTagMutabilityExclusionFilterValue: f.filter,
                })),
                ImageScanningConfiguration: i.imageScanningConfiguration && { ScanOnPush: i.imageScanningConfiguration.scanOnPush },
                // Pulumi takes a list of one; CloudFormation the one.
                EncryptionConfiguration: encryption && { EncryptionType: encryption.encryptionType, KmsKey: encryption.kmsKey },
                EmptyOnDelete: i.forceDelete,
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
