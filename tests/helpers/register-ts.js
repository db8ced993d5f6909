// Loads the tests' TypeScript like scripts/lib/register-ts.js loads the plan's: esbuild, cached on
// disk (scripts/lib/transpile.js), no type-check (`npx tsc --noEmit -p .` does that) and no
// source-map hook on every stack trace. The Pulumi runtime captures a stack trace for each resource
// it registers, and mapping those through ts-node's source-map support doubled the suite's CPU
// time. Only the stacks a person reads (the failures the reporter prints) are mapped back to
// TypeScript lines, by `mapStack`.
"use strict";
const fs = require("fs");
const { SourceMap } = require("module");
const { register, transform } = require("../../scripts/lib/transpile");

register();

const maps = new Map();

function sourceMapOf(filename) {
    if (!maps.has(filename)) {
        let map = null;
        try {
            // The options are fixed, so the map matches the code that was loaded.
            map = new SourceMap(JSON.parse(transform(filename, fs.readFileSync(filename, "utf8"), "external").map));
        } catch {
            // A file that no longer reads or parses keeps its transpiled positions.
        }
        maps.set(filename, map);
    }
    return maps.get(filename);
}

/** `stack` with each `file.ts:line:column` of a transpiled file replaced by its TypeScript position. */
function mapStack(stack) {
    return stack.replace(/([^\s()]+\.ts):(\d+):(\d+)/g, (whole, filename, line, column) => {
        const entry = sourceMapOf(filename)?.findEntry(Number(line) - 1, Number(column) - 1);
        return entry && entry.originalLine !== undefined ? `${filename}:${entry.originalLine + 1}:${entry.originalColumn + 1}` : whole;
    });
}

module.exports = { mapStack };
