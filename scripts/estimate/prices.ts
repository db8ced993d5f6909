/**
 * The one price table of the plan's cost estimate: AWS list prices in us-east-1, on-demand, in USD,
 * each with its unit and the day it was read. Lines marked `confirmed: false` are the best figure
 * known when the table was written but were not re-checked against the pricing page that day; check
 * them before quoting the estimate. Free tiers are ignored (they are per account, not per stack).
 */

export interface PriceLine {
    readonly key: string;
    readonly usd: number;
    readonly unit: string;
    /** ISO date the price was read. */
    readonly read: string;
    readonly source: string;
    /** False when the figure was not re-checked on `read` (kept as the best known figure). */
    readonly confirmed: boolean;
}

/** Hours in a billing month, as AWS's own calculator counts them. */
export const HOURS_PER_MONTH = 730;

/** The region the table was read for; other regions get a note that the figure is a us-east-1 estimate. */
export const PRICE_REGION = "us-east-1";

const READ = "2026-11-23";

/**
 * Fargate Spot has no list price: AWS publishes a varying rate, historically about 70 % below
 * on-demand in us-east-1. The estimate assumes exactly that.
 */
export const FARGATE_SPOT_DISCOUNT = 0.7;

/** ElastiCache for Valkey node-based prices are 20 % below Redis OSS for the same node type. */
export const VALKEY_NODE_DISCOUNT = 0.2;

type Row = [key: string, usd: number, unit: string, source: string, confirmed?: boolean];

