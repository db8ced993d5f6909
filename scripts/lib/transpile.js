// Transpiles one TypeScript file with esbuild (no type-check: tsc does that once, in CI), keeping
// the output on disk so that the next process loads it instead of transpiling again. Every plan,
// validator process and test run loads about 230 of the repository's files; transpiling them cost
// 0.4–0.8 s of each run, as much as the plan's own work. Entries are named by what they were made
// from (the source text, the options, esbuild's version), so a changed file can never be served
// stale code, and a git worktree of another commit (the diff's base) shares the entries of every
// file it has unchanged. Entries not used for a week are removed; `rm -rf
// node_modules/.cache/transpiled-ts` empties the cache. TRANSPILED_TS_CACHE names another folder
// (the bench points it at an empty one to time a first run).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const OPTIONS = { loader: "ts", format: "cjs", target: "node22" };
const cacheDir = process.env.TRANSPILED_TS_CACHE || path.resolve(__dirname, "../../node_modules/.cache/transpiled-ts");
// esbuild itself is loaded only on a cache miss: a warm run never starts its service.
const optionsKey = `${require("esbuild/package.json").version} ${JSON.stringify(OPTIONS)}`;
const DAY_MS = 24 * 3600 * 1000;
const MAX_AGE_MS = 7 * DAY_MS;

/** esbuild's output for `filename`, with an external source map when `sourcemap` is "external". */
function transform(filename, source, sourcemap) {
    return require("esbuild").transformSync(source, { ...OPTIONS, sourcefile: filename, sourcemap });
}

/** The cache entry of a source text. Without a source map, esbuild's output depends on nothing else. */
function entryOf(source) {
    return path.join(cacheDir, `${crypto.createHash("sha256").update(`${optionsKey}\n${source}`).digest("hex")}.js`);
}

/** Reading does not change a file's time, so an entry in use is touched once a day: pruning goes by that time. */
function keepFresh(entry) {
    try {
        if (fs.statSync(entry).mtimeMs < Date.now() - DAY_MS) {
            const now = new Date();
            fs.utimesSync(entry, now, now);
        }
    } catch {
        // Removed meanwhile, or a read-only cache: nothing to keep.
    }
}

let pruned = false;

/** Once per process that writes an entry: removes the entries not used for MAX_AGE_MS (edited-away sources). */
function prune() {
    if (pruned) {
        return;
    }
    pruned = true;
    const cutoff = Date.now() - MAX_AGE_MS;
    for (const name of fs.readdirSync(cacheDir)) {
        const file = path.join(cacheDir, name);
        try {
            if (fs.statSync(file).mtimeMs < cutoff) {
                fs.rmSync(file, { force: true });
            }
        } catch {
            // Removed by another process meanwhile.
        }
    }
}

/** The JavaScript of `filename`: from the cache when the same source was transpiled before. */
function transpile(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const entry = entryOf(source);
    try {
        const cached = fs.readFileSync(entry, "utf8");
        // An empty entry is what a crash between write and rename could leave: transpiled again.
        if (cached.length > 0) {
            keepFresh(entry);
            return cached;
        }
    } catch {
        // Not transpiled yet.
    }
    const { code } = transform(filename, source, false);
    // Written whole under a temporary name, then renamed: a process reading concurrently finds no
    // entry or the whole of it, never a part.
    const temporary = `${entry}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
        fs.mkdirSync(cacheDir, { recursive: true });
        fs.writeFileSync(temporary, code);
        fs.renameSync(temporary, entry);
        prune();
    } catch {
        // A read-only checkout still runs, transpiling every time.
        fs.rmSync(temporary, { force: true });
    }
    return code;
}

/** Makes `require` load `.ts` files through `transpile`. */
function register() {
    require.extensions[".ts"] = function compileTypeScript(module, filename) {
        module._compile(transpile(filename), filename);
    };
}

module.exports = { entryOf, register, transform, transpile };
