/** Checks of where alerts go (O6): email addresses and the Slack ids AWS Chatbot takes. */

// Deliberately plain: one @, no spaces, a dotted domain. SNS sends a confirmation mail; this only
// catches typos such as a missing domain before a subscription is created that can never confirm.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Slack workspace (team) ids start with T, channel ids with C (public) or G (private). */
const SLACK_WORKSPACE = /^T[A-Z0-9]{8,}$/;
const SLACK_CHANNEL = /^[CG][A-Z0-9]{8,}$/;

export function isEmail(value: string): boolean {
    return EMAIL.test(value) && value.length <= 254;
}

export function isSlackWorkspaceId(value: string): boolean {
    return SLACK_WORKSPACE.test(value);
}

export function isSlackChannelId(value: string): boolean {
    return SLACK_CHANNEL.test(value);
}
