import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planAtRef } from "../../scripts/diff/base";
import { planEnvironment } from "../../scripts/lib/plan-env";
import { changesOf, diffOf } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");

/** A one-resource project in its own git repository: the cheapest base to plan from a ref. */
function tinyRepository(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diff-repo-"));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(path.join(dir, ".gitignore"), "node_modules\n");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: tiny\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n  tiny:services: []\n");
    fs.writeFileSync(path.join(dir, "index.ts"), 'import * as aws from "@pulumi/aws";\nexport = () => { new aws.sns.Topic("alerts", { name: "alerts-v1" }); return {}; };\n');
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
        fs.writeFileSync(path.join(dir, "index.ts"), fs.readFileSync(path.join(dir, "index.ts"), "utf8").replace("alerts-v1", "alerts-v2"));
        const base = await planAtRef(dir, "dev", "HEAD");
        assert.match(base.label, /^HEAD \([0-9a-f]{12}\)$/);
        assert.deepStrictEqual(execFileSync("git", ["worktree", "list"], { cwd: dir, encoding: "utf8" }).trim().split("\n").length, 1, "the temporary worktree is gone");
        const head = await planEnvironment(dir, "dev");
        const changes = changesOf(await diffOf(base.plans, head.stacks, false));
        assert.deepStrictEqual(changes.map((c) => [c.action, c.name, c.replacedBy?.map((r) => r.property)]), [["replace", "alerts", ["TopicName"]]]);
        assert.deepStrictEqual(changes[0].properties, [{ path: "name", old: '"alerts-v1"', new: '"alerts-v2"' }]);
    });
});
