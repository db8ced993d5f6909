import * as aws from "@pulumi/aws";
import { ResourceValidationArgs, ResourceValidationPolicy, ReportViolation } from "@pulumi/policy";
import { listOf, statementsOf } from "./common";

/** IAM without wildcard actions or administrator policies; Cognito user pools hardened. */

/** Resource types that carry an identity-based policy document, and the property holding it. */
const POLICY_DOCUMENTS: Record<string, string> = {
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:iam/policy:Policy": "policy",
    "aws:iam/userPolicy:UserPolicy": "policy",
    "aws:iam/groupPolicy:GroupPolicy": "policy",
};

/** AWS managed policies that grant administrator-level or IAM-wide power. */
const ADMIN_MANAGED_POLICIES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"];

const ATTACHMENTS = ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/policyAttachment:PolicyAttachment", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"];

/** Allowed actions of an identity policy document that are `*` or `service:*`. */
export function wildcardActions(doc: unknown): string[] {
    return statementsOf(doc)
        .filter((s) => s.Effect === "Allow")
        .flatMap((s) => [...listOf(s.Action), ...(s.NotAction !== undefined ? ["NotAction"] : [])])
        .filter((a) => a === "*" || a === "NotAction" || /^[a-z0-9-]+:\*$/i.test(a));
}

export const noWildcardActions: ResourceValidationPolicy = {
    name: "iam-no-wildcard-actions",
    description: "Identity policies allow named actions only: no \"*\", \"service:*\" or NotAction (FSBP IAM.1, IAM.21, AwsSolutions-IAM5).",
    enforcementLevel: "mandatory",
    tags: ["FSBP IAM.1", "FSBP IAM.21", "AwsSolutions-IAM5"],
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        const prop = POLICY_DOCUMENTS[args.type];
        if (prop === undefined) {
            return;
        }
        const wild = wildcardActions(args.props[prop]);
        if (wild.length > 0) {
            report(`allows wildcard actions ${[...new Set(wild)].join(", ")}.`);
        }
    },
};

export const noAdminPolicies: ResourceValidationPolicy = {
    name: "iam-no-admin-policies",
    description: "No role, user or group gets AdministratorAccess, PowerUserAccess or IAMFullAccess, and no policy allows \"*\" on \"*\" (FSBP IAM.1).",
    enforcementLevel: "mandatory",
    tags: ["FSBP IAM.1"],
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        if (ATTACHMENTS.includes(args.type)) {
            const name = String(args.props.policyArn ?? "").split("/").pop() ?? "";
            if (String(args.props.policyArn ?? "").startsWith("arn:aws:iam::aws:policy/") && ADMIN_MANAGED_POLICIES.includes(name)) {
                report(`attaches the AWS managed ${name} policy.`);
            }
        }
        if (args.type === "aws:iam/role:Role") {
            const arns = listOf(args.props.managedPolicyArns);
            const admin = arns.filter((a) => ADMIN_MANAGED_POLICIES.includes(a.split("/").pop() ?? ""));
            if (admin.length > 0) {
                report(`managedPolicyArns include ${admin.join(", ")}.`);
            }
        }
        const prop = POLICY_DOCUMENTS[args.type];
        if (prop !== undefined) {
            const full = statementsOf(args.props[prop]).some((s) => s.Effect === "Allow" && listOf(s.Action).includes("*") && listOf(s.Resource).includes("*"));
            if (full) {
                report("allows \"*\" on \"*\".");
            }
        }
    },
};

export const awsManagedPolicies: ResourceValidationPolicy = {
    name: "iam-aws-managed-policies",
    description: "Roles use policies scoped by this program rather than AWS managed policies (AwsSolutions-IAM4). Advisory: some service roles exist only as AWS managed policies.",
    enforcementLevel: "advisory",
    tags: ["AwsSolutions-IAM4"],
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        if (ATTACHMENTS.includes(args.type) && String(args.props.policyArn ?? "").startsWith("arn:aws:iam::aws:policy/")) {
            report(`attaches the AWS managed policy ${String(args.props.policyArn)}.`);
        }
    },
};

export const userPoolHardened: ResourceValidationPolicy = {
    name: "cognito-user-pool-hardened",
    description: "User pools require strong passwords (12+ characters, all classes), offer MFA, and enforce threat protection on the PLUS tier (FSBP Cognito.1, AwsSolutions-COG1, COG2, COG3).",
    enforcementLevel: "mandatory",
    tags: ["FSBP Cognito.1", "AwsSolutions-COG1", "AwsSolutions-COG2", "AwsSolutions-COG3"],
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!args.isType(aws.cognito.UserPool)) {
            return;
        }
        const pool = args.props as aws.cognito.UserPoolArgs & Record<string, any>;
        const pw = pool.passwordPolicy as Record<string, unknown> | undefined;
        if (!pw || Number(pw.minimumLength ?? 8) < 12 || !(["requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols"] as const).every((k) => pw[k] === true)) {
            report("passwordPolicy must require 12+ characters with lower case, upper case, numbers and symbols.");
        }
        if ((pool.mfaConfiguration ?? "OFF") === "OFF") {
            report("mfaConfiguration must be OPTIONAL or ON.");
        }
        if (pool.userPoolTier === "PLUS" && (pool.userPoolAddOns as { advancedSecurityMode?: string } | undefined)?.advancedSecurityMode !== "ENFORCED") {
            report("a PLUS user pool must set userPoolAddOns.advancedSecurityMode = ENFORCED.");
        }
    },
};

export const iamPolicies: ResourceValidationPolicy[] = [noWildcardActions, noAdminPolicies, awsManagedPolicies, userPoolHardened];
