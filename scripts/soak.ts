/**
 * Soak: runs every service that has an `apps/<service>/soak.ts` profile as its production bundle
 * against real local servers (PostgreSQL, redis-server, dynalite), each behind a fault proxy, all on
 * 127.0.0.1; loads each endpoint on keep-alive connections, then tries the profile's fault cases and
 * finally SIGTERM under load. Prints throughput, per-core throughput (requests per CPU second of the
 * service process), p50/p99 and errors per endpoint, each fault with its outcome, peak memory, and
 * each service's measured rpsPerVcpu (its slowest common path). Bounded in time: a watchdog stops
 * everything after the planned time plus a margin.
 *
 *   npm run soak -- [--duration <s per endpoint, default 5>] [--connections <n, default 16>] [--only <service>]
 *
 * Exit code 1 when an endpoint had errors or a fault case failed.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import { bundleService } from "../apps/shared/bundle";
import { nodeHeapLimitMiB } from "../components/mesh/container-definitions";
import { FaultProxy, faultProxy } from "../tests/helpers/faults";
import { freePort, LOCAL_AWS_ENV, RunningDynamo, RunningPostgres, RunningRedis, startDynamo, startPostgres, startRedis } from "../tests/helpers/servers";
import { FaultOutcome, LoadResult, SoakContext, SoakProfile, SoakRequest } from "./lib/soak-profile";

const ROOT = path.resolve(__dirname, "..");
/** Task memory the services run with here: dev's (apps/<service>/Pulumi.dev.yaml), the smallest. */
export const SOAK_TASK_MEMORY_MIB = 512;

export interface SoakOptions {
    /** Load per endpoint, ms. */
    readonly durationMs: number;
    readonly connections: number;
    /** Only this service (and the services it calls, which are started but not loaded). */
    readonly only?: string;
    /** Run the profiles' fault cases (SIGTERM under load always runs). @default true */
    readonly faults?: boolean;
    /** Fraction of the profiles' seed data to create (a short run needs little). @default 1 */
    readonly seedFraction?: number;
    /** Progress lines; the report is returned (and printed by the CLI). */
    readonly log?: (line: string) => void;
}

export interface EndpointReport extends LoadResult {
    readonly service: string;
    readonly endpoint: string;
    readonly common: boolean;
}

export interface SoakReport {
    readonly endpoints: EndpointReport[];
    readonly faults: (FaultOutcome & { service: string; name: string })[];
    /** Peak resident memory of each service process, MiB, and the heap limit it ran with. */
    readonly memory: { service: string; peakRssMiB: number; heapLimitMiB: number; taskMemoryMiB: number }[];
    /** Requests per CPU second of each service's slowest common path, rounded down to 50. */
    readonly rpsPerVcpu: Record<string, number>;
}

/** The profiles of apps/<service>/soak.ts, callees before callers. */
export function soakProfiles(only?: string): SoakProfile[] {
    const all = new Map<string, SoakProfile>();
    for (const dir of fs.readdirSync(path.join(ROOT, "apps")).sort()) {
        const file = path.join(ROOT, "apps", dir, "soak.ts");
        if (fs.existsSync(file)) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const profile = (require(file) as { soakProfile: SoakProfile }).soakProfile;
            all.set(profile.service, profile);
        }
    }
    const ordered: SoakProfile[] = [];
    const visit = (name: string, from: string) => {
        const p = all.get(name);
        if (p === undefined) {
            throw new Error(`${from} calls ${name}, which has no apps/${name}/soak.ts`);
        }
        if (!ordered.includes(p)) {
            p.calls.forEach((c) => visit(c, name));
            ordered.push(p);
        }
    };
    (only === undefined ? [...all.keys()] : [only]).forEach((name) => visit(name, "--only"));
    return ordered;
}

