import * as assert from "assert";
import { attributeDefinitions, gsiBlocks, TableSpec, tableSpecProblems } from "../../components/data/table-spec";
import { SAMPLE_TABLE } from "./fixtures";

describe("table spec", () => {
    it("the reference Entities table is valid and has the D1 keys and index", () => {
        assert.deepStrictEqual(tableSpecProblems(SAMPLE_TABLE, "tables[0]"), []);
        assert.strictEqual(SAMPLE_TABLE.name, "Entities");
        assert.strictEqual(SAMPLE_TABLE.partitionKey, "pk");
        assert.strictEqual(SAMPLE_TABLE.sortKey, "sk");
    });

    it("defines exactly the key attributes, leaving the projected non-key attribute out (DynamoDB rejects unused definitions)", () => {
        assert.deepStrictEqual(attributeDefinitions(SAMPLE_TABLE), [
            { name: "pk", type: "S" },
            { name: "sk", type: "S" },
            { name: "name", type: "S" },
        ]);
    });

    it("builds NameIndex on name with an INCLUDE projection of attributes and no capacity when on-demand", () => {
        assert.deepStrictEqual(gsiBlocks(SAMPLE_TABLE), [{
            name: "NameIndex",
            keySchemas: [{ attributeName: "name", keyType: "HASH" }],
            projectionType: "INCLUDE",
            nonKeyAttributes: ["attributes"],
            readCapacity: undefined,
            writeCapacity: undefined,
        }]);
    });

    it("gives GSIs the minimum capacity when provisioned", () => {
        const spec: TableSpec = { ...SAMPLE_TABLE, billingMode: "PROVISIONED", capacity: { read: { min: 5, max: 10_000 }, write: { min: 3, max: 10_000 } } };
        assert.deepStrictEqual(tableSpecProblems(spec, "t"), []);
        assert.strictEqual(gsiBlocks(spec)[0].readCapacity, 5);
        assert.strictEqual(gsiBlocks(spec)[0].writeCapacity, 3);
    });

    const problem = (spec: TableSpec) => tableSpecProblems(spec, "tables[0]").join("\n");

    it("refuses a GSI that projects an attribute the spec does not declare", () => {
        const spec: TableSpec = { ...SAMPLE_TABLE, globalSecondaryIndexes: [{ name: "NameIndex", partitionKey: "name", projection: { type: "INCLUDE", include: ["attributes", "color"] } }] };
        assert.match(problem(spec), /tables\[0\]\.globalSecondaryIndexes\[0\]\.projection\.include .*not declared: color/);
    });

    it("refuses a GSI keyed on an undeclared attribute or on a map", () => {
        assert.match(problem({ ...SAMPLE_TABLE, globalSecondaryIndexes: [{ name: "ByOwner", partitionKey: "owner", projection: { type: "ALL" } }] }), /globalSecondaryIndexes\[0\]\.partitionKey = "owner".*declared/);
        assert.match(problem({ ...SAMPLE_TABLE, partitionKey: "attributes" }), /tables\[0\]\.partitionKey = "attributes".*type S, N or B/);
    });

    it("refuses provisioned capacity together with on-demand billing", () => {
        assert.match(problem({ ...SAMPLE_TABLE, capacity: { read: { min: 1, max: 10 }, write: { min: 1, max: 10 } } }), /tables\[0\]\.capacity = .*PAY_PER_REQUEST/);
        assert.match(problem({ ...SAMPLE_TABLE, billingMode: "PAY_PER_REQUEST", capacity: { read: { min: 1, max: 10 }, write: { min: 1, max: 10 } } }), /tables\[0\]\.capacity/);
    });

    it("refuses PROVISIONED without capacity and ranges beyond the table quota", () => {
        assert.match(problem({ ...SAMPLE_TABLE, billingMode: "PROVISIONED" }), /tables\[0\]\.capacity = undefined/);
        assert.match(problem({ ...SAMPLE_TABLE, billingMode: "PROVISIONED", capacity: { read: { min: 5, max: 50_000 }, write: { min: 5, max: 10 } } }), /capacity\.read .*40000/);
    });

    it("refuses duplicate index names and INCLUDE without attributes", () => {
        const gsi = { name: "NameIndex", partitionKey: "name", projection: { type: "ALL" as const } };
        assert.match(problem({ ...SAMPLE_TABLE, globalSecondaryIndexes: [gsi, gsi] }), /globalSecondaryIndexes\[1\]\.name/);
        assert.match(problem({ ...SAMPLE_TABLE, globalSecondaryIndexes: [{ ...gsi, projection: { type: "INCLUDE" } }] }), /projection\.include/);
    });
});
