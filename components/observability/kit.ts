import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceKeyPolicy } from "../kms/key-policy";
import { isEmail, isSlackChannelId, isSlackWorkspaceId } from "./alert-targets";
import { metricAlarmArgs } from "./alarms";
import { dashboardBody, GraphSpec } from "./dashboard";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "./log-retention";
import { serviceTrustPolicy } from "../iam/policy";
import { chatbotNotificationPolicy, trailToLogsPolicy } from "./role-policies";
import { MAX_SAMPLING_RULE_NAME, samplingRules } from "./sampling-rules";
import { trailAccessLogBucketPolicy, trailBucketPolicy } from "./trail-bucket-policy";
import { trailEventSelectors } from "./trail-selectors";
import { SECURITY_FILTERS, securityNamespace } from "./trail-security-filters";
import { createPrivateBucket } from "../storage/private-bucket";

export interface SlackTarget {
    /** Slack workspace (team) id, `T...`; the workspace must have been authorised once in the AWS Chatbot console. */
    readonly workspaceId: string;
    /** Slack channel id, `C...` (public) or `G...` (private; invite the AWS app to it). */
    readonly channelId: string;
}

export interface ObservabilityKitArgs {
    /** Environment name (`dev`, `prod`): X-Ray group filter, metric namespace and sampling-rule names carry it. */
    readonly environment: string;
    /** Region of the stack; the key policy grants CloudWatch Logs its regional principal there. */
    readonly region: string;
    /**
     * Retention of the environment's log groups (the trail's), in days; a value CloudWatch Logs accepts.
     * Exported to the service stacks as the retention of theirs.
     */
    readonly logRetentionDays: number;
    /**
     * Addresses subscribed to the alert topic by email. Each must confirm the mail SNS sends.
     * @default [] — alerts go to chat only, or nowhere until someone subscribes.
     */
    readonly alertEmails?: readonly string[];
    /**
     * Addresses subscribed to the ticket topic by email: slow SLO burns and the fixed alarms an SLO
     * covers, which need attention within a day, not a page. A ticketing system's mail intake fits.
     * @default [] — subscribe the topic (`ticketTopicArn`) to whatever files tickets.
     */
    readonly ticketEmails?: readonly string[];
    /**
     * Slack channel that AWS Chatbot posts alerts to (O6).
     * @default undefined — no Chatbot configuration (it needs a one-time console authorisation of the workspace).
     */
    readonly slack?: SlackTarget;
    /**
     * Also record data events (S3 object reads/writes, Lambda invokes). Billed per 100,000 events.
     * @default false — management events only, which the first trail of an account records for free.
     */
    readonly trailDataEvents?: boolean;
    /**
     * Also deliver the trail to a CloudWatch Logs group, with metric filters and alarms for root use
     * and unauthorized API calls. Costs log ingestion; without it the trail is only in S3.
     * @default true
     */
    readonly trailToCloudWatch?: boolean;
    /**
     * Days the trail's log files are kept in S3 before they expire (older versions expire 30 days after being replaced).
     * @default 365
     */
    readonly trailRetentionDays?: number;
    /**
     * Share of requests traced beyond one a second, 0..1.
     * @default 0.05
     */
    readonly traceSampleRate?: number;
    /**
     * X-Ray service-name pattern the environment's sampling rules match. Sampling rules are
     * account-wide: when two environments share an account, give each its own pattern (`dev-*`).
     * @default "*"
     */
    readonly tracedServiceName?: string;
    /**
     * Protect the stateful pieces (key, trail bucket, log groups) against deletion, and turn on the
     * log groups' own deletion protection.
     * @default true
     */
    readonly protect?: boolean;
}