/** Loads `url` with `next()`'s requests on `connections` keep-alive connections for `durationMs`, timing the service process's CPU. */
async function load(url: string, pid: number, next: () => SoakRequest, durationMs: number, connections: number): Promise<LoadResult> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let errors = 0;
    const cpuBefore = cpuSecondsOf(pid);
    const started = Date.now();
    const deadline = started + durationMs;
    const worker = async () => {
        while (Date.now() < deadline) {
            const req = next();
            const t = process.hrtime.bigint();
            const status = await send(url, req, agent).catch(() => 0);
            latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
            statuses[status] = (statuses[status] ?? 0) + 1;
            errors += req.ok.includes(status) ? 0 : 1;
        }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    const elapsed = (Date.now() - started) / 1000;
    const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return {
        requests: latencies.length,
        errors,
        rps: Math.round(latencies.length / elapsed),
        p50: at(0.5),
        p99: at(0.99),
        max: Math.round(latencies[latencies.length - 1] ?? 0),
        cpuSeconds: Math.round(cpuSeconds * 100) / 100,
        perCore: cpuSeconds > 0 ? Math.round(latencies.length / cpuSeconds) : 0,
        statuses,
    };
}

function send(base: string, req: Omit<SoakRequest, "ok">, agent?: http.Agent): Promise<number> {
    return request(base, req, agent).then((r) => r.status);
}

