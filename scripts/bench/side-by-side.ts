/**
 * The part of `npm run bench` that compares commands measured in the same run, interleaved round by
 * round so that a shared machine's load weighs on each alike: the offline check (plan + validate of
 * prod, in one command, with the transpile cache as the runs before left it and again empty, as on a
 * first run) against a peer CDK app's `cdk synth` (which runs the same AWS validator), and the diff of each environment against two plans. Set BENCH_PEER_DIR to the peer app's folder
 * (app.ts and package.json); it is copied and installed once under the temp folder.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VALIDATOR_NODE_FLAGS } from "../validate/validator";
import { BenchCommand, npmScriptArgv, runInterleaved } from "./commands";

const root = path.resolve(__dirname, "../..");
const MAX_BYTES = 1024 ** 3;
const MAX_CHECK_RATIO = 1;
const MAX_DIFF_RATIO = 2;

/** One of our npm scripts in a fresh process, started as npm run starts it, reporting its peak memory. */
function script(label: string, npmScript: string, args: string[]): BenchCommand {
    return { label, cwd: root, argv: npmScriptArgv(npmScript, args) };
}

/**
 * The peer app, copied and installed once (keyed by its package.json), run as its README says
 * (`npx ts-node --transpile-only app.ts`) but started by node directly, as ours are: npx's own start
 * (about 0.3 s) would otherwise count against the peer only. With `flags`, the peer's node gets the
 * V8 flags our validator's process runs with, to show how much of the difference they make.
 */
function peerCommand(source: string, flags: readonly string[] = []): BenchCommand {
    const key = createHash("sha256").update(fs.readFileSync(path.join(source, "package.json"))).update(fs.readFileSync(path.join(source, "app.ts"))).digest("hex").slice(0, 12);
    const dir = path.join(os.tmpdir(), `bench-peer-${key}`);
    if (!fs.existsSync(path.join(dir, "node_modules"))) {
        fs.cpSync(source, dir, { recursive: true });
        const install = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, encoding: "utf8" });
        if (install.status !== 0) {
            throw new Error(`npm install of the peer failed:\n${install.stderr}`);
        }
    }
    const tsNode = path.join(dir, "node_modules", "ts-node", "dist", "bin.js");
    const label = flags.length === 0 ? "peer: cdk synth (ts-node app.ts)" : `the peer with ${flags.join(" ")}`;
    return { label, cwd: dir, argv: [process.execPath, ...flags, tsNode, "--transpile-only", "app.ts"] };
}

/** Prints the side-by-side figures; the verdicts are printed, not asserted (timing on a shared machine is noisy). */
export function sideBySide(runs: number): void {
    const peerDir = process.env.BENCH_PEER_DIR;
    const diffBase = process.env.BENCH_DIFF_BASE ?? "HEAD";
    const check = script("plan --env prod --validate", "plan", ["--env", "prod", "--validate"]);
    const coldCheck = { ...script("the same, transpile cache empty", "plan", ["--env", "prod", "--validate"]), cold: true };
    const planProd = script("plan --env prod", "plan", ["--env", "prod"]);
    const validateProd = script("validate --env prod", "validate", ["--env", "prod"]);
    const planDev = script("plan --env dev", "plan", ["--env", "dev"]);
    const diffDev = script(`plan --env dev --diff ${diffBase}`, "plan", ["--env", "dev", "--diff", diffBase]);
    const diffProd = script(`plan --env prod --diff ${diffBase}`, "plan", ["--env", "prod", "--diff", diffBase]);
    const peer = peerDir === undefined ? undefined : peerCommand(peerDir);
    const peerWithFlags = peerDir === undefined ? undefined : peerCommand(peerDir, VALIDATOR_NODE_FLAGS);
    // validate reads the plan that the command before it wrote.
    const commands = [...(peer && peerWithFlags ? [peer, peerWithFlags] : []), check, coldCheck, planProd, validateProd, planDev, diffDev, diffProd];
    const load = os.loadavg()[0];
    const measured = runInterleaved(commands, runs);
    const t = new Map(commands.map((c, i) => [c, measured[i]]));
    const mb = (b: number) => (b === 0 ? "-" : `${(b / 1024 ** 2).toFixed(0)} MB`);
    console.log(`\nside by side, best of ${runs} interleaved rounds, on ${os.cpus().length} cores, load average ${load.toFixed(1)} at the start and ${os.loadavg()[0].toFixed(1)} at the end`);
    for (const c of commands) {
        console.log(`${c.label.padEnd(40)}${`${t.get(c)!.bestMs.toFixed(0)} ms`.padStart(10)}${mb(t.get(c)!.peakBytes).padStart(10)}`);
    }
    const separate = t.get(planProd)!.bestMs + t.get(validateProd)!.bestMs;
    console.log(`plan + validate of prod: one command ${t.get(check)!.bestMs.toFixed(0)} ms, two commands ${separate.toFixed(0)} ms`);
    if (peer !== undefined) {
        const ratio = t.get(check)!.bestMs / t.get(peer)!.bestMs;
        const ok = ratio <= MAX_CHECK_RATIO && t.get(check)!.peakBytes < MAX_BYTES;
        const cold = t.get(coldCheck)!.bestMs / t.get(peer)!.bestMs;
        console.log(`offline check vs peer synth: ${ratio.toFixed(2)}x (two commands: ${(separate / t.get(peer)!.bestMs).toFixed(2)}x)  ${ok ? "within target" : "OVER TARGET"}`);
        console.log(`  a first run, nothing transpiled yet: ${cold.toFixed(2)}x  ${cold <= MAX_CHECK_RATIO && t.get(coldCheck)!.peakBytes < MAX_BYTES ? "within target" : "OVER TARGET"}`);
        console.log(`  not a target, for a fair reading: against the peer given the validator's V8 flags too, the check is ${(t.get(check)!.bestMs / t.get(peerWithFlags!)!.bestMs).toFixed(2)}x`);
    } else {
        console.log("offline check vs peer synth: skipped (set BENCH_PEER_DIR to the peer CDK app's folder)");
    }
    const diffRatio = (t.get(diffDev)!.bestMs + t.get(diffProd)!.bestMs) / (t.get(planDev)!.bestMs + t.get(planProd)!.bestMs);
    console.log(`diff of dev and prod vs their plans: ${diffRatio.toFixed(2)}x  ${diffRatio <= MAX_DIFF_RATIO ? "within target" : "OVER TARGET"}`);
    console.log(`targets: plan --validate of prod <= ${MAX_CHECK_RATIO}x the peer's synth and peak < ${mb(MAX_BYTES)}; a diff <= ${MAX_DIFF_RATIO}x the plan it compares (it plans two trees)`);
}
