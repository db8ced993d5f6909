// Loads TypeScript for the offline plan and the benchmark through esbuild (scripts/lib/transpile.js,
// cached on disk). No source-map hook: ts-node's source-map support costs more than the plan
// itself here, because the Pulumi runtime captures a full stack trace for every resource it
// registers; stack traces of the plan point at the transpiled code instead.
"use strict";
require("./transpile").register();
