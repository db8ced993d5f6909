import * as assert from "assert";
import fc from "fast-check";
import { FARGATE_CPU_VALUES, FARGATE_SIZES, fargateMemoryValues, fargateSizeProblem, isValidFargateSize, smallestFargateSize } from "../../components/mesh/fargate-sizes";

describe("fargate-sizes", () => {
    it("accepts the reference size 512 CPU / 1024 MiB and the documented row ends", () => {
        for (const [cpu, memory] of [[512, 1024], [256, 512], [256, 2048], [4096, 30720], [8192, 61440], [16384, 122880]]) {
            assert.ok(isValidFargateSize(cpu, memory), `${cpu}/${memory}`);
        }
    });

    it("refuses pairs between steps or outside a row, naming what the CPU value accepts", () => {
        assert.strictEqual(isValidFargateSize(256, 1536), false);
        assert.strictEqual(isValidFargateSize(512, 512), false);
        assert.strictEqual(isValidFargateSize(8192, 18432), false);
        assert.match(fargateSizeProblem(512, 512)!, /accepted with cpu 512: 1024, 2048, 3072, 4096 MiB/);
        assert.match(fargateSizeProblem(300, 1024)!, /cpu 300 is not a Fargate CPU value; accepted: 256, 512/);
    });

    it("every listed pair is valid and memory grows within a row", () => {
        for (const cpu of FARGATE_CPU_VALUES) {
            const values = fargateMemoryValues(cpu);
            assert.deepStrictEqual([...values].sort((a, b) => a - b), values);
        }
        assert.ok(FARGATE_SIZES.every((s) => isValidFargateSize(s.cpu, s.memory)));
    });

    it("the smallest size for a need is valid, covers it, and no cheaper-row pair covers it", () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 16384 }), fc.integer({ min: 1, max: 122880 }), (cpu, memory) => {
            const s = smallestFargateSize(cpu, memory);
            assert.ok(isValidFargateSize(s.cpu, s.memory));
            assert.ok(s.cpu >= cpu && s.memory >= memory);
            assert.ok(!FARGATE_SIZES.some((o) => o.cpu >= cpu && o.memory >= memory && (o.cpu < s.cpu || (o.cpu === s.cpu && o.memory < s.memory))));
        }));
        assert.throws(() => smallestFargateSize(20000, 1024), /no Fargate size/);
    });
});
