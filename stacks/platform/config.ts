import { azIdPrefixOfRegion, isRegionCode, parseAzId } from "../../components/network/az-ids";
import { contains, MAX_AZ_NUMBER, MAX_VPC_PREFIX, MIN_VPC_PREFIX, parseCidr } from "../../components/network/cidr";
import { EGRESS_MODES, EgressMode } from "../../components/network/egress";
import { DEFAULT_INTERFACE_ENDPOINTS } from "../../components/network/network";
import { AlarmOverride } from "../../components/observability/alarm-catalogue";
import { OVERRIDE_FORMAT, parseAlarmOverrides, parseSloOverrides, SLO_OVERRIDE_FORMAT } from "../../components/observability/alarm-overrides";
import { isEmail, isSlackChannelId, isSlackWorkspaceId } from "../../components/observability/alert-targets";
import { isValidLogRetention, LOG_RETENTION_DAYS } from "../../components/observability/log-retention";
import { SloOverride, sloProblems, sloSpecs, SLO_TIERS, SloTarget } from "../../components/observability/slo-catalogue";
import { SERVICE_NAME } from "../service/config";
import { ACM_CERTIFICATE_ARN, ConfigValidator, DNS_NAME, duplicatesOf, HOSTED_ZONE_ID, optionalString, RawConfig, tagValueProblem } from "../config/reader";

/** The platform project's name; its config keys live in this namespace. */
export const PLATFORM_PROJECT = "platform";

/** Every key the platform program reads, without namespace; Pulumi.yaml declares each with a default. */
export const PLATFORM_CONFIG_KEYS = ["production", "owner", "costCenter", "vpcCidr", "azIds", "egress", "interfaceEndpoints", "logRetentionDays",
    "alertEmails", "ticketEmails", "slackWorkspaceId", "slackChannelId", "alarmOverrides", "sloOverrides", "trailDataEvents", "trailToCloudWatch",
    "serviceTls", "fargateSpot", "albHostName", "hostedZoneId", "albCertificateArn", "services",
    "trafficRequestsPerMonth", "trafficGbOutPerMonth", "trafficDynamoReadsPerMonth", "trafficDynamoWritesPerMonth", "trafficLogGbPerMonth"] as const;

export interface PlatformConfig {
    /** Stack name, which is the environment name (`dev`, `prod`); prefixes every resource name. */
    readonly environment: string;
    readonly region: string;
    /** Production-grade safety: at least 3 AZs, protection and deletion guards on stateful resources. */
    readonly production: boolean;
    readonly tags: Readonly<Record<string, string>>;
    readonly network: {
        readonly cidrBlock: string;
        readonly azIds: string[];
        readonly egress: EgressMode;
        readonly interfaceEndpoints: string[];
    };
    readonly logRetentionDays: number;
    readonly observability: {
        readonly alertEmails: string[];
        readonly ticketEmails: string[];
        /** Both set, or undefined: no Chatbot configuration. */
        readonly slack?: { readonly workspaceId: string; readonly channelId: string };
        readonly alarmOverrides: AlarmOverride[];
        readonly sloOverrides: SloOverride[];
        readonly trailDataEvents: boolean;
        readonly trailToCloudWatch: boolean;
    };
    readonly mesh: {
        /** Service Connect TLS through an AWS Private CA (a monthly fee per CA). */
        readonly serviceTls: boolean;
        /** Fargate Spot in the cluster's default capacity strategy. */
        readonly fargateSpot: boolean;
        /**
         * Name on the internal ALB's certificate, which API Gateway's private integration sends as SNI
         * and verifies; "" for an HTTP listener (dev). Required in production.
         */
        readonly albHostName: string;
        /** Route 53 hosted zone in which the ALB's certificate is DNS-validated; "" when the certificate is given. */
        readonly hostedZoneId: string;
        /** ACM certificate (covering albHostName) of the HTTPS listener; "" to request one in hostedZoneId. */
        readonly albCertificateArn: string;
        /** The environment's services: each gets its task security group here (`<env>-svc-<name>`). */
        readonly services: string[];
    };
    /** The traffic profile the plan's cost estimate prices (scripts/estimate); no resource reads it. */
    readonly traffic: TrafficProfile;
}

