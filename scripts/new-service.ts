/**
 * `npm run new-service -- <name> [--calls a,b] [--path /api/v1/<x>] [--table <Name>:<pk>[:<sk>]]`:
 * writes apps/<name>/ and registers the service in every environment's platform and edge stack
 * files (scripts/lib/new-service.ts), then prints what it did and what to run next.
 */
import * as path from "path";
import { newService, parseTableArgument } from "./lib/new-service";

const USAGE = "npm run new-service -- <name> [--calls a,b] [--path /api/v1/<x>] [--table <Name>:<pk>[:<sk>]]";

function option(argv: string[], flag: string): string | undefined {
    const i = argv.indexOf(flag);
    if (i < 0) {
        return undefined;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) {
        throw new Error(`${flag} needs a value`);
    }
    return value;
}

try {
    const argv = process.argv.slice(2);
    const name = argv[0];
    if (name === undefined || name.startsWith("--")) {
        console.error(`usage: ${USAGE}`);
        process.exit(2);
    }
    const calls = option(argv, "--calls");
    const table = option(argv, "--table");
    const result = newService(path.resolve(__dirname, ".."), {
        name,
        calls: calls ? calls.split(",").map((c) => c.trim()).filter((c) => c !== "") : [],
        path: option(argv, "--path"),
        table: table ? parseTableArgument(table) : undefined,
    });
    console.log(`service ${name}, environments ${result.environments.join(", ")}`);
    result.created.forEach((f) => console.log(`  created  ${f}`));
    result.updated.forEach((f) => console.log(`  updated  ${f}`));
    console.log(`\nnext: npm run plan -- --env ${result.environments[0] ?? "dev"}   (then npm test; write the API in apps/${name}/src/server.ts)`);
} catch (e) {
    console.error(`new-service: ${(e as Error).message}`);
    process.exit(1);
}
