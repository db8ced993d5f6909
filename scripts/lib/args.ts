/** Reads `--env <env>` (or `--env=<env>`) from the command line; exits with usage when absent. */
export function envArgument(argv: readonly string[], usage: string): string {
    const i = argv.findIndex((a) => a === "--env" || a.startsWith("--env="));
    const value = i < 0 ? undefined : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
    if (!value || value.startsWith("--")) {
        console.error(`usage: ${usage}`);
        process.exit(2);
    }
    return value;
}
