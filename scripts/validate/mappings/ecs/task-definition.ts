import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { numberAsString, parseJson, pascalCaseKeys } from "../../values";

/** Keys whose values are user maps (log driver options, Docker labels), not ECS structures. */
const FREE_FORM = new Set(["options", "dockerLabels", "driverOpts", "labels"]);

/*
 * Pulumi takes container definitions as the ECS API's JSON, and volume settings in the same
 * spelling; CloudFormation uses the same structures with PascalCase keys.
 */

/** `proxyConfiguration.properties` is a map in Pulumi and a name/value list in CloudFormation. */
function nameValueList(map: Readonly<Record<string, string>> | undefined) {
    return map && Object.entries(map).map(([Name, Value]) => ({ Name, Value }));
}

export const taskDefinition = resourceMapping<aws.ecs.TaskDefinitionArgs>({
    pulumiType: "aws:ecs/taskDefinition:TaskDefinition",
    cfnType: "AWS::ECS::TaskDefinition",
    // A task definition's Ref is its ARN (with revision).
    attributes: { arn: REF },
    noEquivalent: {
        trackLatest: "a Pulumi-side choice of which revision to read back",
        skipDestroy: "CloudFormation keeps old revisions unless told otherwise; there is no switch for it",
    },
    translate: (i, ctx) => ({
        properties: {
            Family: i.family,
            Cpu: numberAsString(i.cpu),
            Memory: numberAsString(i.memory),
            NetworkMode: i.networkMode,
            RequiresCompatibilities: i.requiresCompatibilities,
            ExecutionRoleArn: i.executionRoleArn,
            TaskRoleArn: i.taskRoleArn,
            ContainerDefinitions: pascalCaseKeys(parseJson(i.containerDefinitions), FREE_FORM),
            RuntimePlatform: i.runtimePlatform && {
                CpuArchitecture: i.runtimePlatform.cpuArchitecture,
                OperatingSystemFamily: i.runtimePlatform.operatingSystemFamily,
            },
            EphemeralStorage: i.ephemeralStorage && { SizeInGiB: i.ephemeralStorage.sizeInGib },
            Volumes: i.volumes?.map((v) => ({
                Name: v.name,
                ConfiguredAtLaunch: v.configureAtLaunch,
                Host: v.hostPath === undefined ? undefined : { SourcePath: v.hostPath },
                EFSVolumeConfiguration: v.efsVolumeConfiguration && {
                    FilesystemId: v.efsVolumeConfiguration.fileSystemId,
                    RootDirectory: v.efsVolumeConfiguration.rootDirectory,
                    TransitEncryption: v.efsVolumeConfiguration.transitEncryption,
                    TransitEncryptionPort: v.efsVolumeConfiguration.transitEncryptionPort,
                    AuthorizationConfig: v.efsVolumeConfiguration.authorizationConfig && {
                        AccessPointId: v.efsVolumeConfiguration.authorizationConfig.accessPointId,
                        IAM: v.efsVolumeConfiguration.authorizationConfig.iam,
                    },
                },
                DockerVolumeConfiguration: pascalCaseKeys(v.dockerVolumeConfiguration, FREE_FORM),
                FSxWindowsFileServerVolumeConfiguration: pascalCaseKeys(v.fsxWindowsFileServerVolumeConfiguration),
                S3FilesVolumeConfiguration: pascalCaseKeys(v.s3filesVolumeConfiguration),
            })),
            PlacementConstraints: i.placementConstraints?.map((c) => ({ Type: c.type, Expression: c.expression })),
            ProxyConfiguration: i.proxyConfiguration && {
                Type: i.proxyConfiguration.type,
                ContainerName: i.proxyConfiguration.containerName,
                ProxyConfigurationProperties: nameValueList(i.proxyConfiguration.properties),
            },
            IpcMode: i.ipcMode,
            PidMode: i.pidMode,
            EnableFaultInjection: i.enableFaultInjection,
            Tags: ctx.tags(i.tags),
        },
    }),
});
