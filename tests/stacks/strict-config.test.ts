import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { discoverProjects, ProjectInfo } from "../../scripts/lib/projects";
import { ProgramError } from "../../scripts/lib/mock-runtime";
import { readStackConfig } from "../../scripts/lib/stack-config";
import { projectFileOf } from "../../stacks/config/files";
import { closestKey, ConfigError, rawConfigOf } from "../../stacks/config/reader";
import { EDGE_CONFIG_KEYS, loadEdgeConfig } from "../../stacks/edge/config";
import { loadPlatformConfig, PLATFORM_CONFIG_KEYS } from "../../stacks/platform/config";
import { loadServiceConfig, SERVICE_CONFIG_KEYS } from "../../stacks/service/config";
import { fakePlatform, runService } from "./service-helpers";

const ROOT = path.resolve(__dirname, "../..");
const PROJECTS = discoverProjects(ROOT);
const SERVICES = PROJECTS.filter((p) => p.kind === "service").map((p) => p.name);

/** For each kind of project: the keys it reads, a misspelling of one, and its loader. */
function loaderOf(p: ProjectInfo) {
    switch (p.kind) {
        case "platform":
            return { keys: PLATFORM_CONFIG_KEYS as readonly string[], typo: ["vpcCidrr", "vpcCidr"], load: (raw: ReturnType<typeof rawConfigOf>) => loadPlatformConfig(raw, "dev") };
        case "edge":
            return { keys: EDGE_CONFIG_KEYS as readonly string[], typo: ["wafRateLimt", "wafRateLimit"], load: (raw: ReturnType<typeof rawConfigOf>) => loadEdgeConfig(raw, "dev") };
        default:
            return { keys: SERVICE_CONFIG_KEYS as readonly string[], typo: ["minTask", "minTasks"], load: (raw: ReturnType<typeof rawConfigOf>) => loadServiceConfig(raw, p.name, "dev") };
    }
}

/** A copy of the project's Pulumi.yaml and dev stack file with `lines` appended to the stack file. */
function projectCopyWith(p: ProjectInfo, lines: string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strict-${p.name}-`));
    fs.cpSync(path.join(p.dir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), fs.readFileSync(path.join(p.dir, "Pulumi.dev.yaml"), "utf8") + lines.map((l) => `  ${l}\n`).join(""));
    return dir;
}

describe("strict config: every project refuses a key it does not read", () => {
    for (const p of PROJECTS) {
        const { typo: [wrong, right], load } = loaderOf(p);
        it(`${p.name}: a misspelt key (${p.name}:${wrong}) fails naming the stack file, the key and the suggestion`, () => {
            const dir = projectCopyWith(p, [`${p.name}:${wrong}: 1`]);
            const raw = rawConfigOf(readStackConfig(dir, "dev"), projectFileOf(dir, p.name, "dev"));
            assert.throws(() => load(raw), (e: unknown) => {
                assert.ok(e instanceof ConfigError);
                const line = e.message.split("\n").find((l) => l.includes(`${p.name}:${wrong}`)) ?? "";
                assert.ok(line.includes(`${path.relative(process.cwd(), path.join(dir, "Pulumi.dev.yaml"))}: ${p.name}:${wrong} = "1"`), line);
                assert.match(line, new RegExp(`did you mean ${p.name}:${right}\\?`));
                return true;
            });
        });
        it(`${p.name}: a key in another project's namespace is refused too; aws: keys pass`, () => {
            const raw = rawConfigOf({ ...readStackConfig(p.dir, "dev"), [`other:${right}`]: "1", "aws:profile": "x" });
            assert.throws(() => load(raw), (e: unknown) => e instanceof ConfigError && e.problems.map((x) => x.key).join() === `other:${right}` && /did you mean/.test(e.message));
        });
    }

    it("suggests only near misses (case and a few letters)", () => {
        assert.strictEqual(closestKey("orders:MinTask", ["orders:minTasks", "orders:maxTasks"]), "orders:minTasks");
        assert.strictEqual(closestKey("orders:colour", ["orders:minTasks", "orders:cpu"]), undefined);
    });

    it("keeps Error.stack a trace: the stack's name is stackName", () => {
        const e = new ConfigError("orders/dev", [{ key: "k", value: "v", accepted: "w" }]);
        assert.strictEqual(e.stackName, "orders/dev");
        assert.match(e.stack ?? "", /ConfigError/);
        assert.match(e.stack ?? "", /\n\s+at /);
    });
});

describe("strict config: one run reports every problem of a service", function () {
    this.timeout(60000);
    const service = SERVICES[0];

    it("a misspelt key, a bad value and the production rules together, each naming its file", async () => {
        // dev's stack file, a typo and a bad size, against a production platform.
        await assert.rejects(runService(service, "dev", { config: { [`${service}:minTask`]: "1", [`${service}:cpu`]: "300" }, stackOutputs: { "organization/platform/dev": fakePlatform(true) } }), (e: unknown) => {
            assert.ok(e instanceof ProgramError && e.cause instanceof ConfigError);
            const keys = e.cause.problems.map((p) => p.key);
            for (const k of ["minTask", "cpu", "minTasks", "enableExecuteCommand", "deploymentStrategy"]) {
                assert.ok(keys.includes(`${service}:${k}`), `${k} missing from ${keys.join(", ")}`);
            }
            assert.match(e.message, new RegExp(`apps/${service}/Pulumi.dev.yaml: ${service}:minTasks = "1": expected at least 2 in production`));
            assert.match(e.message, new RegExp(`apps/${service}/Pulumi.yaml: ${service}:minTask = "1": expected a key that ${service} reads: did you mean ${service}:minTasks\\?`));
            assert.deepStrictEqual(e.registered.filter((r) => r.custom).map((r) => r.type), []);
            return true;
        });
    });

    it("a platform stack that does not exist names the keys that chose it", async () => {
        await assert.rejects(runService(service, "dev", { config: { [`${service}:platformProject`]: "shared" } }), (e: unknown) => {
            assert.match((e as Error).message, new RegExp(`${service}:platformOrganization and ${service}:platformProject = "organization/shared/dev": expected the name of a deployed stack`));
            return true;
        });
    });
});
