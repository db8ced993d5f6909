import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { containersOf } from "./common";

/** Supported runtimes, scanned and immutable images, hardened containers. */

/**
 * Lambda runtimes not deprecated today (AWS Lambda "Supported runtimes"); extend the list when AWS
 * adds one, remove one when it reaches its deprecation date.
 */
export const SUPPORTED_LAMBDA_RUNTIMES = ["nodejs22.x", "nodejs24.x", "python3.12", "python3.13", "python3.14", "java21", "java25", "dotnet8", "dotnet10", "ruby3.4", "provided.al2023"];

export const lambdaSupportedRuntime: ResourceValidationPolicy = {
    name: "lambda-supported-runtime",
    description: "Lambda functions use a supported, current runtime (FSBP Lambda.2, AwsSolutions-L1).",
    enforcementLevel: "mandatory",
    tags: ["FSBP Lambda.2", "AwsSolutions-L1"],
    validateResource: validateResourceOfType(aws.lambda.Function, (fn, _a, report) => {
        // Container-image functions have no runtime: the image carries it.
        if (fn.packageType !== "Image" && !SUPPORTED_LAMBDA_RUNTIMES.includes(String(fn.runtime))) {
            report(`runtime ${String(fn.runtime)} is not one of ${SUPPORTED_LAMBDA_RUNTIMES.join(", ")}.`);
        }
    }),
};

export const ecrRepositoryHardened: ResourceValidationPolicy = {
    name: "ecr-repository-hardened",
    description: "ECR repositories scan on push (FSBP ECR.1), have immutable tags (FSBP ECR.2) and are encrypted with KMS.",
    enforcementLevel: "mandatory",
    tags: ["FSBP ECR.1", "FSBP ECR.2"],
    validateResource: validateResourceOfType(aws.ecr.Repository, (repo, _a, report) => {
        if (repo.imageScanningConfiguration?.scanOnPush !== true) {
            report("imageScanningConfiguration.scanOnPush must be true.");
        }
        if (repo.imageTagMutability !== "IMMUTABLE") {
            report("imageTagMutability must be IMMUTABLE.");
        }
        if (!(repo.encryptionConfigurations ?? []).some((e) => e.encryptionType === "KMS")) {
            report("encryptionConfigurations must use KMS.");
        }
    }),
};

/** Environment variable names that suggest a secret passed in clear text. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;
const SECRETS_MANAGER_ARN = /^arn:[a-z-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:[^\s:]+$/;
const JSON_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Variables that name a secret without carrying it: `<X>_SECRET_ARN` set to a Secrets Manager ARN
 * (the app reads the secret with its task role and follows rotation), and `<X>_SECRET_KEY` set to
 * a JSON key name beside such an ARN.
 */
function secretReferences(environment: { name: string; value?: unknown }[]): Set<string> {
    const refs = new Set<string>();
    const byName = new Map(environment.map((e) => [e.name, e.value]));
    for (const [name, value] of byName) {
        const m = /^(.+)_SECRET_ARN$/.exec(name);
        if (!m || typeof value !== "string" || !SECRETS_MANAGER_ARN.test(value)) {
            continue;
        }
        refs.add(name);
        const key = byName.get(`${m[1]}_SECRET_KEY`);
        if (typeof key === "string" && JSON_KEY.test(key)) {
            refs.add(`${m[1]}_SECRET_KEY`);
        }
    }
    return refs;
}

export const containersHardened: ResourceValidationPolicy = {
    name: "ecs-containers-hardened",
    description:
        "Task definitions run no privileged container (FSBP ECS.4), " +
        "pass secrets through `secrets`, never environment variables (FSBP ECS.8, AwsSolutions-ECS2), and run as a non-root user.",
    enforcementLevel: "mandatory",
    tags: ["FSBP ECS.4", "FSBP ECS.8", "AwsSolutions-ECS2"],
    validateResource: validateResourceOfType(aws.ecs.TaskDefinition, (td, _a, report) => {
        for (const c of containersOf(td.containerDefinitions)) {
            const name = String(c.name);
            if (c.privileged === true) {
                report(`container ${name} is privileged.`);
            }
            const user = String(c.user ?? "");
            if (user === "" || user === "root" || /^0(:|$)/.test(user)) {
                report(`container ${name} must run as a non-root user.`);
            }
            const environment = (c.environment ?? []) as { name: string; value?: unknown }[];
            const refs = secretReferences(environment);
            const leaked = environment.filter((e) => SECRET_NAME.test(e.name) && !refs.has(e.name)).map((e) => e.name);
            if (leaked.length > 0) {
                report(`container ${name} passes ${leaked.join(", ")} as environment variables; use secrets.`);
            }
        }
    }),
};

/**
 * ECS Exec runs the SSM agent inside the container, and the agent needs to write to the container's
 * file system: AWS does not support ECS Exec on a read-only root. So the one exception to FSBP ECS.5
 * is a task definition that an ECS service of the same stack runs with `enableExecuteCommand`
 * (which the service config refuses in production).
 */
export const containersReadOnlyRoot: StackValidationPolicy = {
    name: "ecs-containers-read-only-root",
    description: "Every container has a read-only root file system (FSBP ECS.5), except in task definitions that a service runs with ECS Exec, which AWS does not support on a read-only root.",
    enforcementLevel: "mandatory",
    tags: ["FSBP ECS.5"],
    validateStack: (args, report) => {
        const execServices = args.resources.filter((r) => r.type === "aws:ecs/service:Service" && r.props.enableExecuteCommand === true);
        for (const td of args.resources.filter((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition")) {
            const exec = execServices.some((s) => s.dependencies.some((d) => d.urn === td.urn));
            for (const c of containersOf(td.props.containerDefinitions)) {
                if (c.readonlyRootFilesystem !== true && !exec) {
                    report(`container ${String(c.name)} of ${td.name} must set readonlyRootFilesystem (only a task definition run with ECS Exec may have a writable root).`, td.urn);
                }
            }
        }
    },
};

export const runtimePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [lambdaSupportedRuntime, ecrRepositoryHardened, containersHardened, containersReadOnlyRoot];
