import * as esbuild from "esbuild";
import * as path from "path";

/** Source of the authorizer Lambda, relative to this file. */
export const AUTHORIZER_ENTRY = path.resolve(__dirname, "../../apps/authorizer/src/handler.ts");

/** The Lambda runtime the bundle targets; esbuild's `target` follows it. */
export const AUTHORIZER_RUNTIME = "nodejs22.x";

let bundled: string | undefined;

/**
 * Bundles the authorizer (with `jose`) into one CommonJS file at program time, so a deployment can
 * never ship stale or unbuilt code. Deterministic for the same sources, so an unchanged authorizer
 * produces no diff. Memoised: one build per process.
 */
export function authorizerBundle(): string {
    if (bundled === undefined) {
        const result = esbuild.buildSync({
            entryPoints: [AUTHORIZER_ENTRY],
            bundle: true,
            platform: "node",
            target: "node22",
            format: "cjs",
            minify: true,
            legalComments: "none",
            write: false,
        });
        bundled = result.outputFiles[0].text;
    }
    return bundled;
}