/** Throws, naming the arg, the value and what is accepted, before any resource is registered. */
export function validateObservabilityKitArgs(name: string, args: ObservabilityKitArgs, parent?: pulumi.Resource): void {
    const problems: string[] = [];
    if (!isValidLogRetention(args.logRetentionDays)) {
        problems.push(`logRetentionDays = ${args.logRetentionDays}: expected one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    for (const [arg, emails] of [["alertEmails", args.alertEmails ?? []], ["ticketEmails", args.ticketEmails ?? []]] as const) {
        const badEmails = emails.filter((e) => !isEmail(e));
        if (badEmails.length > 0) {
            problems.push(`${arg} = ${JSON.stringify(badEmails)}: expected email addresses such as ops@example.com`);
        }
        if (new Set(emails).size !== emails.length) {
            problems.push(`${arg} = ${JSON.stringify(emails)}: an address is listed twice`);
        }
    }
    if (args.slack !== undefined && !isSlackWorkspaceId(args.slack.workspaceId)) {
        problems.push(`slack.workspaceId = "${args.slack.workspaceId}": expected a Slack workspace id such as T0123ABCDE`);
    }
    if (args.slack !== undefined && !isSlackChannelId(args.slack.channelId)) {
        problems.push(`slack.channelId = "${args.slack.channelId}": expected a Slack channel id such as C0123ABCDE`);
    }
    const rate = args.traceSampleRate ?? 0.05;
    if (!(Number.isFinite(rate) && rate >= 0 && rate <= 1)) {
        problems.push(`traceSampleRate = ${rate}: expected a number from 0 to 1`);
    }
    const keep = args.trailRetentionDays ?? 365;
    if (!(Number.isInteger(keep) && keep >= 1)) {
        problems.push(`trailRetentionDays = ${keep}: expected a whole number of days, at least 1`);
    }
    const longestRule = Math.max(...samplingRules(args.environment, 0, "*").map((r) => r.ruleName.length));
    if (!/^[a-z][a-z0-9-]*$/.test(args.environment) || longestRule > MAX_SAMPLING_RULE_NAME) {
        problems.push(`environment = "${args.environment}": expected lower-case letters, digits and dashes, short enough for X-Ray rule names of at most ${MAX_SAMPLING_RULE_NAME} characters`);
    }
    if (problems.length > 0) {
        const message = `ObservabilityKit "${name}": invalid arguments:\n  - ${problems.join("\n  - ")}`;
        throw parent ? new pulumi.ResourceError(message, parent) : new Error(message);
    }
}

/**
 * The observability of one environment (O1, O2, O4-O6 at environment level; O3's environment
 * dashboard): a KMS key for observability data, the encrypted alert topic with its email and Slack
 * subscribers, a multi-region CloudTrail into a locked-down bucket (optionally into CloudWatch Logs
 * with security alarms), the environment's X-Ray group and sampling rules, and its dashboard.
 * Service stacks use `ServiceObservability` with this kit's topic, key and retention.
 */
export class ObservabilityKit extends pulumi.ComponentResource {
    /** KMS key for logs, the alert topic and the trail; service log groups use it too. */
    public readonly keyArn: pulumi.Output<string>;
    public readonly alertTopicArn: pulumi.Output<string>;
    /** Where what needs attention but no page goes: slow SLO burns, fixed alarms an SLO covers. */
    public readonly ticketTopicArn: pulumi.Output<string>;
    public readonly trailName: pulumi.Output<string>;
    public readonly trailArn: pulumi.Output<string>;
    public readonly trailBucketName: pulumi.Output<string>;
    /** The bucket that receives the trail bucket's S3 server access logs (who read the audit trail). */
    public readonly trailAccessLogBucketName: pulumi.Output<string>;
    /** The trail's log group, or undefined when the trail goes to S3 only. */
    public readonly trailLogGroupName: pulumi.Output<string> | undefined;
    public readonly dashboardName: pulumi.Output<string>;
    public readonly xrayGroupName: pulumi.Output<string>;
    public readonly xrayGroupArn: pulumi.Output<string>;
    public readonly logRetentionDays: number;

    constructor(name: string, args: ObservabilityKitArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:observability:ObservabilityKit", name, {}, opts);
        validateObservabilityKitArgs(name, args, this);
        const parent = this;
        const protect = args.protect ?? true;
        const identity = aws.getCallerIdentityOutput({}, { parent });
        const partition = aws.getPartitionOutput({}, { parent });
        const account = { accountId: identity.accountId, partition: partition.partition, region: args.region };

        const key = new aws.kms.Key(`${name}-observability-key`, {
            description: `${name}: encrypts observability data (log groups, alert topic, CloudTrail)`,
            enableKeyRotation: true,
            deletionWindowInDays: 30,
            policy: pulumi.all([account.accountId, account.partition]).apply(([accountId, part]) =>
                JSON.stringify(serviceKeyPolicy({ accountId, region: args.region, partition: part }, ["logs", "sns", "cloudwatch", "cloudtrail"])),
            ),
        }, { parent, protect });
        new aws.kms.Alias(`${name}-observability-key`, { name: `alias/${name}-observability`, targetKeyId: key.keyId }, { parent });

        const topic = createAlerts(name, parent, args, key, partition.partition);
        const tickets = createTickets(name, parent, args, key);
        const trail = createTrail(name, parent, args, key, topic, account, protect);
        const tracing = createTracing(name, parent, args);

        const topicName = `${name}-alerts`;
        const ticketTopicName = `${name}-tickets`;
        const graphs: GraphSpec[] = [
            { title: "Alerts published", namespace: "AWS/SNS", metricName: "NumberOfMessagesPublished", dimensions: { TopicName: topicName }, statistic: "Sum", periodSeconds: 300 },
            { title: "Alert deliveries failed", namespace: "AWS/SNS", metricName: "NumberOfNotificationsFailed", dimensions: { TopicName: topicName }, statistic: "Sum", periodSeconds: 300 },
            { title: "Tickets published", namespace: "AWS/SNS", metricName: "NumberOfMessagesPublished", dimensions: { TopicName: ticketTopicName }, statistic: "Sum", periodSeconds: 300 },
            ...(trail.securityAlarms.length > 0
                ? SECURITY_FILTERS.map((f) => ({ title: `Security: ${f.description}`, namespace: securityNamespace(args.environment), metricName: f.metricName, dimensions: {}, statistic: "Sum", periodSeconds: 300, threshold: 1 }))
                : []),
        ];
        const dashboardName = `${name}-environment`;
        const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
            dashboardName,
            dashboardBody: pulumi.all(trail.securityAlarms.map((a) => a.arn)).apply((alarmArns) =>
                dashboardBody({
                    title: `Environment ${args.environment}`,
                    region: args.region,
                    description: `Alert topic \`${topicName}\` (pages), ticket topic \`${ticketTopicName}\`, trail \`${name}-trail\`, X-Ray group \`${args.environment}\`. Service dashboards, with their SLOs, are named \`${args.environment}-<service>-service\`; the edge's, with the API's SLOs, \`${args.environment}-edge\`.`,
                    alarmArns,
                    graphs,
                }),
            ),
        }, { parent });

        this.keyArn = key.arn;
        this.alertTopicArn = topic.arn;
        this.ticketTopicArn = tickets.arn;
        this.trailName = trail.trail.name;
        this.trailArn = trail.trail.arn;
        this.trailBucketName = trail.bucket.bucket;
        this.trailAccessLogBucketName = trail.accessLogBucket.bucket;
        this.trailLogGroupName = trail.logGroup?.name;
        this.dashboardName = dashboard.dashboardName;
        this.xrayGroupName = tracing.group.groupName;
        this.xrayGroupArn = tracing.group.arn;
        this.logRetentionDays = args.logRetentionDays;
        this.registerOutputs({
            keyArn: this.keyArn,
            alertTopicArn: this.alertTopicArn,
            ticketTopicArn: this.ticketTopicArn,
            trailName: this.trailName,
            trailBucketName: this.trailBucketName,
            trailAccessLogBucketName: this.trailAccessLogBucketName,
            dashboardName: this.dashboardName,
            xrayGroupName: this.xrayGroupName,
        });
    }
}

