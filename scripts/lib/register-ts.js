// Loads TypeScript for the offline plan and the benchmark by transpiling each file with esbuild:
// no type-check (tsc does that once, in CI) and no source-map hook. ts-node's source-map support
// costs more than the plan itself here, because the Pulumi runtime captures a full stack trace for
// every resource it registers; stack traces of the plan point at the transpiled code instead.
"use strict";
const esbuild = require("esbuild");
const fs = require("fs");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
    const { code } = esbuild.transformSync(fs.readFileSync(filename, "utf8"), { loader: "ts", format: "cjs", target: "node20", sourcefile: filename });
    module._compile(code, filename);
};
