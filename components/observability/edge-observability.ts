import * as pulumi from "@pulumi/pulumi";
import { CLOUDFRONT_REGION } from "../edge/waf";
import { AlarmOverride, WatchTarget } from "./alarm-catalogue";
import { SloReport } from "./slo-alarms";
import { SloOverride, SloTarget } from "./slo-catalogue";
import { createWatch, LABEL, throwProblems, WatchSpecs, watchSpecs } from "./watch";

/** CloudFront publishes its metrics, and those of CLOUDFRONT-scope web ACLs, in us-east-1 only. */
export const CLOUDFRONT_METRICS_REGION = CLOUDFRONT_REGION;

export interface EdgeObservabilityArgs {
    /** Environment name (`dev`, `prod`); alarm and dashboard names are `<environment>-edge-...`. */
    readonly environment: string;
    /** Region of the stack: the API stage's and the REGIONAL web ACL's metrics, the dashboard. */
    readonly region: string;
    /** The environment's alert topic (platform output `alertTopicArn`): what pages. */
    readonly alertTopicArn: pulumi.Input<string>;
    /** The environment's ticket topic (platform output `ticketTopicArn`): slow burns, fixed alarms an SLO covers. */
    readonly ticketTopicArn: pulumi.Input<string>;
    /** REST API stages: each gets the catalogue's API Gateway alarms and the API's SLOs. */
    readonly stages: readonly { readonly name: string; readonly apiName: pulumi.Input<string>; readonly stageName: pulumi.Input<string> }[];
    /** CloudFront distributions: each gets 5xx and 4xx error-rate alarms, in us-east-1. */
    readonly distributions: readonly { readonly name: string; readonly distributionId: pulumi.Input<string> }[];
    /** WAF web ACLs by name and scope: each gets a blocked-request alarm where its metrics are. */
    readonly webAcls: readonly { readonly name: string; readonly aclName: pulumi.Input<string>; readonly scope: "REGIONAL" | "CLOUDFRONT" }[];
    /** Per-environment changes to the alarm catalogue (platform output `alarmOverrides`). @default [] */
    readonly alarmOverrides?: readonly AlarmOverride[];
    /** Per-environment changes to the SLO catalogue (platform output `sloOverrides`). @default [] */
    readonly sloOverrides?: readonly SloOverride[];
}

/** The catalogue targets of the edge: stages where the stack is, CloudFront and its ACL where CloudFront publishes. */
export function edgeWatchTargets(args: Pick<EdgeObservabilityArgs, "region" | "stages" | "distributions" | "webAcls">): { watch: WatchTarget<pulumi.Input<string>>[]; slos: SloTarget<pulumi.Input<string>>[] } {
    return {
        watch: [
            ...args.stages.map((s) => ({ kind: "apiGatewayStage" as const, name: s.name, apiName: s.apiName, stageName: s.stageName })),
            ...args.distributions.map((d) => ({ kind: "cloudfrontDistribution" as const, name: d.name, distributionId: d.distributionId, alarmRegion: CLOUDFRONT_METRICS_REGION })),
            ...args.webAcls.map((a) => a.scope === "REGIONAL"
                ? { kind: "webAcl" as const, name: a.name, aclName: a.aclName, region: args.region }
                : { kind: "webAcl" as const, name: a.name, aclName: a.aclName, alarmRegion: CLOUDFRONT_METRICS_REGION }),
        ],
        slos: args.stages.map((s) => ({ tier: "apiGateway" as const, name: s.name, apiName: s.apiName, stageName: s.stageName })),
    };
}

/** Throws, naming the arg, the value and what is accepted, before any resource is registered. */
export function validateEdgeObservabilityArgs(name: string, args: EdgeObservabilityArgs, parent?: pulumi.Resource): WatchSpecs {
    const problems: string[] = [];
    if (!LABEL.test(args.environment)) {
        problems.push(`environment = "${args.environment}": expected lower-case letters, digits and dashes, starting with a letter`);
    }
    // CloudWatch sends alarm actions only to SNS topics of the alarm's own region (PutMetricAlarm
    // refuses others), and the environment's topics are in the stack's region.
    if (args.region !== CLOUDFRONT_METRICS_REGION && (args.distributions.length > 0 || args.webAcls.some((a) => a.scope === "CLOUDFRONT"))) {
        problems.push(`region = "${args.region}": CloudFront's alarms must live in ${CLOUDFRONT_METRICS_REGION} and notify a topic there, but the environment's topics are in ${args.region}; run the edge in ${CLOUDFRONT_METRICS_REGION}`);
    }
    const targets = edgeWatchTargets(args);
    const specs = watchSpecs({ watch: targets.watch, alarmOverrides: args.alarmOverrides ?? [], slos: targets.slos, sloOverrides: args.sloOverrides ?? [] }, problems);
    throwProblems("EdgeObservability", name, problems, parent);
    return specs;
}

/**
 * The observability of the edge (issue 15, with the API's SLOs): the catalogue's API Gateway alarms
 * for every stage (5XX rate, 4XX rate, p99 latency; the two an SLO covers ticket), the API's
 * availability and latency SLOs with burn-rate alerts, CloudFront 5xx/4xx error-rate alarms and
 * blocked-request alarms for both web ACLs (in us-east-1 for CloudFront and its ACL), all with alarm
 * and OK actions to the environment's topics, and the edge dashboard.
 */
export class EdgeObservability extends pulumi.ComponentResource {
    /** Alarm ARNs by key (`<target>-<metric>`). */
    public readonly alarmArns: Record<string, pulumi.Output<string>>;
    /** Alarm names, `<environment>-edge-<target>-<metric>`. */
    public readonly alarmNames: string[];
    /** The API's SLOs and the names of their alarms. */
    public readonly slos: SloReport[];
    /** Composite (burn-rate) alarm ARNs by name. */
    public readonly sloAlarmArns: Record<string, pulumi.Output<string>>;
    public readonly dashboardName: pulumi.Output<string> | undefined;

    constructor(name: string, args: EdgeObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:observability:EdgeObservability", name, {}, opts);
        const specs = validateEdgeObservabilityArgs(name, args, this);
        const prefix = `${args.environment}-edge`;
        const watch = createWatch(name, this, specs, {
            prefix,
            region: args.region,
            topics: { page: args.alertTopicArn, ticket: args.ticketTopicArn },
            dashboard: {
                name: prefix,
                title: `Edge of ${args.environment}`,
                description: `CloudFront, its web ACL and the API's web ACL, the API stage and its SLOs. CloudFront's alarms live in ${CLOUDFRONT_METRICS_REGION}; the service SLOs are on \`${args.environment}-<service>-service\`.`,
            },
        });
        this.alarmArns = watch.alarmArns;
        this.alarmNames = specs.alarms.map((s) => `${prefix}-${s.key}`);
        this.slos = watch.slos;
        this.sloAlarmArns = watch.sloAlarmArns;
        this.dashboardName = watch.dashboardName;
        this.registerOutputs({ alarmArns: this.alarmArns, slos: this.slos, sloAlarmArns: this.sloAlarmArns, dashboardName: this.dashboardName });
    }
}
