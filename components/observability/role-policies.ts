import { PolicyDocument } from "../kms/key-policy";

/** A role trust policy; IAM refuses a `Resource` element in one, hence its own type. */
export interface TrustPolicy {
    readonly Version: "2012-10-17";
    readonly Statement: { Sid: string; Effect: "Allow"; Principal: { Service: string }; Action: "sts:AssumeRole" }[];
}

/**
 * Trust policy for a role that only `service` may assume. No source conditions: neither Chatbot
 * nor CloudTrail's log delivery documents sending `aws:SourceAccount`/`aws:SourceArn` on AssumeRole,
 * and a condition the service does not satisfy breaks delivery silently.
 */
export function serviceTrustPolicy(service: string): TrustPolicy {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "AllowServiceAssumeRole", Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
    };
}

/**
 * What AWS Chatbot needs to render alarm notifications with graphs: the read-only CloudWatch
 * actions of its "Notification permissions" policy template, nothing else.
 */
export function chatbotNotificationPolicy(): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadCloudWatchForNotifications",
                Effect: "Allow",
                Action: ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"],
                Resource: "*",
            },
        ],
    };
}

/** CloudTrail delivering to its log group: create streams and put events there, and only there. */
export function trailToLogsPolicy(logGroupArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DeliverTrailEvents",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: `${logGroupArn}:log-stream:*`,
            },
        ],
    };
}
