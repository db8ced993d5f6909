import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_REFERENCE, generatedFiles } from "../../scripts/lib/generated";
import { discoverProjects } from "../../scripts/lib/projects";
import { readProject } from "../../scripts/lib/stack-config";

const ROOT = path.resolve(__dirname, "../..");

describe("generated files are current (npm run generate rewrites them)", () => {
    for (const file of generatedFiles(ROOT)) {
        it(file.path, () => {
            assert.strictEqual(fs.readFileSync(path.join(ROOT, file.path), "utf8"), file.content, `${file.path} is stale: run npm run generate`);
        });
    }

    it("the config reference has a row for every key every project declares", () => {
        const reference = fs.readFileSync(path.join(ROOT, CONFIG_REFERENCE), "utf8");
        for (const p of discoverProjects(ROOT)) {
            const namespace = p.kind === "service" ? "<service>" : p.name;
            for (const key of Object.keys(readProject(p.dir).config ?? {})) {
                assert.ok(reference.includes(`| \`${namespace}:${key}\` |`), `${namespace}:${key} missing from ${CONFIG_REFERENCE}`);
            }
        }
    });
});
