import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const lambdaFunction = resourceMapping<aws.lambda.FunctionArgs>({
    pulumiType: "aws:lambda/function:Function",
    cfnType: "AWS::Lambda::Function",
    attributes: { arn: "Arn", id: REF, name: REF },
    noEquivalent: {
        publish: "CloudFormation publishes versions with AWS::Lambda::Version",
        sourceCodeHash: "Pulumi's trigger to upload new code",
        codeSha256: "Pulumi's trigger to upload new code",
        skipDestroy: "the DeletionPolicy covers it",
        replaceSecurityGroupsOnDestroy: "a Pulumi workaround for slow ENI clean-up",
        replacementSecurityGroupIds: "a Pulumi workaround for slow ENI clean-up",
        useResourceTimeoutForPropagation: "Pulumi's wait for IAM propagation",
    },
    translate: (i, ctx) => ({
        properties: {
            FunctionName: verbatim(i.name),
            Description: i.description,
            Role: i.role,
            Runtime: i.runtime,
            Handler: i.handler,
            PackageType: i.packageType,
            Architectures: i.architectures,
            MemorySize: i.memorySize,
            Timeout: i.timeout,
            // The archive Pulumi uploads is not in the plan; CloudFormation would read it from S3.
            Code: i.code !== undefined
                ? { S3Bucket: ctx.orPlaceholder(undefined, "code", "artifactBucket"), S3Key: `${ctx.name}.zip` }
                : { ImageUri: i.imageUri, S3Bucket: i.s3Bucket, S3Key: i.s3Key, S3ObjectVersion: i.s3ObjectVersion, SourceKMSKeyArn: i.sourceKmsKeyArn },
            ImageConfig: pascalCaseKeys(i.imageConfig),
            Environment: i.environment && { Variables: i.environment.variables },
            KmsKeyArn: i.kmsKeyArn,
            Layers: i.layers,
            LoggingConfig: pascalCaseKeys(i.loggingConfig),
            TracingConfig: i.tracingConfig && { Mode: i.tracingConfig.mode },
            VpcConfig: i.vpcConfig && { SubnetIds: i.vpcConfig.subnetIds, SecurityGroupIds: i.vpcConfig.securityGroupIds, Ipv6AllowedForDualStack: i.vpcConfig.ipv6AllowedForDualStack },
            DeadLetterConfig: i.deadLetterConfig && { TargetArn: i.deadLetterConfig.targetArn },
            EphemeralStorage: i.ephemeralStorage && { Size: i.ephemeralStorage.size },
            FileSystemConfigs: pascalCaseKeys(i.fileSystemConfig === undefined ? undefined : [i.fileSystemConfig]),
            ReservedConcurrentExecutions: i.reservedConcurrentExecutions,
            SnapStart: i.snapStart && { ApplyOn: i.snapStart.applyOn },
            CodeSigningConfigArn: i.codeSigningConfigArn,
            CapacityProviderConfig: pascalCaseKeys(i.capacityProviderConfig),
            DurableConfig: pascalCaseKeys(i.durableConfig),
            TenancyConfig: pascalCaseKeys(i.tenancyConfig),
            Tags: ctx.tags(i.tags),
        },
    }),
});
