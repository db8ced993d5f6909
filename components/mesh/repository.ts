import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface HardenedRepositoryArgs {
    /** KMS key of the repository. @default the AWS managed ECR key */
    kmsKeyArn?: pulumi.Input<string>;
    /** Protect the repository against deletion by Pulumi. */
    protect: boolean;
}

/**
 * A private ECR repository as every image of the platform lives in: immutable tags, scan on push,
 * KMS encryption, no force delete, and a lifecycle policy (untagged layers expire after a week, the
 * 50 newest tagged images are kept). The repository and its lifecycle policy are both named `name`.
 */
export function createHardenedRepository(name: string, parent: pulumi.Resource, args: HardenedRepositoryArgs): aws.ecr.Repository {
    const repository = new aws.ecr.Repository(name, {
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
        forceDelete: false,
    }, { parent, protect: args.protect });
    new aws.ecr.LifecyclePolicy(name, {
        repository: repository.name,
        policy: JSON.stringify({
            rules: [
                { rulePriority: 1, description: "Untagged layers go after a week", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } },
                // Enough history to roll back well past a bad week of releases.
                { rulePriority: 2, description: "Keep the 50 newest tagged images", selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 }, action: { type: "expire" } },
            ],
        }),
    }, { parent });
    return repository;
}
