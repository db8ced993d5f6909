/**
 * Throwaway real servers for the application tests, on 127.0.0.1 only: PostgreSQL (Debian's
 * `postgresql` package, run from a temp dir), Redis (`redis-server`, with a password so that AUTH
 * is exercised) and dynalite (a DynamoDB-compatible server from npm, in-process). Each suite starts
 * what it needs in `before` and stops it in `after`, so the infrastructure tests never pay for them.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { attributeDefinitions, gsiBlocks, TableSpec } from "../../components/data/table-spec";

const INSTALL_HINT = "install them with: apt-get install -y postgresql redis-server (Debian/Ubuntu); .ci/run does this on CI";

export interface RunningServer {
    readonly host: string;
    readonly port: number;
    stop(): Promise<void>;
}

export interface RunningPostgres extends RunningServer {
    readonly user: string;
    readonly password: string;
    readonly database: string;
}

export interface RunningRedis extends RunningServer {
    readonly password: string;
}

export interface RunningDynamo extends RunningServer {
    readonly endpoint: string;
}

/** A free TCP port on loopback (bind to 0, read it, release it). */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** The newest PostgreSQL server binaries Debian installed (`/usr/lib/postgresql/<ver>/bin`), or a clear error. */
export function postgresBinDir(): string {
    const root = "/usr/lib/postgresql";
    const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a)) : [];
    if (versions.length === 0) {
        throw new Error(`PostgreSQL server binaries not found under ${root}; ${INSTALL_HINT}`);
    }
    return path.join(root, versions[0], "bin");
}

function whichOrFail(binary: string): string {
    for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/bin", "/usr/sbin"])) {
        const candidate = path.join(dir, binary);
        if (fs.existsSync(candidate)) {
            return candidate;
        }
    }
    throw new Error(`${binary} not found on PATH; ${INSTALL_HINT}`);
}

/**
 * PostgreSQL in a temp dir with password (SCRAM) authentication, TCP on loopback only. PostgreSQL
 * refuses to run as root; as root (CI), it runs as the `postgres` system user the package creates.
 */
export async function startPostgres(): Promise<RunningPostgres> {
    const bin = postgresBinDir();
    const asRoot = process.getuid?.() === 0;
    const run = (cmd: string, args: string[]) => execFileSync(asRoot ? "runuser" : cmd, asRoot ? ["-u", "postgres", "--", cmd, ...args] : args, { stdio: "pipe" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-"));
    const data = path.join(dir, "data");
    const user = "app_admin";
    const password = `pw-${process.pid}-${Date.now()}`;
    fs.writeFileSync(path.join(dir, "pwfile"), password);
    if (asRoot) {
        execFileSync("chown", ["-R", "postgres:postgres", dir]);
    }
    const port = await freePort();
    try {
        run(path.join(bin, "initdb"), ["-D", data, "-U", user, "--pwfile", path.join(dir, "pwfile"), "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"]);
        // fsync off: a test database may lose data on a crash, and is thrown away anyway.
        const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`;
        run(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "30", "start"]);
    } catch (err) {
        const log = fs.existsSync(path.join(dir, "log")) ? fs.readFileSync(path.join(dir, "log"), "utf8") : "";
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${(err as { stderr?: Buffer }).stderr?.toString() ?? ""}${log}`);
    }
    return {
        host: "127.0.0.1",
        port,
        user,
        password,
        database: "postgres",
        stop: async () => {
            try {
                run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        },
    };
}

/** redis-server with `requirepass`, no persistence, on loopback. */
export async function startRedis(): Promise<RunningRedis> {
    const binary = whichOrFail("redis-server");
    const port = await freePort();
    const password = `redis-${process.pid}-${Date.now()}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redis-test-"));
    const child: ChildProcess = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", password, "--dir", dir], { stdio: "ignore" });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await waitForPort(port, 10_000, () => child.exitCode !== null);
    return {
        host: "127.0.0.1",
        port,
        password,
        stop: async () => {
            if (child.exitCode === null) {
                child.kill("SIGTERM");
                await exited;
            }
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** dynalite in this process, with the given tables created as the DataTier creates them. */
export async function startDynamo(tables: readonly { spec: TableSpec; tableName: string }[]): Promise<RunningDynamo> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dynalite = require("dynalite") as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => net.Server;
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    const port = (server.address() as net.AddressInfo).port;
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new DynamoDBClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
    for (const { spec, tableName } of tables) {
        await client.send(new CreateTableCommand({
            TableName: tableName,
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: attributeDefinitions(spec).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
            KeySchema: [{ AttributeName: spec.partitionKey, KeyType: "HASH" }, ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: "RANGE" as const }] : [])],
            GlobalSecondaryIndexes: gsiBlocks(spec).map((g) => ({
                IndexName: g.name,
                KeySchema: g.keySchemas.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType as "HASH" | "RANGE" })),
                Projection: { ProjectionType: g.projectionType as "ALL" | "KEYS_ONLY" | "INCLUDE", NonKeyAttributes: g.nonKeyAttributes },
            })),
        }));
    }
    client.destroy();
    return { host: "127.0.0.1", port, endpoint, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Credentials the AWS SDK needs to sign requests to a local server (dynalite ignores them). */
export const LOCAL_AWS_ENV = { AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local" };

async function waitForPort(port: number, timeoutMs: number, gaveUp: () => boolean): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (gaveUp()) {
            throw new Error(`server on port ${port} exited before accepting connections`);
        }
        const open = await new Promise<boolean>((resolve) => {
            const socket = net.connect(port, "127.0.0.1");
            socket.once("connect", () => { socket.destroy(); resolve(true); });
            socket.once("error", () => resolve(false));
        });
        if (open) {
            return;
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nothing listening on 127.0.0.1:${port} after ${timeoutMs} ms`);
}
