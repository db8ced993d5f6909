import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { runStackUnderMocks } from "../../scripts/lib/mock-runtime";
import { effectiveAliases, matchIdentities } from "../../scripts/diff/identity";
import type { PlannedResource } from "../../scripts/validate/plan";

function resource(urn: string, extra: Partial<PlannedResource> = {}): PlannedResource {
    const parts = urn.split("::");
    return { urn, type: parts[2].split("$").pop()!, name: parts[3], custom: true, inputs: {}, state: {}, protect: false, retainOnDelete: false, dependsOn: [], ...extra };
}

describe("resource identity in the diff", () => {
    const oldParent = "urn:pulumi:prod::app::platform:data:DataTier::orders";
    const newParent = "urn:pulumi:prod::app::platform:data:DataTier::orders-data";
    const oldTable = "urn:pulumi:prod::app::platform:data:DataTier$aws:dynamodb/table:Table::orders-table";
    const newTable = "urn:pulumi:prod::app::platform:data:DataTier$aws:dynamodb/table:Table::orders-data-table";

    it("gives a child the aliases of its renamed parent, following the parent's name in its own", () => {
        const head = [resource(newParent, { custom: false, aliases: [oldParent] }), resource(newTable, { parent: newParent })];
        assert.deepStrictEqual(effectiveAliases(head).get(newTable), [oldTable]);
    });

    it("pairs renamed resources through aliases and leaves the others unpaired (a delete and a create)", () => {
        const base = [resource(oldParent, { custom: false }), resource(oldTable, { parent: oldParent })];
        const aliased = [resource(newParent, { custom: false, aliases: [oldParent] }), resource(newTable, { parent: newParent })];
        assert.deepStrictEqual([...matchIdentities(base, aliased)], [[newParent, oldParent], [newTable, oldTable]]);
        const plain = [resource(newParent, { custom: false }), resource(newTable, { parent: newParent })];
        assert.deepStrictEqual([...matchIdentities(base, plain)], []);
    });

    it("does not let an alias claim a URN that the new plan still has", () => {
        const base = [resource(oldTable)];
        const head = [resource(oldTable), resource(newTable, { aliases: [oldTable] })];
        assert.deepStrictEqual([...matchIdentities(base, head)], [[oldTable, oldTable]]);
    });
});

describe("aliases recorded by the plan", () => {
    it("records a component's alias spec as the URN it stands for", async () => {
        const run = await runStackUnderMocks({
            project: "app",
            stack: "prod",
            config: { "aws:region": "us-east-1" },
            program: () => {
                new pulumi.ComponentResource("platform:data:DataTier", "orders-data", {}, { aliases: [{ name: "orders" }] });
                return {};
            },
        });
        const tier = run.resources.find((r) => r.type === "platform:data:DataTier")!;
        assert.deepStrictEqual(tier.aliases, ["urn:pulumi:prod::app::pulumi:pulumi:Stack$platform:data:DataTier::orders"]);
        assert.strictEqual(tier.urn, "urn:pulumi:prod::app::pulumi:pulumi:Stack$platform:data:DataTier::orders-data");
    });
});
