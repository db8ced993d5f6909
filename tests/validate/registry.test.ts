import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Mapping } from "../../scripts/validate/mapping";
import { MAPPINGS, REGISTRY } from "../../scripts/validate/mappings";

const MAPPINGS_DIR = path.resolve(__dirname, "../../scripts/validate/mappings");

function mappingFiles(dir = MAPPINGS_DIR): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? mappingFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") && e.name !== "index.ts" ? [path.relative(MAPPINGS_DIR, path.join(dir, e.name))] : []);
}

function isMapping(value: unknown): value is Mapping {
    return typeof value === "object" && value !== null && typeof (value as Mapping).pulumiType === "string";
}

describe("the mapping registry", () => {
    it("lists every mapping that a file under scripts/validate/mappings exports", () => {
        const registered = new Set<Mapping>(MAPPINGS);
        const missing = mappingFiles().flatMap((file) =>
            Object.entries(require(path.join(MAPPINGS_DIR, file)) as Record<string, unknown>)
                .filter(([, value]) => isMapping(value) && !registered.has(value))
                .map(([name]) => `${file}: ${name}`));
        assert.deepStrictEqual(missing, []);
    });

    it("has a test file for every mapping file", () => {
        const untested = mappingFiles().filter((file) => !fs.existsSync(path.join(__dirname, "mappings", file.replace(/\.ts$/, ".test.ts"))));
        assert.deepStrictEqual(untested, []);
    });

    it("maps each Pulumi type once", () => {
        const types = MAPPINGS.flatMap((m) => [m.pulumiType, ...(m.aliasTypes ?? [])]);
        assert.strictEqual(REGISTRY.size, types.length);
    });
});
