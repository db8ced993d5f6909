/**
 * What a service tells the soak script (scripts/soak.ts) about itself, in `apps/<service>/soak.ts`:
 * the local servers and services it needs, its environment, the endpoints to load and the faults
 * to try. The script itself names no service.
 */
import { FaultProxy } from "../../tests/helpers/faults";
import { TableSpec } from "../../components/data/table-spec";
import { RunningDynamo, RunningPostgres, RunningRedis } from "../../tests/helpers/servers";

/** One request: what to send and which statuses count as success. */
export interface SoakRequest {
    readonly method: "GET" | "POST" | "PATCH" | "DELETE";
    readonly path: string;
    readonly body?: unknown;
    readonly headers?: Record<string, string>;
    readonly ok: readonly number[];
}

/** Latency and outcome figures of one load run. */
export interface LoadResult {
    readonly requests: number;
    readonly errors: number;
    readonly rps: number;
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    /** CPU seconds the service process used during the run. */
    readonly cpuSeconds: number;
    /** Requests per CPU second of the service: its throughput on one core. */
    readonly perCore: number;
    /** Statuses seen, with counts. */
    readonly statuses: Record<string, number>;
}

export interface SoakContext {
    /** The local servers (real), each also reachable through a fault proxy the services use. */
    readonly postgres?: RunningPostgres;
    readonly redis?: RunningRedis;
    readonly dynamo?: RunningDynamo;
    /** Fault proxies in front of the servers: what the services connect to. */
    readonly proxies: { readonly postgres?: FaultProxy; readonly redis?: FaultProxy; readonly dynamo?: FaultProxy };
    /** Base URL of each running service, by name. */
    readonly urls: Readonly<Record<string, string>>;
    /** Sends one request to a service and returns status and parsed body. */
    call(service: string, request: Omit<SoakRequest, "ok">): Promise<{ status: number; body: any; ms: number }>;
    /** How many items to seed for a full run's `n`: fewer in a short run. */
    seedCount(n: number): number;
    /** Loads a service with `next()`'s requests for `durationMs` on the configured connections. */
    load(service: string, next: () => SoakRequest, durationMs: number): Promise<LoadResult>;
}

export interface SoakEndpoint {
    /** Shown in the report, e.g. `GET /api/v1/entities/:id (cache hit)`. */
    readonly name: string;
    /** A path most traffic takes: the slowest of these sets the service's rpsPerVcpu. */
    readonly common: boolean;
    /** Seeds what the endpoint needs; returns the request generator. */
    prepare(ctx: SoakContext): Promise<() => SoakRequest>;
}

export interface FaultOutcome {
    readonly pass: boolean;
    /** What happened, with the figures (latencies, statuses). */
    readonly outcome: string;
}

export interface SoakFault {
    readonly name: string;
    run(ctx: SoakContext): Promise<FaultOutcome>;
}

export interface SoakProfile {
    readonly service: string;
    /** Local servers it needs. */
    readonly needs: readonly ("postgres" | "redis" | "dynamo")[];
    /** Services it calls; they are started first. */
    readonly calls: readonly string[];
    /** DynamoDB tables to create in the local server. */
    readonly dynamoTables?: readonly { spec: TableSpec; tableName: string }[];
    /** Prepares the servers (tables, databases) before the service starts. */
    setup?(ctx: SoakContext): Promise<void>;
    /** Environment of the service's bundle, pointing at the proxies and the called services. */
    env(ctx: SoakContext): Record<string, string>;
    readonly endpoints: readonly SoakEndpoint[];
    readonly faults: readonly SoakFault[];
}
