import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planAtRef } from "../../scripts/diff/base";
import { deployGate, recordDeployed } from "../../scripts/diff/deploy-gate";
import { planEnvironment } from "../../scripts/lib/plan-env";
import { changesOf, diffOf } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

/** A one-table production project in its own git repository: the cheapest base to plan from a ref. */
function tinyRepository(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-repo-"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: tiny\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n  tiny:production: true\n  tiny:services: []\n");
    fs.writeFileSync(path.join(dir, "index.ts"), 'import * as aws from "@pulumi/aws";\nexport = () => { new aws.dynamodb.Table("orders", { name: "orders-v1", hashKey: "id", attributes: [{ name: "id", type: "S" }], billingMode: "PAY_PER_REQUEST" }); return {}; };\n');
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "--quiet");
    git("add", ".");
    git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "--quiet", "-m", "v1");
    return dir;
}

describe("the diff against a git ref", () => {
    let dir: string;
    before(() => {
        dir = tinyRepository();
    });
    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("plans the ref in a temporary worktree, removes it, and diffs the working tree against it", async () => {
        fs.writeFileSync(path.join(dir, "index.ts"), fs.readFileSync(path.join(dir, "index.ts"), "utf8").replace("orders-v1", "orders-v2"));
        const base = await planAtRef(dir, "dev", "HEAD");
        assert.match(base.label, /^HEAD \([0-9a-f]{12}\)$/);
        assert.deepStrictEqual(execFileSync("git", ["worktree", "list"], { cwd: dir, encoding: "utf8" }).trim().split("\n").length, 1, "the temporary worktree is gone");
        const head = await planEnvironment(dir, "dev");
        const changes = changesOf(diffOf(base.plans, head.stacks, false));
        assert.deepStrictEqual(changes.map((c) => [c.action, c.name, c.replacedBy?.map((r) => r.property)]), [["replace", "orders", ["TableName"]]]);
        assert.deepStrictEqual(changes[0].properties, [{ path: "name", old: '"orders-v1"', new: '"orders-v2"' }]);
    });

    it("refuses a production deploy that would replace the table, unless allowed, against the recorded deployed commit", async () => {
        fs.writeFileSync(path.join(dir, "index.ts"), fs.readFileSync(path.join(dir, "index.ts"), "utf8").replace("orders-v1", "orders-v2"));
        const log = () => undefined;
        assert.match((await deployGate(dir, "dev", [], log)).join(), /no record of what dev was last deployed from/);
        assert.deepStrictEqual(await deployGate(dir, "dev", ["--diff-base", "none"], log), []);
        recordDeployed(dir, "dev");
        const refused = await deployGate(dir, "dev", [], log);
        assert.strictEqual(refused.length, 1);
        assert.match(refused[0], /^replace of stateful aws:dynamodb\/table:Table orders \(--allow-replace urn:pulumi:dev::tiny::/);
        const urn = /--allow-replace (\S+)\)/.exec(refused[0])![1];
        assert.deepStrictEqual(await deployGate(dir, "dev", ["--allow-replace", urn], log), []);
    });
});
