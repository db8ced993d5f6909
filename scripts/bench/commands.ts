/**
 * How the bench starts our scripts: exactly as `npm run <script>` does (the node options of
 * package.json's script, read from it rather than copied), plus the memory probe, so that a number
 * the bench prints is the number a user's command would give.
 */
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
const probe = path.join(root, "scripts/bench/max-rss.ts");

/**
 * The argv of `npm run <script> -- <args>` without npm, for a package.json script of the form
 * `node <options> <file>`; `file` replaces the script's own file (the floor runs with the plan's options).
 */
export function npmScriptArgv(script: string, args: readonly string[], file?: string): string[] {
    const command = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts[script];
    const words = command?.split(/\s+/) ?? [];
    if (words[0] !== "node" || words.length < 2) {
        throw new Error(`package.json script "${script}" is not of the form "node <options> <file>": ${command}`);
    }
    const options = words.slice(1, -1).map((w) => (w.startsWith("./") ? path.join(root, w) : w));
    return [process.execPath, ...options, "-r", probe, path.join(root, file ?? words[words.length - 1]), ...args];
}

/** The peak memory the probe recorded for a run (the sum of its processes' peaks), and removes its file; 0 without one. */
export function takePeakBytes(file: string): number {
    if (!fs.existsSync(file)) {
        return 0;
    }
    const total = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).reduce((sum, line) => sum + Number(line), 0);
    fs.rmSync(file, { force: true });
    return total;
}
