import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { planWithoutAnalyses } from "../../scripts/lib/plan-baseline";
import { npmScriptArgv } from "../../scripts/bench/commands";
import { VALIDATOR_NODE_FLAGS } from "../../scripts/validate/validator";

const ROOT = path.resolve(__dirname, "../..");

/** The bench runs our scripts as npm runs them, and the validator's V8 flags are the same wherever it runs. */
describe("node commands of the scripts", () => {
    it("the bench starts a script with package.json's own node options, its memory probe and its arguments", () => {
        const argv = npmScriptArgv("plan", ["--env", "dev"]);
        assert.strictEqual(argv[0], process.execPath);
        assert.deepStrictEqual(argv.slice(-3), [path.join(ROOT, "scripts/plan.ts"), "--env", "dev"]);
        assert.ok(argv.includes(path.join(ROOT, "scripts/lib/register-ts.js")), argv.join(" "));
        assert.ok(argv.includes(path.join(ROOT, "scripts/bench/max-rss.ts")), argv.join(" "));
        assert.deepStrictEqual(npmScriptArgv("plan", [], "scripts/bench/floor.ts").slice(0, -1), argv.slice(0, -3), "the floor runs with the plan's options");
        assert.throws(() => npmScriptArgv("test", []), /package.json script "test" is not of the form "node <options> <file>"/);
    });

    it("the plan runs its analyses unless the bench's baseline wrapper, inside the process, said otherwise", () => {
        assert.strictEqual(planWithoutAnalyses(), false);
        const wrapper = fs.readFileSync(path.join(ROOT, "scripts/bench/plan-without-analyses.ts"), "utf8");
        assert.match(wrapper, /markPlanWithoutAnalyses\(\);\s*(\/\/.*\n\s*)*require\("\.\.\/plan"\)/, "the wrapper marks the process, then loads the plan");
        const users = ["scripts/plan.ts", "scripts/lib/early-workers.ts"].filter((f) => fs.readFileSync(path.join(ROOT, f), "utf8").includes("planWithoutAnalyses()"));
        assert.deepStrictEqual(users, ["scripts/plan.ts", "scripts/lib/early-workers.ts"]);
    });

    it("npm run validate passes the validator's V8 flags, as plan --validate's validator process does", () => {
        // The node options before the file, less the preloads: exactly the validator's flags.
        const argv = npmScriptArgv("validate", ["--env", "prod"]);
        const options = argv.slice(1, argv.indexOf(path.join(ROOT, "scripts/validate.ts")));
        const flags = options.filter((o, i) => o !== "-r" && options[i - 1] !== "-r");
        assert.deepStrictEqual(flags, [...VALIDATOR_NODE_FLAGS]);
    });

    it("this Node accepts each of the validator's flags (an unknown V8 flag stops node before it starts)", () => {
        const run = spawnSync(process.execPath, [...VALIDATOR_NODE_FLAGS, "-e", "0"], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.notStrictEqual(spawnSync(process.execPath, ["--no-such-v8-flag", "-e", "0"]).status, 0, "the check above can fail");
    });
});