function request(base: string, req: Omit<SoakRequest, "ok">, agent?: http.Agent): Promise<{ status: number; text: string }> {
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    return new Promise((resolve, reject) => {
        const r = http.request(`${base}${req.path}`, { method: req.method, agent, headers: { ...(body ? { "content-type": "application/json" } : {}), ...req.headers } }, (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (d) => (text += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        r.setTimeout(30_000, () => r.destroy(new Error("no answer in 30 s")));
        r.on("error", reject);
        r.end(body);
    });
}

/** utime + stime of a process, seconds (Linux /proc; clock ticks of 100 Hz). */
function cpuSecondsOf(pid: number): number {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

function peakRssMiB(pid: number): number {
    const line = fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
    return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

interface RunningService {
    readonly url: string;
    readonly child: ChildProcess;
    readonly output: string[];
    readonly exited: Promise<number | null>;
}

async function startService(bundle: string, env: Record<string, string>): Promise<RunningService> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [bundle], {
        cwd: path.dirname(bundle),
        env: { PATH: process.env.PATH ?? "", ...LOCAL_AWS_ENV, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", NODE_OPTIONS: `--max-old-space-size=${nodeHeapLimitMiB(SOAK_TASK_MEMORY_MIB)}`, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => output.push(String(d)));
    child.stderr!.on("data", (d) => output.push(String(d)));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (!(await request(url, { method: "GET", path: "/health" }).then((r) => r.status === 200, () => false))) {
        if (child.exitCode !== null || Date.now() > deadline) {
            child.kill("SIGKILL");
            throw new Error(`${bundle} did not become healthy:\n${output.join("")}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    return { url, child, output, exited };
}

/** Sends SIGTERM while the service is loaded on keep-alive connections: exit code, time to exit, and how the in-flight requests ended. */
async function sigtermUnderLoad(svc: RunningService, next: () => SoakRequest, connections: number): Promise<FaultOutcome> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
    const statuses: Record<string, number> = {};
    let stop = false;
    const worker = async () => {
        while (!stop) {
            const status = await send(svc.url, next(), agent).catch((err: Error) => (err.message.includes("ECONNREFUSED") ? -1 : 0));
            if (status === -1) {
                return; // the listener is closed: the drain has begun
            }
            statuses[status] = (statuses[status] ?? 0) + 1;
        }
    };
    const workers = Array.from({ length: connections }, worker);
    await new Promise((r) => setTimeout(r, 300));
    const signalled = Date.now();
    svc.child.kill("SIGTERM");
    const code = await svc.exited;
    const ms = Date.now() - signalled;
    stop = true;
    await Promise.all(workers);
    agent.destroy();
    const failed = Object.keys(statuses).filter((s) => Number(s) >= 500);
    // A request sent on an idle keep-alive connection at the instant the server closes it is reset (HTTP/1.1's race); behind the ALB none arrive then: ECS sends SIGTERM only after the target has drained.
    return { pass: code === 0 && ms < 2000 && failed.length === 0, outcome: `exit ${code} ${ms} ms after SIGTERM; requests during the drain: ${JSON.stringify(statuses)} (0 = reset: sent on a keep-alive connection as it closed)` };
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
    const log = options.log ?? (() => undefined);
    const profiles = soakProfiles(options.only);
    const needs = new Set(profiles.flatMap((p) => p.needs));
    const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "soak-"));
    const services = new Map<string, RunningService>();
    const proxies: { postgres?: FaultProxy; redis?: FaultProxy; dynamo?: FaultProxy } = {};
    let postgres: RunningPostgres | undefined;
    let redis: RunningRedis | undefined;
    let dynamo: RunningDynamo | undefined;
    const report: SoakReport = { endpoints: [], faults: [], memory: [], rpsPerVcpu: {} };
    try {
        log(`starting ${[...needs].join(", ")} and bundling ${profiles.map((p) => p.service).join(", ")}`);
        [postgres, redis, dynamo] = await Promise.all([
            needs.has("postgres") ? startPostgres() : undefined,
            needs.has("redis") ? startRedis() : undefined,
            needs.has("dynamo") ? startDynamo(profiles.flatMap((p) => p.dynamoTables ?? [])) : undefined,
            ...profiles.map((p) => bundleService(p.service, path.join(outRoot, p.service))),
        ]) as [RunningPostgres | undefined, RunningRedis | undefined, RunningDynamo | undefined];
        proxies.postgres = postgres && (await faultProxy(postgres));
        proxies.redis = redis && (await faultProxy(redis));
        proxies.dynamo = dynamo && (await faultProxy(dynamo));
        const urls: Record<string, string> = {};
        const ctx: SoakContext = {
            postgres, redis, dynamo, proxies, urls,
            seedCount: (n) => Math.max(2, Math.ceil(n * (options.seedFraction ?? 1))),
            call: async (service, req) => {
                const started = Date.now();
                const res = await request(urls[service], req);
                return { status: res.status, body: res.text === "" ? undefined : JSON.parse(res.text), ms: Date.now() - started };
            },
            load: (service, next, durationMs) => load(urls[service], services.get(service)!.child.pid!, next, durationMs, options.connections),
        };
        for (const profile of profiles) {
            await profile.setup?.(ctx);
            const svc = await startService(path.join(outRoot, profile.service, "main.js"), profile.env(ctx));
            services.set(profile.service, svc);
            urls[profile.service] = svc.url;
        }
        const loaded = profiles.filter((p) => options.only === undefined || p.service === options.only);
        for (const profile of loaded) {
            for (const endpoint of profile.endpoints) {
                const next = await endpoint.prepare(ctx);
                const result = await ctx.load(profile.service, next, options.durationMs);
                report.endpoints.push({ service: profile.service, endpoint: endpoint.name, common: endpoint.common, ...result });
                log(`${profile.service} ${endpoint.name}: ${result.rps} req/s, ${result.perCore} per core, p99 ${result.p99} ms, ${result.errors} errors`);
            }
            const common = report.endpoints.filter((e) => e.service === profile.service && e.common);
            report.rpsPerVcpu[profile.service] = Math.floor(Math.min(...common.map((e) => e.perCore)) / 50) * 50;
        }
        for (const profile of options.faults === false ? [] : loaded) {
            for (const fault of profile.faults) {
                const outcome = await fault.run(ctx).catch((err: Error): FaultOutcome => ({ pass: false, outcome: `failed to run: ${err.message}` }));
                report.faults.push({ service: profile.service, name: fault.name, ...outcome });
                log(`${profile.service} fault "${fault.name}": ${outcome.pass ? "PASS" : "FAIL"} ${outcome.outcome}`);
            }
        }
        for (const profile of profiles) {
            const svc = services.get(profile.service)!;
            report.memory.push({ service: profile.service, peakRssMiB: peakRssMiB(svc.child.pid!), heapLimitMiB: nodeHeapLimitMiB(SOAK_TASK_MEMORY_MIB), taskMemoryMiB: SOAK_TASK_MEMORY_MIB });
        }
        // Callers first, as ECS would drain them; each under load from its first endpoint.
        for (const profile of [...loaded].reverse()) {
            const next = await profile.endpoints[0].prepare(ctx);
            const outcome = await sigtermUnderLoad(services.get(profile.service)!, next, options.connections);
            services.delete(profile.service);
            report.faults.push({ service: profile.service, name: "SIGTERM under keep-alive load: exit 0 within 2 s", ...outcome });
            log(`${profile.service} SIGTERM: ${outcome.pass ? "PASS" : "FAIL"} ${outcome.outcome}`);
        }
        return report;
    } finally {
        for (const svc of services.values()) {
            svc.child.kill("SIGKILL");
        }
        await Promise.all(Object.values(proxies).map((p) => p?.stop()));
        await Promise.all([postgres?.stop(), redis?.stop(), dynamo?.stop()]);
        fs.rmSync(outRoot, { recursive: true, force: true });
    }
}

/** The report as text: one line per endpoint, fault and service. */
export function formatReport(r: SoakReport): string {
    const pad = (s: string | number, n: number) => String(s).padEnd(n);
    const lines = [`${pad("service", 9)}${pad("endpoint", 52)}${pad("req/s", 8)}${pad("per core", 10)}${pad("p50 ms", 8)}${pad("p99 ms", 8)}errors`];
    for (const e of r.endpoints) {
        lines.push(`${pad(e.service, 9)}${pad(e.endpoint, 52)}${pad(e.rps, 8)}${pad(e.perCore, 10)}${pad(e.p50, 8)}${pad(e.p99, 8)}${e.errors}`);
    }
    lines.push("", "faults:");
    for (const f of r.faults) {
        lines.push(`  ${f.pass ? "PASS" : "FAIL"} ${f.service}: ${f.name} - ${f.outcome}`);
    }
    lines.push("", "memory (dev task size):");
    for (const m of r.memory) {
        lines.push(`  ${m.service}: peak RSS ${m.peakRssMiB} MiB with --max-old-space-size=${m.heapLimitMiB} in a ${m.taskMemoryMiB} MiB task`);
    }
    lines.push("", "rpsPerVcpu (slowest common path, requests per CPU second of the service process):");
    for (const [service, rps] of Object.entries(r.rpsPerVcpu)) {
        lines.push(`  ${service}: ${rps}`);
    }
    return lines.join("\n");
}

if (require.main === module) {
    const args = process.argv.slice(2);
    const arg = (name: string) => {
        const i = args.indexOf(`--${name}`);
        return i >= 0 ? args[i + 1] : undefined;
    };
    const durationS = Number(arg("duration") ?? 5);
    const connections = Number(arg("connections") ?? 16);
    if (!(durationS > 0 && durationS <= 120) || !(Number.isInteger(connections) && connections >= 1 && connections <= 256)) {
        console.error("usage: npm run soak -- [--duration <1-120 s per endpoint>] [--connections <1-256>] [--only <service>]");
        process.exit(2);
    }
    const profiles = soakProfiles(arg("only"));
    const budgetMs = (profiles.reduce((n, p) => n + p.endpoints.length, 0) * durationS + 120) * 1000;
    const watchdog = setTimeout(() => {
        console.error(`soak: still running after ${budgetMs / 1000} s; giving up`);
        process.exit(3);
    }, budgetMs).unref();
    console.log(`soak on ${os.cpus().length} x ${os.cpus()[0]?.model ?? "cpu"}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${new Date().toISOString()}`);
    runSoak({ durationMs: durationS * 1000, connections, only: arg("only"), log: (l) => console.log(l) })
        .then((report) => {
            clearTimeout(watchdog);
            console.log(`\n${formatReport(report)}\n\nload average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
            process.exit(report.faults.every((f) => f.pass) && report.endpoints.every((e) => e.errors === 0) ? 0 : 1);
        })
        .catch((err) => {
            console.error(err);
            process.exit(1);
        });
}
