/**
 * Capacity check of an environment against the reference service levels (docs/cost-and-capacity.md): each
 * rule gives a line with what is required, what the plan provides, and whether it holds.
 */
import type { PlannedResource } from "../lib/mock-runtime";
import { ACCOUNT_BURST_LIMIT, ACCOUNT_THROTTLE_LIMIT_RPS } from "../../components/edge/routes";

export interface CapacityLine {
    readonly check: string;
    readonly required: number;
    readonly available: number;
    readonly unit: string;
    readonly holds: boolean;
    /** How the comparison reads: available must be at least (>=) or at most (<=) required. */
    readonly direction: ">=" | "<=";
}

/** Reference loads (the reference service levels, docs/cost-and-capacity.md). */
export const REFERENCE = { clusterRps: 5000, dynamoUnits: 10000, cacheQps: 20000 } as const;

/** AWS keeps 5 addresses of every subnet (network, router, DNS, future use, broadcast). */
export const RESERVED_PER_SUBNET = 5;

/** DynamoDB's default per-table on-demand throughput quota (read and write request units per second). */
export const ON_DEMAND_TABLE_LIMIT = 40000;

/**
 * Operations a second one cache node sustains with TLS (a conservative share of published Valkey
 * benchmarks; approximate). The app reads through the primary endpoint, so one node serves the load.
 */
export const CACHE_NODE_QPS: Readonly<Record<string, number>> = {
    "cache.t4g.micro": 10000, "cache.t4g.small": 15000, "cache.t4g.medium": 25000,
    "cache.m7g.large": 80000, "cache.r7g.large": 80000, "cache.r7g.xlarge": 150000,
};

export interface ServiceCapacity {
    readonly service: string;
    readonly maxTasks: number;
    readonly rpsPerTask: number;
}

function atLeast(check: string, required: number, available: number, unit: string): CapacityLine {
    return { check, required, available, unit, holds: available >= required, direction: ">=" };
}

function atMost(check: string, limit: number, value: number, unit: string): CapacityLine {
    return { check, required: limit, available: value, unit, holds: value <= limit, direction: "<=" };
}

const ofType = (rs: readonly PlannedResource[], type: string) => rs.filter((r) => r.type === `aws:${type}`);

/** The API's per-route throttles (from the stage's method settings) against the account limits. */
export function apiThrottleLines(resources: readonly PlannedResource[], promised: readonly { path: string; throttleRps: number }[]): CapacityLine[] {
    const settings = ofType(resources, "apigateway/methodSettings:MethodSettings")
        .map((r) => ({ path: String(r.inputs.methodPath ?? ""), s: (r.inputs.settings ?? {}) as { throttlingRateLimit?: number; throttlingBurstLimit?: number } }))
        .filter((m) => m.s.throttlingRateLimit !== undefined);
    const rate = settings.reduce((n, m) => n + (m.s.throttlingRateLimit ?? 0), 0);
    const burst = Math.max(0, ...settings.map((m) => m.s.throttlingBurstLimit ?? 0));
    const promise = promised.reduce((n, r) => n + r.throttleRps, 0);
    return [
        atMost("API route throttles sum within the account limit", ACCOUNT_THROTTLE_LIMIT_RPS, rate, "RPS"),
        atMost("API largest route burst within the account burst", ACCOUNT_BURST_LIMIT, burst, "requests"),
        atLeast("API route throttles sum to what the routes promise", promise, rate, "RPS"),
    ];
}

/** The services' maximum task counts times their per-task throughput against the cluster's reference load. */
export function clusterLine(services: readonly ServiceCapacity[]): CapacityLine {
    const available = services.reduce((n, s) => n + s.maxTasks * s.rpsPerTask, 0);
    return atLeast(`ECS services at max tasks (${services.map((s) => `${s.service} ${s.maxTasks} x ${s.rpsPerTask} RPS`).join(", ")})`, REFERENCE.clusterRps, available, "RPS");
}

/** Every task subnet keeps twice the maximum task count free (a deployment runs old and new tasks side by side). */
export function subnetLines(subnets: readonly { name: string; cidr: string; otherEnis: number }[], maxTasks: number): CapacityLine[] {
    return subnets.map((s) => {
        const prefix = Number(s.cidr.split("/")[1]);
        const free = 2 ** (32 - prefix) - RESERVED_PER_SUBNET - s.otherEnis;
        return atLeast(`subnet ${s.name} (${s.cidr}) free addresses for 2 x ${maxTasks} tasks`, 2 * maxTasks, free, "addresses");
    });
}

/** Every DynamoDB table can reach the reference read and write units. */
export function dynamoLines(resources: readonly PlannedResource[]): CapacityLine[] {
    return ofType(resources, "dynamodb/table:Table").flatMap((t) => {
        const od = (t.inputs.onDemandThroughput ?? {}) as { maxReadRequestUnits?: number; maxWriteRequestUnits?: number };
        const onDemand = t.inputs.billingMode === "PAY_PER_REQUEST";
        const read = onDemand ? od.maxReadRequestUnits ?? ON_DEMAND_TABLE_LIMIT : Number(t.inputs.readCapacity ?? 0);
        const write = onDemand ? od.maxWriteRequestUnits ?? ON_DEMAND_TABLE_LIMIT : Number(t.inputs.writeCapacity ?? 0);
        return [atLeast(`DynamoDB ${t.name} read units`, REFERENCE.dynamoUnits, read, "RCU/s"), atLeast(`DynamoDB ${t.name} write units`, REFERENCE.dynamoUnits, write, "WCU/s")];
    });
}

/** Every cache's primary node sustains the reference QPS (an unknown node type counts as 0). */
export function cacheLines(resources: readonly PlannedResource[]): CapacityLine[] {
    return ofType(resources, "elasticache/replicationGroup:ReplicationGroup").map((g) => {
        const nodeType = String(g.inputs.nodeType ?? "");
        return atLeast(`cache ${g.name} (${nodeType}, primary node)`, REFERENCE.cacheQps, CACHE_NODE_QPS[nodeType] ?? 0, "QPS");
    });
}
