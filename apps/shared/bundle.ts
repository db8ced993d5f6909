/**
 * Bundles a service into one file with esbuild: what the image's build stage runs
 * (`node_modules/.bin/ts-node --transpile-only apps/shared/bundle.ts <service> <outdir>`), and what the
 * bundle test runs, so the tested bundle is built exactly like the shipped one.
 */
import { build, BuildResult } from "esbuild";
import * as path from "path";

/** Node version the images run (apps/<service>/Dockerfile's runtime stage). */
export const RUNTIME_TARGET = "node22";

export async function bundleService(service: string, outdir: string): Promise<BuildResult> {
    return build({
        entryPoints: [path.resolve(__dirname, "..", service, "src", "main.ts")],
        outfile: path.join(outdir, "main.js"),
        bundle: true,
        platform: "node",
        target: RUNTIME_TARGET,
        format: "cjs",
        sourcemap: "linked",
        minifySyntax: true,
        // pg's optional native binding is never installed; pg falls back to its JS client.
        external: ["pg-native"],
        logLevel: "warning",
        legalComments: "linked",
    });
}

if (require.main === module) {
    const [service, outdir] = process.argv.slice(2);
    if (!service || !outdir) {
        console.error("usage: ts-node apps/shared/bundle.ts <service> <outdir>");
        process.exit(2);
    }
    bundleService(service, path.resolve(outdir)).catch((err) => {
        console.error(err);
        process.exit(1);
    });
}
