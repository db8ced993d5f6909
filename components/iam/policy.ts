/**
 * IAM policy documents as plain typed data, shared by every component: key policies, bucket
 * policies, role policies and trust policies are all built by pure functions and tested as data.
 */

export type PolicyConditions = Record<string, Record<string, unknown>>;

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: unknown;
    readonly Action: string | string[];
    readonly Resource: string | string[];
    readonly Condition?: PolicyConditions;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: PolicyStatement[];
}

/** A role trust policy; IAM refuses a `Resource` element in one, hence its own type. */
export interface TrustPolicy {
    readonly Version: "2012-10-17";
    readonly Statement: {
        readonly Sid: string;
        readonly Effect: "Allow";
        readonly Principal: { readonly Service: string };
        readonly Action: "sts:AssumeRole";
        readonly Condition?: PolicyConditions;
    }[];
}

/**
 * Trust policy for a role that only `service` may assume. Pass `condition` (usually
 * `sourceAccount(...)`) for services that send `aws:SourceAccount`/`aws:SourceArn`: it stops another
 * account's resources from using the role (confused deputy). Leave it out for services that do not
 * send them, since a condition the service cannot satisfy breaks it silently.
 */
export function serviceTrustPolicy(service: string, condition?: PolicyConditions): TrustPolicy {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowServiceAssumeRole", Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
    };
}

/** The confused-deputy guard: only requests made on behalf of this account (and, if given, of ARNs like `sourceArn`). */
export function sourceAccount(accountId: string, sourceArn?: string): PolicyConditions {
    return {
        StringEquals: { "aws:SourceAccount": accountId },
        ...(sourceArn ? { ArnLike: { "aws:SourceArn": sourceArn } } : {}),
    };
}