/** The encrypted alert topic (O2) and where it sends: email and, when configured, Slack through AWS Chatbot (O6). */
function createAlerts(name: string, parent: pulumi.Resource, args: ObservabilityKitArgs, key: aws.kms.Key, partition: pulumi.Output<string>): aws.sns.Topic {
    const topic = new aws.sns.Topic(`${name}-alerts`, {
        name: `${name}-alerts`,
        displayName: `${args.environment} alerts`,
        kmsMasterKeyId: key.arn,
    }, { parent });
    subscribeEmails(`${name}-alerts`, topic, args.alertEmails ?? [], parent);
    if (args.slack !== undefined) {
        const role = new aws.iam.Role(`${name}-chatbot`, {
            description: "Lets AWS Chatbot read CloudWatch to render alarm notifications",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("chatbot.amazonaws.com")),
        }, { parent });
        new aws.iam.RolePolicy(`${name}-chatbot`, { role: role.id, policy: JSON.stringify(chatbotNotificationPolicy()) }, { parent });
        new aws.chatbot.SlackChannelConfiguration(`${name}-slack`, {
            configurationName: `${name}-alerts`,
            iamRoleArn: role.arn,
            slackTeamId: args.slack.workspaceId,
            slackChannelId: args.slack.channelId,
            snsTopicArns: [topic.arn],
            // Without a guardrail, channel members' commands are capped by AdministratorAccess.
            guardrailPolicyArns: [pulumi.interpolate`arn:${partition}:iam::aws:policy/CloudWatchReadOnlyAccess`],
            userAuthorizationRequired: true,
            loggingLevel: "ERROR",
        }, { parent });
    }
    return topic;
}