const ROWS: Row[] = [
    ["nat.hour", 0.045, "per NAT gateway-hour", "aws.amazon.com/vpc/pricing; confirmed: basavytix.com/blog/aws-nat-gateway-pricing (us-east-1 $0.045/hr)", true],
    ["nat.gb", 0.045, "per GB processed", "aws.amazon.com/vpc/pricing; confirmed: basavytix.com/blog/aws-nat-gateway-pricing (us-east-1 $0.045/GB)", true],
    ["publicIpv4.hour", 0.005, "per public IPv4 address-hour (the NAT gateway's EIP)", "aws.amazon.com/vpc/pricing (since 2024-02); confirmed: doit.com 'AWS Public IPv4 price increase — the complete guide'", true],
    ["endpoint.azHour", 0.01, "per interface endpoint per AZ-hour", "aws.amazon.com/privatelink/pricing; confirmed: awsnegotiations.com/privatelink-cost-analysis.html ($0.01/hr per AZ)", true],
    ["endpoint.gb", 0.01, "per GB processed (first PB)", "aws.amazon.com/privatelink/pricing (tier table 'First 1 PB $0.01', mirrored copy)", true],
    ["alb.hour", 0.0225, "per ALB-hour", "aws.amazon.com/elasticloadbalancing/pricing (us-east-1 pricing example, via api-evangelist amazon-elastic-load-balancing-plans-pricing.yml, 2026-09-20)", true],
    ["alb.lcuHour", 0.008, "per LCU-hour", "aws.amazon.com/elasticloadbalancing/pricing (us-east-1 pricing example, via api-evangelist amazon-elastic-load-balancing-plans-pricing.yml, 2026-09-20)", true],
    ["nlb.hour", 0.0225, "per NLB-hour", "aws.amazon.com/elasticloadbalancing/pricing; confirmed: awsnegotiations.com/elastic-load-balancer-cost.html, clustercost.com NLB pricing guide", true],
    ["nlb.lcuHour", 0.006, "per NLCU-hour", "aws.amazon.com/elasticloadbalancing/pricing (us-east-1 pricing example, via api-evangelist amazon-elastic-load-balancing-plans-pricing.yml, 2026-09-20)", true],
    ["rds.postgres.db.t4g.micro", 0.016, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; confirmed: infratally.com 'AWS RDS pricing explained 2026' (us-east-1 table)", true],
    ["rds.postgres.db.t4g.small", 0.032, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; confirmed: infratally.com 'AWS RDS pricing explained 2026' (us-east-1 table)", true],
    ["rds.postgres.db.t4g.medium", 0.065, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; confirmed: infratally.com 'AWS RDS pricing explained 2026' (us-east-1 table)", true],
    ["rds.postgres.db.t4g.large", 0.129, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; NOT CONFIRMED 2026-11-23: no public page found with the PostgreSQL db.t4g.large rate", false],
    ["rds.postgres.db.r7g.large", 0.239, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; NOT CONFIRMED 2026-11-23: no public page found with the PostgreSQL db.r7g.large rate (check it is not the MySQL rate)", false],
    ["rds.postgres.db.r7g.xlarge", 0.478, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; NOT CONFIRMED 2026-11-23: no public page found with the PostgreSQL db.r7g.xlarge rate", false],
    ["rds.postgres.db.m7g.large", 0.168, "per instance-hour, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/postgresql/pricing; NOT CONFIRMED 2026-11-23: no public page found with the PostgreSQL db.m7g.large rate (check it is not the MySQL rate)", false],
    ["rds.gp3.gbMonth", 0.115, "per GB-month of gp3, Single-AZ (Multi-AZ x2)", "aws.amazon.com/rds/pricing; confirmed: usage.ai RDS pricing calculator guide (gp3 $0.115/GB-month, us-east-1)", true],
    ["elasticache.redis.cache.t4g.micro", 0.016, "per node-hour, Redis OSS (Valkey 20 % less)", "aws.amazon.com/elasticache/pricing; NOT CONFIRMED 2026-11-23: node rate tables on aws.amazon.com/elasticache/pricing render dynamically; no copy with the figure found", false],
    ["elasticache.redis.cache.t4g.small", 0.032, "per node-hour, Redis OSS (Valkey 20 % less)", "aws.amazon.com/elasticache/pricing; NOT CONFIRMED 2026-11-23: node rate tables on aws.amazon.com/elasticache/pricing render dynamically; no copy with the figure found", false],
    ["elasticache.redis.cache.t4g.medium", 0.065, "per node-hour, Redis OSS (Valkey 20 % less)", "aws.amazon.com/elasticache/pricing; NOT CONFIRMED 2026-11-23: node rate tables on aws.amazon.com/elasticache/pricing render dynamically; no copy with the figure found", false],
    ["elasticache.redis.cache.r7g.large", 0.219, "per node-hour, Redis OSS (Valkey 20 % less)", "aws.amazon.com/elasticache/pricing; NOT CONFIRMED 2026-11-23: node rate tables on aws.amazon.com/elasticache/pricing render dynamically; no copy with the figure found", false],
    ["elasticache.redis.cache.m7g.large", 0.158, "per node-hour, Redis OSS (Valkey 20 % less)", "aws.amazon.com/elasticache/pricing; NOT CONFIRMED 2026-11-23: node rate tables on aws.amazon.com/elasticache/pricing render dynamically; no copy with the figure found", false],
    ["fargate.vcpuHour", 0.04048, "per vCPU-hour, Linux/x86 on-demand", "aws.amazon.com/fargate/pricing; confirmed: vantage.sh/blog/fargate-pricing (Linux/x86 us-east-1)", true],
    ["fargate.gbHour", 0.004445, "per GB-hour, Linux/x86 on-demand", "aws.amazon.com/fargate/pricing; confirmed: vantage.sh/blog/fargate-pricing (Linux/x86 us-east-1)", true],
    ["waf.webAclMonth", 5, "per web ACL-month", "aws.amazon.com/waf/pricing; confirmed: c3x.dev/blog/aws-waf-cost-explained, awsnegotiations.com/waf-pricing-strategy.html", true],
    ["waf.ruleMonth", 1, "per rule (or managed rule group)-month", "aws.amazon.com/waf/pricing; confirmed: c3x.dev/blog/aws-waf-cost-explained, awsnegotiations.com/waf-pricing-strategy.html", true],
    ["waf.millionRequests", 0.6, "per million requests inspected", "aws.amazon.com/waf/pricing; confirmed: c3x.dev/blog/aws-waf-cost-explained, awsnegotiations.com/waf-pricing-strategy.html", true],
    ["kms.keyMonth", 1, "per customer managed key-month", "aws.amazon.com/kms/pricing; confirmed: wring.co/blog/aws-kms-pricing-guide, cloudburn.io/blog/aws-kms-pricing", true],
    ["secretsmanager.secretMonth", 0.4, "per secret-month", "aws.amazon.com/secrets-manager/pricing; confirmed: hivebook.wiki AWS Secrets Manager ($0.40 per secret per month)", true],
    ["cloudwatch.alarmMonth", 0.1, "per standard-resolution alarm metric-month (a metric-math alarm counts each metric it reads)", "aws.amazon.com/cloudwatch/pricing; confirmed: c3x.dev/resources/aws/aws_cloudwatch_metric_alarm ($0.10/alarm-month standard resolution); per-metric billing of metric-math alarms NOT CONFIRMED on a stored copy of the pricing page", false],
    ["cloudwatch.compositeAlarmMonth", 0.5, "per composite alarm-month", "aws.amazon.com/cloudwatch/pricing; confirmed: c3x.dev/resources/aws/aws_cloudwatch_metric_alarm (composite alarms $0.50/alarm-month)", true],
    ["cloudwatch.dashboardMonth", 3, "per dashboard-month (3 free per account, ignored)", "aws.amazon.com/cloudwatch/pricing; confirmed: factualminds.com 'Amazon CloudWatch Pricing: The 10 Billing Dimensions' ($3 per dashboard)", true],
    ["cloudwatch.customMetricMonth", 0.3, "per custom metric-month (first 10,000)", "aws.amazon.com/cloudwatch/pricing; confirmed: signoz.io/guides/cloudwatch-pricing ($0.30/month first 10,000)", true],
    ["logs.ingestGb", 0.5, "per GB ingested (standard class)", "aws.amazon.com/cloudwatch/pricing; confirmed: c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1 standard $0.50/GB)", true],
    ["logs.storeGbMonth", 0.03, "per GB-month archived", "aws.amazon.com/cloudwatch/pricing; confirmed: c3x.dev/blog/cloudwatch-logs-cost-optimization, hykell.com AWS CloudWatch Logs pricing ($0.03/GB-month)", true],
    ["privateca.shortLivedMonth", 50, "per private CA-month, short-lived certificate mode", "aws.amazon.com/private-ca/pricing ($50 per private CA per month, short-lived certificate mode)", true],
    ["privateca.generalPurposeMonth", 400, "per private CA-month, general-purpose mode", "aws.amazon.com/private-ca/pricing ($400 per private CA per month, general-purpose mode)", true],
    ["apigateway.rest.millionRequests", 3.5, "per million REST API calls (first 333 million)", "aws.amazon.com/api-gateway/pricing; confirmed: AWS whitepaper 'Best Practices for Designing Amazon API Gateway Private APIs' Table 4 (first 333M $3.50/M)", true],
    ["apigateway.cache.0.5", 0.02, "per hour, 0.5 GB cache cluster", "aws.amazon.com/api-gateway/pricing; confirmed: awsforengineers.com 'AWS API Gateway Pricing Explained' ($0.02/hour for 0.5 GB), tmmr.uk ($14.60/month us-east-1)", true],
    ["apigateway.cache.1.6", 0.038, "per hour, 1.6 GB cache cluster", "aws.amazon.com/api-gateway/pricing; NOT CONFIRMED 2026-11-23: cache size rate tables on aws.amazon.com/api-gateway/pricing render dynamically; no copy with the figure found", false],
    ["apigateway.cache.6.1", 0.2, "per hour, 6.1 GB cache cluster", "aws.amazon.com/api-gateway/pricing; NOT CONFIRMED 2026-11-23: cache size rate tables on aws.amazon.com/api-gateway/pricing render dynamically; no copy with the figure found", false],
    ["cloudfront.gbOut", 0.085, "per GB to the internet, North America/Europe, first 10 TB", "aws.amazon.com/cloudfront/pricing (United States, Mexico, and Canada / Europe: First 10TB $0.085)", true],
    ["cloudfront.millionHttpsRequests", 1, "per million HTTPS requests, North America/Europe", "aws.amazon.com/cloudfront/pricing; confirmed: wring.co/blog/aws-cloudfront-pricing-guide (HTTPS $0.0100 per 10,000 NA/EU)", true],
    ["cloudfront.functions.millionInvocations", 0.1, "per million CloudFront Functions invocations", "aws.amazon.com/cloudfront/pricing; confirmed: cur.vantage.sh/aws/amazoncloudfront ($0.10 per 1 million invocations)", true],
    ["dynamodb.millionRru", 0.125, "per million read request units, on-demand", "aws.amazon.com/dynamodb/pricing (after the 2024-11 cut)", true],
    ["dynamodb.millionWru", 0.625, "per million write request units, on-demand", "aws.amazon.com/dynamodb/pricing (after the 2024-11 cut)", true],
    ["lambda.millionRequests", 0.2, "per million invocations", "aws.amazon.com/lambda/pricing; confirmed: grizzlypeaksoftware.com 'Serverless Cost Modeling and Optimization' ($0.20 per 1M requests)", true],
    ["route53.hostedZoneMonth", 0.5, "per hosted zone-month (the Cloud Map namespace's private zone)", "aws.amazon.com/route53/pricing; confirmed: eatsip365.com 'Understanding How Route 53 Billing Works' (first 25 zones $0.50)", true],
    ["ecr.gbMonth", 0.1, "per GB-month of images stored", "aws.amazon.com/ecr/pricing; confirmed: cloudburn.io/blog/amazon-ecr-pricing (private storage $0.10/GB/month, us-east-1)", true],
    ["cognito.essentialsMau", 0.015, "per monthly active user beyond 10,000, Essentials", "aws.amazon.com/cognito/pricing (worked example, via api-evangelist amazon-cognito-plans-pricing.yml, 2026-09-20: Essentials $0.015/MAU above 10,000)", true],
    ["cognito.plusMau", 0.02, "per monthly active user, Plus", "aws.amazon.com/cognito/pricing (worked example, via api-evangelist amazon-cognito-plans-pricing.yml, 2026-09-20: Plus $0.020/MAU, no free tier)", true],
];

/** Every price, by key. */
export const PRICES: ReadonlyMap<string, PriceLine> = new Map(
    ROWS.map(([key, usd, unit, source, confirmed]) => [key, { key, usd, unit, read: READ, source, confirmed: confirmed ?? false }]),
);

/** The price of `key`; throws naming the key when the table has no such line (a programming error). */
export function price(key: string): PriceLine {
    const line = PRICES.get(key);
    if (line === undefined) {
        throw new Error(`no price "${key}" in scripts/estimate/prices.ts`);
    }
    return line;
}

/** The hourly price of an RDS PostgreSQL instance class, or undefined when the table does not list it. */
export function rdsHourly(instanceClass: string): PriceLine | undefined {
    return PRICES.get(`rds.postgres.${instanceClass}`);
}

/** The hourly price of an ElastiCache node (Valkey 20 % below Redis OSS), or undefined when the table does not list it. */
export function cacheNodeHourly(engine: string, nodeType: string): { usd: number; line: PriceLine } | undefined {
    const line = PRICES.get(`elasticache.redis.${nodeType}`);
    if (line === undefined) {
        return undefined;
    }
    return { usd: engine === "valkey" ? line.usd * (1 - VALKEY_NODE_DISCOUNT) : line.usd, line };
}

/** The monthly price of one Fargate task of `cpu` units and `memoryMiB`, on-demand or Spot. */
export function fargateTaskMonthly(cpu: number, memoryMiB: number, spot: boolean): number {
    const onDemand = ((cpu / 1024) * price("fargate.vcpuHour").usd + (memoryMiB / 1024) * price("fargate.gbHour").usd) * HOURS_PER_MONTH;
    return spot ? onDemand * (1 - FARGATE_SPOT_DISCOUNT) : onDemand;
}
