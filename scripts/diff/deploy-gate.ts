import { execFileSync } from "child_process";
import { planEnvironment } from "../lib/plan-env";
import { planAtRef } from "./base";
import { diffRequest, isProduction } from "./command";
import { diffEnvironment } from "./diff";
import { formatDiff } from "./format";

/** The git tag that records what an environment was last deployed from; `npm run deploy` moves it after a deploy. */
export function deployedTag(env: string): string {
    return `deployed/${env}`;
}

function git(root: string, args: string[]): string | undefined {
    try {
        return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
        return undefined;
    }
}

/** Where the diff before a deploy starts: `--diff-base <ref>`, else the commit the environment was last deployed from. */
export function deployBase(root: string, env: string, argv: readonly string[]): string | undefined {
    const at = argv.indexOf("--diff-base");
    return at >= 0 ? argv[at + 1] : git(root, ["rev-parse", "--verify", "--quiet", `${deployedTag(env)}^{commit}`]);
}

/**
 * The gate before `npm run deploy` of a production platform: the diff of what is about to be
 * deployed (this checkout) against what was last deployed (the `deployed/<env>` tag, or
 * `--diff-base <ref>`) must replace or delete no stateful resource that `--allow-replace <urn>`
 * does not name. Returns the reasons to refuse; empty when the environment is not production or
 * the base is `none` (a first deploy, which creates everything).
 */
export async function deployGate(root: string, env: string, argv: readonly string[], log: (line: string) => void): Promise<string[]> {
    if (!isProduction(root, env)) {
        return [];
    }
    const base = deployBase(root, env, argv);
    if (base === undefined) {
        return [`no record of what ${env} was last deployed from (git tag ${deployedTag(env)}): pass --diff-base <ref> (the commit it runs), or --diff-base none for a first deploy`];
    }
    if (base === "none") {
        log(`diff gate: --diff-base none, a first deploy of ${env}`);
        return [];
    }
    const [old, now] = [await planAtRef(root, env, base), await planEnvironment(root, env)];
    const diff = diffEnvironment(old.plans, now.stacks, { env, base: old.label, production: true, allowReplace: diffRequest(["--diff", ...argv])?.allowReplace });
    formatDiff(diff).forEach(log);
    return diff.blocked.map((c) => `${c.action} of stateful ${c.type} ${c.name} (--allow-replace ${c.urn})`);
}

/** Records the deployed commit, so that the next deploy diffs against it (CI pushes the tag). */
export function recordDeployed(root: string, env: string): void {
    git(root, ["tag", "--force", deployedTag(env), "HEAD"]);
}
