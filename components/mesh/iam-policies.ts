import { PolicyDocument, PolicyStatement, serviceTrustPolicy, sourceAccount, TrustPolicy } from "../iam/policy";

/**
 * IAM documents of a mesh service. Two roles with different jobs: the execution role is what the
 * ECS agent uses to start the task (pull the image, write logs, read the injected secrets); the
 * task role is what the application's code runs as. Neither gets more than its job needs.
 */

/** Trust policy for ECS tasks, limited to tasks of this account (confused-deputy guard). */
export function ecsTasksTrustPolicy(accountId: string, partition: string, region: string): TrustPolicy {
    return serviceTrustPolicy("ecs-tasks.amazonaws.com", sourceAccount(accountId, `arn:${partition}:ecs:${region}:${accountId}:*`));
}

/** Trust policy of the roles ECS itself assumes (load-balancer traffic shifting, Service Connect TLS). */
export function ecsInfrastructureTrustPolicy(accountId: string): TrustPolicy {
    return serviceTrustPolicy("ecs.amazonaws.com", sourceAccount(accountId));
}

/**
 * The secret's own ARN from a container secret's `valueFrom`, which may add
 * `:json-key:version-stage:version-id` after the ARN's seven colon-separated parts.
 */
export function secretArnOf(valueFrom: string): string {
    const parts = valueFrom.split(":");
    if (parts.length < 7 || parts[0] !== "arn" || parts[2] !== "secretsmanager" || parts[5] !== "secret") {
        throw new Error(`${JSON.stringify(valueFrom)} is not a Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[:<json-key>::])`);
    }
    return parts.slice(0, 7).join(":");
}

export interface ExecutionPolicyArgs {
    /** ARNs of the ECR repositories the task's images come from: the service's own and its sidecars' (e.g. the platform's ADOT mirror). */
    readonly repositoryArns: readonly string[];
    /** ARN of the service's log group. */
    readonly logGroupArn: string;
    /** `valueFrom` of every injected secret (ARN, optionally with a JSON key). */
    readonly secretValueFroms: readonly string[];
    /** KMS keys that encrypt those secrets, when customer managed (AWS managed keys need no grant). */
    readonly secretKmsKeyArns?: readonly string[];
}

/** What the ECS agent needs to start the task, scoped to this service's repositories, log group and secrets. */
export function executionRolePolicy(args: ExecutionPolicyArgs): PolicyDocument {
    const repositoryArns = [...new Set(args.repositoryArns)].sort();
    if (repositoryArns.length === 0) {
        throw new Error("executionRolePolicy: repositoryArns must name at least one ECR repository");
    }
    const secretArns = [...new Set(args.secretValueFroms.map(secretArnOf))].sort();
    const statements: PolicyStatement[] = [
        // GetAuthorizationToken has no resource type: AWS only accepts "*" for it.
        { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: repositoryArns },
        { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${args.logGroupArn}:*` },
    ];
    if (secretArns.length > 0) {
        statements.push({ Sid: "Secrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArns });
    }
    const keys = [...new Set(args.secretKmsKeyArns ?? [])].sort();
    if (keys.length > 0) {
        statements.push({
            Sid: "SecretKeys",
            Effect: "Allow",
            Action: "kms:Decrypt",
            Resource: keys,
            Condition: { StringLike: { "kms:ViaService": "secretsmanager.*.amazonaws.com" } },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** What the ADOT collector needs to send traces to X-Ray and follow the sampling rules. */
export const TRACING_STATEMENT: PolicyStatement = {
    Sid: "XRayTracing",
    Effect: "Allow",
    Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"],
    // These X-Ray actions support no resource-level permissions: AWS requires "*".
    Resource: "*",
};

/** The channels ECS Exec opens through SSM; only present where exec is enabled (dev). */
export const EXECUTE_COMMAND_STATEMENT: PolicyStatement = {
    Sid: "EcsExec",
    Effect: "Allow",
    Action: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
    // ssmmessages has no resource types: AWS requires "*".
    Resource: "*",
};

/** The task role: exactly the statements handed in (e.g. by DataTier), plus tracing, plus ECS Exec when enabled. */
export function taskRolePolicy(statements: readonly PolicyStatement[], enableExecuteCommand: boolean): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [...statements, TRACING_STATEMENT, ...(enableExecuteCommand ? [EXECUTE_COMMAND_STATEMENT] : [])],
    };
}
