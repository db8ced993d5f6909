import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { budget } from "../helpers/budget";

// The loader every plan, validator process and test run uses (a CommonJS module: no types of its own).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transpile, entryOf, sourcesOf, transform, transpileMissing, unchangedSince } = require("../../scripts/lib/transpile") as {
    transpile(file: string): string;
    entryOf(source: string): string;
    sourcesOf(dir: string): string[];
    transform(file: string, source: string, sourcemap: false): { code: string };
    transpileMissing(files: string[]): Map<string, string>;
    unchangedSince(item: { file: string; source: string; mtimeNs: bigint }): boolean;
};
const root = path.resolve(__dirname, "../..");
const loader = path.join(root, "scripts/lib/transpile.js");

/** The transpile cache: reused while a source is unchanged, never stale once it changes, shared by copies. */
describe("TypeScript transpile cache (scripts/lib/transpile.js)", () => {
    let dir: string;
    // A source no other test or run has: its entry is this test's to create and remove.
    const source = (value: number) => `export const answer: number = ${value}; // ${process.pid} ${Date.now()}\n`;
    const written: string[] = [];

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "transpile-"));
    });
    afterEach(() => {
        written.splice(0).forEach((text) => fs.rmSync(entryOf(text), { recursive: true, force: true }));
        fs.rmSync(dir, { recursive: true, force: true });
    });

    function write(name: string, text: string): string {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        written.push(text);
        return file;
    }

    it("serves an unchanged source from its entry, without transpiling again, whichever file holds it", () => {
        const text = source(42);
        const first = transpile(write("a.ts", text));
        assert.match(first, /answer = 42/);
        assert.doesNotMatch(first, /: number/, "types are stripped");
        // Proof that later calls read the entry: an entry edited behind the cache's back is what they return.
        fs.writeFileSync(entryOf(text), first.replace("answer = 42", "answer = 43"));
        assert.match(transpile(path.join(dir, "a.ts")), /answer = 43/);
        assert.match(transpile(write("copy-elsewhere.ts", text)), /answer = 43/, "a copy (a worktree of another commit) shares the entry");
    });

    it("transpiles a changed file again: a new source is a new entry, with no temporary file left", () => {
        const first = source(42);
        const file = write("a.ts", first);
        transpile(file);
        const changed = source(7);
        write("a.ts", changed);
        assert.match(transpile(file), /answer = 7/);
        assert.match(fs.readFileSync(entryOf(changed), "utf8"), /answer = 7/);
        const folder = path.dirname(entryOf(changed));
        const own = [entryOf(first), entryOf(changed)].map((e) => path.basename(e));
        assert.deepStrictEqual(fs.readdirSync(folder).filter((f) => own.some((e) => f.startsWith(`${e}.`))), [], "no temporary file is left");
    });

    it("a process that writes an entry removes the entries not used for a week, and keeps those in use", () => {
        const unused = source(1);
        const used = source(2);
        transpile(write("unused.ts", unused));
        const usedFile = write("used.ts", used);
        transpile(usedFile);
        const weekAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
        fs.utimesSync(entryOf(unused), weekAgo, weekAgo);
        fs.utimesSync(entryOf(used), weekAgo, weekAgo);
        // Read from the cache again: reading refreshes an entry's time, since pruning goes by it.
        transpile(usedFile);
        // A fresh process (pruning runs once per process), transpiling a source not cached yet.
        const fresh = source(3);
        const run = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(loader)}).transpile(${JSON.stringify(write("new.ts", fresh))})`], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        assert.ok(fs.existsSync(entryOf(fresh)), "the new entry is written");
        assert.ok(!fs.existsSync(entryOf(unused)), "the entry unused for a week is removed");
        assert.ok(fs.existsSync(entryOf(used)), "the entry read since is kept");
    });

    it("transpiles again over an empty entry (what a crash between write and rename could leave)", () => {
        const text = source(9);
        const file = write("a.ts", text);
        transpile(file);
        fs.writeFileSync(entryOf(text), "");
        assert.match(transpile(file), /answer = 9/);
    });

    it("keeps its entries where TRANSPILED_TS_CACHE says, when set (the bench's first-run timing)", () => {
        const folder = path.join(dir, "cache");
        const text = source(5);
        const run = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(loader)}).transpile(${JSON.stringify(write("a.ts", text))})`], { encoding: "utf8", env: { ...process.env, TRANSPILED_TS_CACHE: folder } });
        assert.strictEqual(run.status, 0, run.stderr);
        const entries = fs.readdirSync(folder);
        assert.deepStrictEqual(entries, [path.basename(entryOf(text))]);
        assert.match(fs.readFileSync(path.join(folder, entries[0]), "utf8"), /answer = 5/);
        assert.ok(!fs.existsSync(entryOf(text)), "nothing is written to the default folder");
    });

    it("still transpiles when the entry cannot be written", () => {
        const text = source(42);
        // A directory where the entry should be: reading and writing it fail, the code is still returned.
        fs.mkdirSync(entryOf(text), { recursive: true });
        written.push(text);
        assert.match(transpile(write("a.ts", text)), /answer = 42/);
    });

    it("at a first miss on a repository file, writes every source of the repository at once, each byte for byte what a file alone gives", function () {
        this.timeout(budget(8000));
        const folder = path.join(dir, "cache");
        const run = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(loader)}).transpile(${JSON.stringify(path.join(root, "scripts/plan.ts"))})`], { encoding: "utf8", env: { ...process.env, TRANSPILED_TS_CACHE: folder } });
        assert.strictEqual(run.status, 0, run.stderr);
        const sources = sourcesOf(root);
        assert.ok(sources.length > 200 && sources.every((f) => !/[\\/](node_modules|tests?)[\\/]/.test(path.relative(root, f))), "the repository's sources, no tests or dependencies");
        for (const dirName of ["components", "stacks", "edge", "apps", "policy", "scripts"]) {
            assert.ok(sources.some((f) => f.startsWith(path.join(root, dirName) + path.sep)), dirName);
        }
        const differing = sources.filter((file) => {
            const text = fs.readFileSync(file, "utf8");
            const entry = path.join(folder, path.basename(entryOf(text)));
            return !fs.existsSync(entry) || fs.readFileSync(entry, "utf8") !== transform(file, text, false).code;
        });
        assert.deepStrictEqual(differing, [], "entries missing or not what transform gives");
    });

    it("leaves a file that does not parse out of the one build, and only that file fails, with its own error, when it loads", () => {
        const good = write("good.ts", source(11));
        // esbuild names an anonymous default export after its file: the one build must read the real file.
        const anonymous = write("anonymous-default.ts", `export default class { n: number = ${process.pid}; }\n`);
        const broken = write("broken.ts", `export const = ${process.pid};\n`);
        const codes = transpileMissing([good, anonymous, broken]);
        const expected = new Map([good, anonymous].map((file) => [entryOf(fs.readFileSync(file, "utf8")), transform(file, fs.readFileSync(file, "utf8"), false).code]));
        assert.deepStrictEqual(codes, expected);
        assert.match(expected.get(entryOf(fs.readFileSync(anonymous, "utf8")))!, /anonymous_default/, "esbuild names the class after its file");
        assert.throws(() => transpile(broken), /broken\.ts/);
    });

    it("keeps a file's output from the one build only if the file did not change while esbuild read it, even back to its text", () => {
        const text = source(12);
        const file = write("a.ts", text);
        const hashed = { file, source: text, mtimeNs: fs.statSync(file, { bigint: true }).mtimeNs };
        assert.strictEqual(unchangedSince(hashed), true);
        fs.writeFileSync(file, source(13));
        assert.strictEqual(unchangedSince(hashed), false, "edited");
        fs.writeFileSync(file, text);
        const later = new Date(Date.now() + 5000);
        fs.utimesSync(file, later, later);
        assert.strictEqual(unchangedSince(hashed), false, "edited and undone: the same text, a later time");
        fs.rmSync(file);
        assert.strictEqual(unchangedSince(hashed), false, "removed");
    });
});
