import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { readProject, readStackConfig } from "../../scripts/lib/stack-config";
import { EDGE_CONFIG_KEYS, EDGE_PROJECT } from "../../stacks/edge/config";
import { PLATFORM_CONFIG_KEYS, PLATFORM_PROJECT } from "../../stacks/platform/config";

const ROOT = path.resolve(__dirname, "../..");

/** Each project whose program reads its own config namespace: its folder, name and the keys the program reads. */
const PROJECTS = [
    { what: "platform", dir: ROOT, name: PLATFORM_PROJECT, keys: PLATFORM_CONFIG_KEYS },
    { what: "edge", dir: path.join(ROOT, "edge"), name: EDGE_PROJECT, keys: EDGE_CONFIG_KEYS },
];

for (const { what, dir, name, keys } of PROJECTS) {
    describe(`${what} project files`, () => {
        const project = readProject(dir);
        const declared = project.config as Record<string, { type?: string; default?: unknown; description?: string }>;

        it("declares, with a type, a default and a description, exactly the keys the program reads", () => {
            assert.strictEqual(project.name, name);
            assert.deepStrictEqual(Object.keys(declared).sort(), [...keys].sort());
            for (const [key, decl] of Object.entries(declared)) {
                assert.ok(decl.type, `${key} has no type`);
                assert.notStrictEqual(decl.default, undefined, `${key} has no default`);
                assert.ok((decl.description ?? "").length > 20, `${key} has no real description`);
            }
        });

        for (const stack of ["dev", "prod"]) {
            it(`sets in Pulumi.${stack}.yaml only declared keys and the AWS region`, () => {
                const config = readStackConfig(dir, stack);
                const unknown = Object.keys(config).filter((k) => k !== "aws:region" && !(k.startsWith(`${name}:`) && k.slice(name.length + 1) in declared));
                assert.deepStrictEqual(unknown, []);
                assert.ok(config["aws:region"], "the stack sets aws:region");
            });
        }
    });
}

describe("edge project files", () => {
    it("has the entry point and TypeScript config of a project folder: one call into stacks/edge/program.ts", () => {
        const dir = path.join(ROOT, "edge");
        assert.strictEqual(readProject(dir).main, "index.ts");
        assert.match(fs.readFileSync(path.join(dir, "index.ts"), "utf8"), /from "\.\.\/stacks\/edge\/program";\s+export = \(\) => edgeProgram\(\);/);
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")), { extends: "../tsconfig.json" });
    });
});
