/**
 * Imported first by scripts/plan.ts, so that the validator's process of `--validate` (AWS's validator,
 * seconds to load) and the worker threads of `--diff` (the base plan) and of the
 * request-path analysis (the apps' route tables) start before the plan loads the Pulumi SDK and the
 * programs, which takes seconds too.
 */
import * as path from "path";
import { prefetchRouteTables } from "../analysis/route-tables";
import { planWithoutAnalyses } from "./plan-baseline";
import { discoverProjects } from "./projects";
import type { PendingDiff } from "../diff/command";
import { PipelinedValidation, startValidation } from "../validate/pipeline";

const argv = process.argv.slice(2);
const envAt = argv.indexOf("--env");
const env = envAt >= 0 ? argv[envAt + 1] : argv.find((a) => a.startsWith("--env="))?.slice("--env=".length);

export const validation: PipelinedValidation | undefined = argv.includes("--validate") ? startValidation() : undefined;

function diffOrFailure(): PendingDiff | undefined {
    if (!argv.includes("--diff")) {
        return undefined;
    }
    // Loaded only for --diff, after the validator's worker has started: the diff's modules take a second to load.
    const { startDiff } = require("../diff/command") as typeof import("../diff/command");
    try {
        return env === undefined || env.startsWith("--") ? undefined : startDiff(path.resolve(__dirname, "../.."), env, argv);
    } catch (e) {
        // A bad --diff argument fails the plan with its message, like any other failure.
        return { finish: () => Promise.reject(e) };
    }
}

export const diff: PendingDiff | undefined = diffOrFailure();

function prefetchServiceRoutes(): void {
    const root = path.resolve(__dirname, "../..");
    let services: string[];
    try {
        services = discoverProjects(root).filter((p) => p.kind === "service").map((p) => p.name);
    } catch {
        // A broken project file: the plan itself reports it, naming the file.
        return;
    }
    prefetchRouteTables(root, services);
}

if (!planWithoutAnalyses()) {
    prefetchServiceRoutes();
}
