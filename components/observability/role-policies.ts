import { PolicyDocument } from "../iam/policy";

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
