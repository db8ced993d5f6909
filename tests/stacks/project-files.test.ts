import * as assert from "assert";
import * as path from "path";
import { readProject, readStackConfig } from "../../scripts/lib/stack-config";
import { PLATFORM_CONFIG_KEYS, PLATFORM_PROJECT } from "../../stacks/platform/config";

const ROOT = path.resolve(__dirname, "../..");

describe("platform project files", () => {
    const project = readProject(ROOT);
    const declared = project.config as Record<string, { type?: string; default?: unknown; description?: string }>;

    it("declares, with a type, a default and a description, exactly the keys the program reads", () => {
        assert.strictEqual(project.name, PLATFORM_PROJECT);
        assert.deepStrictEqual(Object.keys(declared).sort(), [...PLATFORM_CONFIG_KEYS].sort());
        for (const [key, decl] of Object.entries(declared)) {
            assert.ok(decl.type, `${key} has no type`);
            assert.notStrictEqual(decl.default, undefined, `${key} has no default`);
            assert.ok((decl.description ?? "").length > 20, `${key} has no real description`);
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`sets in Pulumi.${stack}.yaml only declared keys and the AWS region`, () => {
            const config = readStackConfig(ROOT, stack);
            const unknown = Object.keys(config).filter((k) => k !== "aws:region" && !(k.startsWith(`${PLATFORM_PROJECT}:`) && k.slice(PLATFORM_PROJECT.length + 1) in declared));
            assert.deepStrictEqual(unknown, []);
            assert.ok(config["aws:region"], "the stack sets aws:region");
        });
    }
});
