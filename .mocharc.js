// Mocha's configuration. Files named on the command line (`npm test -- <file or glob>`, `npx mocha
// <file>`) replace the default spec: mocha itself would add them to a configured spec and run all.
"use strict";
const { loadOptions } = require("mocha/lib/cli/options");
const { budget } = require("./tests/helpers/budget");

const DEFAULT_SPEC = ["tests/**/*.test.ts", "apps/*/test/**/*.test.ts"];
const named = loadOptions([...process.argv.slice(2), "--no-config", "--no-package"])._;

module.exports = {
    require: ["tests/helpers/register-ts.js"],
    spec: named.length > 0 ? [] : DEFAULT_SPEC,
    extension: ["ts"],
    // Tests and hooks without their own: none takes 3 s on an idle machine (see the slowest ten).
    timeout: budget(3000),
    reporter: "tests/helpers/reporter.ts",
    // The run ends when the last test has: a suite whose setup failed half-way cannot keep it open
    // with a server or socket it never got to close (servers.ts ends its server processes on exit).
    exit: true,
};
