import * as assert from "assert";
import fc from "fast-check";
import { azNumber } from "../../components/network/az-ids";
import { blockSize, contains, formatCidr, MAX_AZ_NUMBER, overlaps, parseCidr, planSubnets, subnetCidr, SUBNET_TIERS, SubnetTier, usableAddresses } from "../../components/network/cidr";

/** A random VPC: a network address aligned to a random prefix from /16 to /22 inside 10.0.0.0/8. */
const vpcArb = fc.integer({ min: 16, max: 22 }).chain((prefix) =>
    fc.integer({ min: 0, max: 2 ** (prefix - 8) - 1 }).map((block) => formatCidr({ base: 10 * 2 ** 24 + block * blockSize(prefix), prefix })),
);
/** A random non-empty set of AZ IDs of us-east-1, in random order. */
const azsArb = fc.uniqueArray(fc.integer({ min: 1, max: MAX_AZ_NUMBER }), { minLength: 1, maxLength: MAX_AZ_NUMBER }).map((ns) => ns.map((n) => `use1-az${n}`));
const tiersArb = fc.subarray([...SUBNET_TIERS], { minLength: 1 });

describe("CIDR allocator", () => {
    it("never gives two subnets overlapping ranges, and keeps every subnet inside the VPC", () => {
        fc.assert(
            fc.property(vpcArb, azsArb, tiersArb, (vpc, azs, tiers) => {
                const specs = planSubnets(vpc, azs, tiers, azNumber);
                const cidrs = specs.map((s) => parseCidr(s.cidr));
                cidrs.forEach((a, i) => {
                    assert.ok(contains(parseCidr(vpc), a), `${formatCidr(a)} outside ${vpc}`);
                    cidrs.slice(i + 1).forEach((b) => assert.ok(!overlaps(a, b), `${formatCidr(a)} overlaps ${formatCidr(b)}`));
                });
                assert.strictEqual(specs.length, azs.length * tiers.length);
            }),
        );
    });

    it("keeps every existing subnet's range when AZs are added, removed or reordered, or a tier is turned on", () => {
        fc.assert(
            fc.property(vpcArb, azsArb, azsArb, tiersArb, (vpc, before, extra, tiersBefore) => {
                const after = [...new Set([...extra, ...before])].reverse();
                const byKey = (azs: string[], tiers: SubnetTier[]) => new Map(planSubnets(vpc, azs, tiers, azNumber).map((s) => [s.key, s.cidr]));
                const old = byKey(before, tiersBefore);
                const now = byKey(after, [...SUBNET_TIERS]);
                for (const [key, cidr] of old) {
                    assert.strictEqual(now.get(key), cidr, `${key} moved`);
                }
            }),
        );
    });

    it("lays a /16 out as /20 private, /21 isolated and /22 public subnets in fixed blocks", () => {
        const vpc = parseCidr("10.20.0.0/16");
        assert.strictEqual(formatCidr(subnetCidr(vpc, "private", 1)), "10.20.0.0/20");
        assert.strictEqual(formatCidr(subnetCidr(vpc, "private", 2)), "10.20.16.0/20");
        assert.strictEqual(formatCidr(subnetCidr(vpc, "isolated", 1)), "10.20.128.0/21");
        assert.strictEqual(formatCidr(subnetCidr(vpc, "public", 4)), "10.20.204.0/22");
        assert.strictEqual(usableAddresses(subnetCidr(vpc, "private", 1)), 4091);
    });

    it("refuses a VPC too large or too small to divide, naming the accepted prefixes", () => {
        assert.throws(() => subnetCidr(parseCidr("10.0.0.0/15"), "private", 1), /\/16 to \/22/);
        assert.throws(() => subnetCidr(parseCidr("10.0.0.0/23"), "private", 1), /\/16 to \/22/);
    });

    it("refuses an AZ number with no slot left (exhaustion)", () => {
        assert.throws(() => subnetCidr(parseCidr("10.0.0.0/16"), "private", MAX_AZ_NUMBER + 1), /no slot/);
        assert.throws(() => planSubnets("10.0.0.0/16", ["use1-az9"], ["private"], azNumber), /no slot/);
    });

    it("refuses the same AZ twice", () => {
        assert.throws(() => planSubnets("10.0.0.0/16", ["use1-az1", "use1-az1"], ["private"], azNumber), /repeats AZ number 1/);
    });

    it("parses only well-formed network addresses", () => {
        assert.throws(() => parseCidr("10.0.0/16"), /not an IPv4 CIDR/);
        assert.throws(() => parseCidr("10.0.0.256/16"), /above 255/);
        assert.throws(() => parseCidr("10.0.0.0/33"), /above \/32/);
        assert.throws(() => parseCidr("10.0.1.0/16"), /host bits set; the network address is 10.0.0.0\/16/);
        assert.deepStrictEqual(parseCidr("192.168.0.0/16"), { base: 192 * 2 ** 24 + 168 * 2 ** 16, prefix: 16 });
    });
});
