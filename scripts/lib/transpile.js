// Transpiles one TypeScript file with esbuild (no type-check: tsc does that once, in CI), keeping
// the output on disk so that the next process loads it instead of transpiling again. Every plan,
// validator process and test run loads about 230 of the repository's files; transpiling them cost
// 0.4–0.8 s of each run, as much as the plan's own work. Entries are named by what they were made
// from (the source text, the options, esbuild's version), so a changed file can never be served
// stale code, and a git worktree of another commit (the diff's base) shares the entries of every
// file it has unchanged. A process's first miss transpiles every source of the repository that has
// no entry, in one build (`batchOnce`). Entries not used for a week are removed; `rm -rf
// node_modules/.cache/transpiled-ts` empties the cache. TRANSPILED_TS_CACHE names another folder
// (the bench points it at an empty one to time a first run).
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const OPTIONS = { loader: "ts", format: "cjs", target: "node22" };
const cacheDir = path.resolve(process.env.TRANSPILED_TS_CACHE || path.join(__dirname, "../../node_modules/.cache/transpiled-ts"));
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
    const batch = batchOnce(filename);
    for (const [batchEntry, batchCode] of batch) {
        store(batchEntry, batchCode);
    }
    if (batch.has(entry)) {
        return batch.get(entry);
    }
    const { code } = transform(filename, source, false);
    store(entry, code);
    return code;
}

/** Writes an entry whole under a temporary name, then renames it: a concurrent reader finds no entry or all of it. */
function store(entry, code) {
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
}

const root = path.resolve(__dirname, "../..");
const SKIPPED_DIRS = new Set(["node_modules", "test", "tests"]);
let batched = false;

/**
 * The TypeScript under `dir` outside tests, dependencies and hidden folders: what plans, workers and
 * the validator load. A folder that cannot be read is skipped: loading a file must not depend on it.
 */
function sourcesOf(dir, found = []) {
    let items;
    try {
        items = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
        return found;
    }
    for (const item of items) {
        const file = path.join(dir, item.name);
        if (item.isDirectory() && !item.name.startsWith(".") && !SKIPPED_DIRS.has(item.name)) {
            sourcesOf(file, found);
        } else if (item.isFile() && item.name.endsWith(".ts") && !item.name.endsWith(".d.ts")) {
            found.push(file);
        }
    }
    return found;
}

/**
 * The code of each of `files` that has no entry yet, keyed by its entry, from one esbuild build: byte
 * for byte what `transform` makes (the same options, no tsconfig, no platform footer; a test checks
 * every source). esbuild reads the files again, so an output is kept only if its file has the same
 * modification time and text after the build as when it was hashed: a file edited meanwhile cannot
 * put its new code under its old text's entry, even when the edit is undone, since that moves the
 * time on. Files that do not parse are left out, and fail with their own error when they load.
 */
function transpileMissing(files) {
    const missing = [];
    const entries = new Set();
    for (const file of files) {
        try {
            const { mtimeNs } = fs.statSync(file, { bigint: true });
            const source = fs.readFileSync(file, "utf8");
            const entry = entryOf(source);
            if (!entries.has(entry) && !fs.existsSync(entry)) {
                entries.add(entry);
                missing.push({ file, source, entry, mtimeNs });
            }
        } catch {
            // Removed meanwhile: not needed.
        }
    }
    const codes = new Map();
    let pending = missing.map((_, i) => i);
    // A second build without the files the first one named as broken: one work-in-progress file
    // does not send every other file back to being transpiled alone.
    for (let attempt = 0; attempt < 2 && pending.length > 0; attempt++) {
        try {
            const { outputFiles } = require("esbuild").buildSync({
                entryPoints: pending.map((i) => ({ in: missing[i].file, out: String(i) })),
                outdir: cacheDir, write: false, logLevel: "silent",
                format: OPTIONS.format, target: OPTIONS.target, tsconfigRaw: {},
            });
            for (const out of outputFiles) {
                const item = missing[Number(path.basename(out.path, ".js"))];
                if (unchangedSince(item)) {
                    codes.set(item.entry, out.text);
                }
            }
            break;
        } catch (e) {
            const broken = new Set((e.errors ?? []).flatMap((error) => (error.location ? [path.resolve(error.location.file)] : [])));
            pending = broken.size === 0 ? [] : pending.filter((i) => !broken.has(missing[i].file));
        }
    }
    return codes;
}

/** Whether `file` still has the modification time and the text it had when it was hashed. */
function unchangedSince({ file, source, mtimeNs }) {
    try {
        return fs.statSync(file, { bigint: true }).mtimeNs === mtimeNs && fs.readFileSync(file, "utf8") === source;
    } catch {
        return false;
    }
}

/**
 * At a process's first miss on a file of this repository, every source of the repository without an
 * entry, in one build. After a clone, a pull or an esbuild upgrade a plan needs ~220 files: one call
 * each, plus an esbuild service in each worker thread and child process that missed too, cost ~0.6 s
 * of a first run; one build that transpiles in parallel costs about half, and leaves nothing for the
 * workers to transpile. After an edit, the walk and the hashing cost ~20 ms, less than starting
 * esbuild, which the miss needs anyway.
 */
function batchOnce(filename) {
    if (batched || path.relative(root, filename).startsWith("..")) {
        return new Map();
    }
    batched = true;
    return transpileMissing(sourcesOf(root));
}

/** Makes `require` load `.ts` files through `transpile`. */
function register() {
    require.extensions[".ts"] = function compileTypeScript(module, filename) {
        module._compile(transpile(filename), filename);
    };
}

module.exports = { entryOf, register, sourcesOf, transform, transpile, transpileMissing, unchangedSince };