/** The ticket topic: encrypted like the alert topic, with its own email subscribers. */
function createTickets(name: string, parent: pulumi.Resource, args: ObservabilityKitArgs, key: aws.kms.Key): aws.sns.Topic {
    const topic = new aws.sns.Topic(`${name}-tickets`, {
        name: `${name}-tickets`,
        displayName: `${args.environment} tickets`,
        kmsMasterKeyId: key.arn,
    }, { parent });
    subscribeEmails(`${name}-tickets`, topic, args.ticketEmails ?? [], parent);
    return topic;
}

function subscribeEmails(name: string, topic: aws.sns.Topic, emails: readonly string[], parent: pulumi.Resource): void {
    // Logical names from the address, not the list position: reordering the list replaces nothing.
    for (const email of emails) {
        new aws.sns.TopicSubscription(`${name}-email-${email}`, { topic: topic.arn, protocol: "email", endpoint: email }, { parent });
    }
}

interface AccountOutputs {
    readonly accountId: pulumi.Output<string>;
    readonly partition: pulumi.Output<string>;
    readonly region: string;
}

/** CloudTrail (O5): multi-region, validated, KMS-encrypted, into a bucket that only the trail can write and only TLS can reach. */
function createTrail(name: string, parent: pulumi.Resource, args: ObservabilityKitArgs, key: aws.kms.Key, topic: aws.sns.Topic, account: AccountOutputs, protect: boolean) {
    const trailName = `${name}-trail`;
    // The policy names the trail before it exists (its ARN is predictable), so the trail can depend on it.
    const trailArn = pulumi.interpolate`arn:${account.partition}:cloudtrail:${account.region}:${account.accountId}:trail/${trailName}`;
    const { bucket, policy: bucketPolicy } = createPrivateBucket(`${name}-trail`, parent, {
        kmsKeyArn: key.arn,
        expireDays: args.trailRetentionDays ?? 365,
        policy: (bucketArn) => pulumi.all([bucketArn, trailArn, account.accountId]).apply(([arn, trail, accountId]) => JSON.stringify(trailBucketPolicy({ bucketArn: arn, trailArn: trail, accountId }))),
        protect,
    });
    const accessLogBucket = createTrailAccessLogs(name, parent, args, bucket, account, protect);

    const toLogs = args.trailToCloudWatch ?? true;
    let logGroup: aws.cloudwatch.LogGroup | undefined;
    let logDelivery: { cloudWatchLogsGroupArn: pulumi.Output<string>; cloudWatchLogsRoleArn: pulumi.Output<string> } | undefined;
    const waitFor: pulumi.Resource[] = [bucketPolicy!];
    if (toLogs) {
        logGroup = new aws.cloudwatch.LogGroup(`${name}-trail`, {
            name: `/aws/cloudtrail/${name}`,
            retentionInDays: args.logRetentionDays,
            kmsKeyId: key.arn,
            deletionProtectionEnabled: protect,
        }, { parent, protect });
        const role = new aws.iam.Role(`${name}-trail-logs`, {
            description: "Lets CloudTrail deliver events to its log group",
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("cloudtrail.amazonaws.com")),
        }, { parent });
        const rolePolicy = new aws.iam.RolePolicy(`${name}-trail-logs`, { role: role.id, policy: logGroup.arn.apply((arn) => JSON.stringify(trailToLogsPolicy(arn))) }, { parent });
        waitFor.push(rolePolicy);
        // CloudTrail wants the group's ARN with the `:*` stream suffix.
        logDelivery = { cloudWatchLogsGroupArn: pulumi.interpolate`${logGroup.arn}:*`, cloudWatchLogsRoleArn: role.arn };
    }

    const trail = new aws.cloudtrail.Trail(`${name}-trail`, {
        name: trailName,
        s3BucketName: bucket.bucket,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        kmsKeyId: key.arn,
        advancedEventSelectors: pulumi.all([bucket.arn, accessLogBucket.arn]).apply((arns) => trailEventSelectors(args.trailDataEvents ?? false, ...arns)),
        ...logDelivery,
    }, { parent, dependsOn: waitFor });

    const securityAlarms: aws.cloudwatch.MetricAlarm[] = [];
    if (logGroup !== undefined) {
        const namespace = securityNamespace(args.environment);
        for (const filter of SECURITY_FILTERS) {
            new aws.cloudwatch.LogMetricFilter(`${name}-${filter.key}`, {
                name: `${name}-${filter.key}`,
                logGroupName: logGroup.name,
                pattern: filter.pattern,
                metricTransformation: { name: filter.metricName, namespace, value: "1", defaultValue: "0" },
            }, { parent });
            securityAlarms.push(new aws.cloudwatch.MetricAlarm(`${name}-${filter.key}`, metricAlarmArgs(`${name}-${filter.key}`, {
                namespace,
                metricName: filter.metricName,
                statistic: "Sum",
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
                periodSeconds: 300,
                evaluationPeriods: 1,
                treatMissingData: "notBreaching",
                description: `${args.environment}: ${filter.description} (CloudTrail)`,
                dimensions: {},
            }, topic.arn), { parent }));
        }
    }
    return { bucket, accessLogBucket, trail, logGroup, securityAlarms };
}