/** Monthly usage of an environment, for the usage-driven part of the cost estimate. */
export interface TrafficProfile {
    readonly requestsPerMonth: number;
    readonly gbOutPerMonth: number;
    readonly dynamoReadsPerMonth: number;
    readonly dynamoWritesPerMonth: number;
    readonly logGbPerMonth: number;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(parseCidr);
const STACK_NAME = /^[a-z][a-z0-9-]{0,15}$/;
/** What ECS on Fargate cannot start without when there is no NAT (S3 is always there as a gateway endpoint). */
const REQUIRED_WITHOUT_NAT = ["ecr.api", "ecr.dkr", "logs"];
const ENDPOINT_SERVICE = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

function cidrProblem(value: string): string | undefined {
    let cidr;
    try {
        cidr = parseCidr(value);
    } catch (e) {
        return (e as Error).message;
    }
    if (cidr.prefix < MIN_VPC_PREFIX || cidr.prefix > MAX_VPC_PREFIX) {
        return `prefix /${cidr.prefix} is outside /${MIN_VPC_PREFIX}../${MAX_VPC_PREFIX}`;
    }
    if (!PRIVATE_RANGES.some((range) => contains(range, cidr))) {
        return "not inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10";
    }
    return undefined;
}

function azIdsProblem(azIds: string[], region: string | undefined, minimum: number): string | undefined {
    for (const azId of azIds) {
        let parsed;
        try {
            parsed = parseAzId(azId);
        } catch (e) {
            return (e as Error).message;
        }
        if (region !== undefined && parsed.regionPrefix !== azIdPrefixOfRegion(region)) {
            return `${azId} is not an AZ of ${region}, whose AZ IDs start with ${azIdPrefixOfRegion(region)}-`;
        }
        if (parsed.number < 1 || parsed.number > MAX_AZ_NUMBER) {
            return `${azId} has no subnet slot; AZ numbers 1 to ${MAX_AZ_NUMBER} are supported`;
        }
    }
    const repeated = duplicatesOf(azIds);
    if (repeated.length > 0) {
        return `${repeated.join(", ")} repeated`;
    }
    if (azIds.length < minimum) {
        return `${azIds.length} given, at least ${minimum} needed${minimum === 3 ? " in production" : ""}`;
    }
    return undefined;
}

function endpointsProblem(services: string[]): string | undefined {
    const malformed = services.filter((s) => !ENDPOINT_SERVICE.test(s));
    if (malformed.length > 0) {
        return `${malformed.join(", ")} not a service suffix such as ecr.api`;
    }
    const gateway = services.filter((s) => s === "s3" || s === "dynamodb");
    if (gateway.length > 0) {
        return `${gateway.join(", ")} always get free gateway endpoints; leave them out`;
    }
    const repeated = duplicatesOf(services);
    return repeated.length > 0 ? `${repeated.join(", ")} repeated` : undefined;
}

function servicesProblem(services: string[]): string | undefined {
    const bad = services.filter((s) => !SERVICE_NAME.test(s));
    if (bad.length > 0) {
        return `${bad.join(", ")} not a service name (2 to 32 lower-case letters, digits and dashes, a DNS label)`;
    }
    const repeated = duplicatesOf(services);
    return repeated.length > 0 ? `${repeated.join(", ")} repeated` : undefined;
}

function emailsProblem(emails: string[]): string | undefined {
    const bad = emails.filter((e) => !isEmail(e));
    if (bad.length > 0) {
        return `${bad.join(", ")} not an email address`;
    }
    const repeated = duplicatesOf(emails);
    return repeated.length > 0 ? `${repeated.join(", ")} repeated` : undefined;
}

/** SLOs the overrides make inconsistent (alerts that could never fire, or fire within budget), on a target of every tier. */
function inconsistentSlos(overrides: SloOverride[]): string[] {
    const sample: Record<(typeof SLO_TIERS)[number], SloTarget> = {
        apiGateway: { tier: "apiGateway", name: "api", apiName: "api", stageName: "stage" },
        service: { tier: "service", name: "service", loadBalancerArnSuffix: "app/alb/1", targetGroupArnSuffixes: ["targetgroup/a/1", "targetgroup/b/2"] },
        dynamodb: { tier: "dynamodb", name: "table", tableName: "table" },
        cache: { tier: "cache", name: "cache", cacheClusterIds: ["cache-001", "cache-002"] },
    };
    return SLO_TIERS.flatMap((tier) => sloSpecs(sample[tier], overrides).flatMap((spec) => sloProblems(spec).map((p) => `${spec.tier}.${spec.kind}: ${p}`)));
}

/** Reads and validates the platform stack's config; throws a ConfigError naming every bad key. */
export function loadPlatformConfig(raw: RawConfig, stack: string): PlatformConfig {
    const v = new ConfigValidator(raw, stack);
    const key = (k: (typeof PLATFORM_CONFIG_KEYS)[number]) => `${PLATFORM_PROJECT}:${k}`;
    v.rejectUnknownKeys(PLATFORM_PROJECT, PLATFORM_CONFIG_KEYS);
    if (!STACK_NAME.test(stack)) {
        v.fail("stack name", stack, "a lower-case environment name of 1 to 16 letters, digits and dashes, starting with a letter (dev, prod)");
    }
    const region = v.string("aws:region", "an AWS region code such as us-east-1", "us-east-1", (r) => (isRegionCode(r) ? undefined : "unknown region format"));
    const production = v.boolean(key("production"), true);
    const owner = v.string(key("owner"), "the owning team, as a tag value", "unknown", tagValueProblem);
    const costCenter = v.string(key("costCenter"), "the cost centre, as a tag value", "unknown", tagValueProblem);
    const cidrBlock = v.string(key("vpcCidr"), `a private IPv4 CIDR from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}, such as 10.0.0.0/16`, "10.0.0.0/16", cidrProblem);
    const minimumAzs = production ? 3 : 2;
    const regionKnown = v.hasProblem("aws:region") ? undefined : region;
    const azIds = v.stringList(key("azIds"), `AZ IDs of the region such as ["use1-az1", "use1-az2"], at least ${minimumAzs}, each once`, [], (ids) => azIdsProblem(ids, regionKnown, minimumAzs));
    const egress = v.oneOf(key("egress"), EGRESS_MODES, "none");
    const interfaceEndpoints = v.stringList(key("interfaceEndpoints"), `interface endpoint services such as ${JSON.stringify(DEFAULT_INTERFACE_ENDPOINTS.slice(0, 3))}`, [], endpointsProblem);
    const logRetentionDays = v.integer(key("logRetentionDays"), `a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`, 365, (d) =>
        isValidLogRetention(d) ? undefined : "not an accepted retention",
    );
    const alertEmails = v.stringList(key("alertEmails"), "email addresses for alerts, such as [\"ops@example.com\"]", [], emailsProblem);
    const ticketEmails = v.stringList(key("ticketEmails"), "email addresses for tickets (slow SLO burns), such as [\"tickets@example.com\"]", [], emailsProblem);
    const slackWorkspaceId = optionalString(raw, v, key("slackWorkspaceId"), "\"\" (no Slack) or a Slack workspace id such as T0123ABCDE", isSlackWorkspaceId);
    const slackChannelId = optionalString(raw, v, key("slackChannelId"), "\"\" (no Slack) or a Slack channel id such as C0123ABCDE", isSlackChannelId);
    if ((slackWorkspaceId === "") !== (slackChannelId === "") && !v.hasProblem(key("slackWorkspaceId")) && !v.hasProblem(key("slackChannelId"))) {
        const [setKey, unsetKey] = slackWorkspaceId === "" ? [key("slackChannelId"), key("slackWorkspaceId")] : [key("slackWorkspaceId"), key("slackChannelId")];
        v.fail(unsetKey, "", `a value too, since ${setKey} is set: Slack alerts need both the workspace and the channel (or neither)`);
    }
    if (production && alertEmails.length === 0 && slackWorkspaceId === "" && slackChannelId === "" && !v.hasProblem(key("alertEmails"))) {
        v.fail(key("alertEmails"), "[]", `at least one address such as ["ops@example.com"] (or ${key("slackWorkspaceId")} and ${key("slackChannelId")}): in production every alarm must reach someone`);
    }
    const overrideEntries = v.stringList(key("alarmOverrides"), `a list of ${OVERRIDE_FORMAT}`, [], (entries) => {
        const { problems } = parseAlarmOverrides(entries);
        return problems.length > 0 ? problems.join("; ") : undefined;
    });
    const alarmOverrides = parseAlarmOverrides(overrideEntries).overrides;
    const sloEntries = v.stringList(key("sloOverrides"), `a list of ${SLO_OVERRIDE_FORMAT}, each SLO still consistent`, [], (entries) => {
        const { overrides, problems } = parseSloOverrides(entries);
        return [...problems, ...(problems.length === 0 ? inconsistentSlos(overrides) : [])].join("; ") || undefined;
    });
    const sloOverrides = parseSloOverrides(sloEntries).overrides;
    const trailDataEvents = v.boolean(key("trailDataEvents"), false);
    const trailToCloudWatch = v.boolean(key("trailToCloudWatch"), true);
    const serviceTls = v.boolean(key("serviceTls"), true);
    const fargateSpot = v.boolean(key("fargateSpot"), false);
    const albHostName = optionalString(raw, v, key("albHostName"), "\"\" (HTTP listener, dev only) or a lower-case DNS name for the internal ALB's certificate such as alb.prod.example.com", (d) => DNS_NAME.test(d));
    const hostedZoneId = optionalString(raw, v, key("hostedZoneId"), "\"\" or a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ", (z) => HOSTED_ZONE_ID.test(z));
    const albCertificateArn = optionalString(raw, v, key("albCertificateArn"), "\"\" or an ACM certificate ARN in the stack's region, covering albHostName, such as arn:aws:acm:us-east-1:123456789012:certificate/<id>", (a) => ACM_CERTIFICATE_ARN.test(a));
    if (!v.hasProblem(key("albHostName"))) {
        if (albHostName === "" && production) {
            v.fail(key("albHostName"), "", `a DNS name such as alb.prod.example.com (with ${key("hostedZoneId")} or ${key("albCertificateArn")}): production encrypts the API Gateway -> ALB hop, and API Gateway verifies the ALB's certificate against this name`);
        } else if (albHostName === "" && albCertificateArn !== "") {
            v.fail(key("albHostName"), "", `the name ${key("albCertificateArn")} covers, since it is set: API Gateway verifies the certificate against it`);
        } else if (albHostName !== "" && hostedZoneId === "" && albCertificateArn === "" && !v.hasProblem(key("hostedZoneId")) && !v.hasProblem(key("albCertificateArn"))) {
            v.fail(key("hostedZoneId"), "", `a hosted zone to DNS-validate a certificate for ${albHostName} in (or set ${key("albCertificateArn")})`);
        }
    }
    const services = v.stringList(key("services"), "names of the environment's service projects (apps/<name>), each once, such as [\"entities\", \"catalog\"]", [], servicesProblem);
    const usage = (k: (typeof PLATFORM_CONFIG_KEYS)[number], what: string, fallback: number) =>
        v.integer(key(k), `a whole number of ${what} a month, 0 or more`, fallback, (n) => (n < 0 ? "negative" : undefined));
    const traffic: TrafficProfile = {
        requestsPerMonth: usage("trafficRequestsPerMonth", "API requests", 100_000_000),
        gbOutPerMonth: usage("trafficGbOutPerMonth", "GB served to clients", 500),
        dynamoReadsPerMonth: usage("trafficDynamoReadsPerMonth", "DynamoDB read request units", 200_000_000),
        dynamoWritesPerMonth: usage("trafficDynamoWritesPerMonth", "DynamoDB write request units", 20_000_000),
        logGbPerMonth: usage("trafficLogGbPerMonth", "GB of logs ingested", 50),
    };
    const missing = REQUIRED_WITHOUT_NAT.filter((service) => !interfaceEndpoints.includes(service));
    if (egress === "none" && missing.length > 0 && !v.hasProblem(key("interfaceEndpoints")) && !v.hasProblem(key("egress"))) {
        v.fail(key("interfaceEndpoints"), JSON.stringify(interfaceEndpoints), `a list including ${missing.join(", ")} when egress is "none": without NAT, tasks pull images and ship logs only through these endpoints`);
    }
    v.finish();
    return {
        environment: stack,
        region,
        production,
        tags: { environment: stack, project: PLATFORM_PROJECT, owner, "cost-center": costCenter, "managed-by": "pulumi" },
        network: { cidrBlock, azIds, egress, interfaceEndpoints },
        logRetentionDays,
        observability: {
            alertEmails,
            ticketEmails,
            ...(slackWorkspaceId !== "" && slackChannelId !== "" ? { slack: { workspaceId: slackWorkspaceId, channelId: slackChannelId } } : {}),
            alarmOverrides,
            sloOverrides,
            trailDataEvents,
            trailToCloudWatch,
        },
        mesh: { serviceTls, fargateSpot, albHostName, hostedZoneId, albCertificateArn, services },
        traffic,
    };
}