/** Key prefix of the trail bucket's access logs in their bucket. */
export const TRAIL_ACCESS_LOG_PREFIX = "trail-bucket/";

/**
 * Audit of the audit log (CIS AWS Foundations 3.6, FSBP S3.9): S3 server access logs of the trail
 * bucket, into a bucket of their own that only the S3 logging service can write, for this source
 * bucket and account only. SSE-S3: server access logging cannot deliver to a bucket whose default
 * encryption is SSE-KMS (AWS limitation). Date-partitioned keys keep a day's reads in one prefix.
 */
function createTrailAccessLogs(name: string, parent: pulumi.Resource, args: ObservabilityKitArgs, trailBucket: aws.s3.Bucket, account: AccountOutputs, protect: boolean): aws.s3.Bucket {
    const { bucket, policy } = createPrivateBucket(`${name}-trail-access-logs`, parent, {
        expireDays: args.trailRetentionDays ?? 365,
        policy: (logBucketArn) => pulumi.all([logBucketArn, trailBucket.arn, account.accountId]).apply(([logArn, sourceArn, accountId]) =>
            JSON.stringify(trailAccessLogBucketPolicy({ logBucketArn: logArn, sourceBucketArn: sourceArn, accountId, prefix: TRAIL_ACCESS_LOG_PREFIX })),
        ),
        protect,
    });
    new aws.s3.BucketLogging(`${name}-trail-access-logging`, {
        bucket: trailBucket.id,
        targetBucket: bucket.id,
        targetPrefix: TRAIL_ACCESS_LOG_PREFIX,
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } },
    }, { parent, dependsOn: [policy!] });
    return bucket;
}

/** The environment's X-Ray group and sampling rules (O4). */
function createTracing(name: string, parent: pulumi.Resource, args: ObservabilityKitArgs) {
    // Services mark their spans with the `environment` annotation (an indexed attribute of the ADOT collector).
    const group = new aws.xray.Group(`${name}-xray`, {
        groupName: args.environment,
        filterExpression: `annotation.environment = "${args.environment}"`,
        insightsConfiguration: { insightsEnabled: true, notificationsEnabled: true },
    }, { parent });
    for (const rule of samplingRules(args.environment, args.traceSampleRate ?? 0.05, args.tracedServiceName ?? "*")) {
        new aws.xray.SamplingRule(`${name}-sampling-${rule.key}`, {
            ruleName: rule.ruleName,
            priority: rule.priority,
            reservoirSize: rule.reservoirSize,
            fixedRate: rule.fixedRate,
            urlPath: rule.urlPath,
            httpMethod: rule.httpMethod,
            serviceName: rule.serviceName,
            host: "*",
            serviceType: "*",
            resourceArn: "*",
            version: 1,
        }, { parent });
    }
    return { group };
}
