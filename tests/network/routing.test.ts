import * as assert from "assert";
import { natGatewayAzs, needsPublicTier, planRouteTables } from "../../components/network/egress";
import { naclRules } from "../../components/network/nacl-rules";
import { planTierRules } from "../../components/network/security-tiers";

const AZS = ["use1-az1", "use1-az2", "use1-az4"];

describe("egress and route tables", () => {
    it("places no NAT gateway for none, one for single-nat and one per AZ for nat-per-az", () => {
        assert.deepStrictEqual(natGatewayAzs(AZS, "none"), []);
        assert.deepStrictEqual(natGatewayAzs(AZS, "single-nat"), ["use1-az1"]);
        assert.deepStrictEqual(natGatewayAzs(AZS, "nat-per-az"), AZS);
        assert.strictEqual(needsPublicTier("none"), false);
    });

    it("gives the isolated tier no default route in any mode", () => {
        for (const mode of ["none", "single-nat", "nat-per-az"] as const) {
            const isolated = planRouteTables(AZS, mode).filter((t) => t.tier === "isolated");
            assert.strictEqual(isolated.length, 1);
            assert.strictEqual(isolated[0].defaultRoute, undefined);
        }
    });

    it("routes each private table to its own AZ's NAT with nat-per-az, and all to the single NAT otherwise", () => {
        const perAz = planRouteTables(AZS, "nat-per-az").filter((t) => t.tier === "private");
        assert.deepStrictEqual(perAz.map((t) => t.defaultRoute), AZS.map((natAzId) => ({ kind: "nat-gateway", natAzId })));
        const single = planRouteTables(AZS, "single-nat").filter((t) => t.tier === "private");
        assert.ok(single.every((t) => t.defaultRoute?.kind === "nat-gateway" && t.defaultRoute.natAzId === "use1-az1"));
        const none = planRouteTables(AZS, "none");
        assert.ok(none.every((t) => t.defaultRoute === undefined));
        assert.ok(!none.some((t) => t.tier === "public"));
    });
});

describe("network ACL rules", () => {
    const ctx = {
        vpcCidr: "10.0.0.0/16",
        privateSubnets: [{ azNumber: 1, cidr: "10.0.0.0/20" }, { azNumber: 2, cidr: "10.0.16.0/20" }],
        isolatedSubnets: [{ azNumber: 1, cidr: "10.0.128.0/21" }, { azNumber: 2, cidr: "10.0.136.0/21" }],
        dataPorts: [5432, 6379],
        replicationPorts: [6379],
    };

    it("never repeats a rule number in one direction of a NACL", () => {
        for (const tier of ["public", "private", "isolated"] as const) {
            for (const egress of [false, true]) {
                const numbers = naclRules(tier, ctx).filter((r) => r.egress === egress).map((r) => r.ruleNumber);
                assert.strictEqual(new Set(numbers).size, numbers.length, `${tier} ${egress ? "egress" : "ingress"}`);
            }
        }
    });

    it("denies SSH and RDP from the internet on the public tier before any allow", () => {
        const inbound = naclRules("public", ctx).filter((r) => !r.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
        assert.deepStrictEqual(inbound.slice(0, 2).map((r) => [r.ruleAction, r.fromPort]), [["deny", 22], ["deny", 3389]]);
        assert.ok(inbound.slice(2).every((r) => r.ruleAction === "allow"));
    });

    it("lets the isolated tier talk only to the private and isolated subnets", () => {
        const rules = naclRules("isolated", ctx);
        const peers = [...ctx.privateSubnets, ...ctx.isolatedSubnets].map((p) => p.cidr).sort();
        assert.deepStrictEqual([...new Set(rules.map((r) => r.cidrBlock))].sort(), peers);
        assert.ok(rules.every((r) => r.ruleAction === "allow" && r.protocol === "6"));
    });

    it("gives every TCP/UDP rule of every tier its ports (an omitted range reaches AWS as 0-0)", () => {
        for (const tier of ["public", "private", "isolated"] as const) {
            const portless = naclRules(tier, ctx).filter((r) => r.protocol !== "-1" && (r.fromPort === undefined || r.toPort === undefined || r.fromPort < 1));
            assert.deepStrictEqual(portless, [], tier);
        }
    });

    it("opens the isolated tier on exactly the data ports from clients, replies back, and replication between its subnets", () => {
        const shape = (egress: boolean, cidrs: { cidr: string }[]) => naclRules("isolated", ctx)
            .filter((r) => r.egress === egress && cidrs.some((c) => c.cidr === r.cidrBlock))
            .map((r) => `${r.fromPort}-${r.toPort}`).filter((v, i, all) => all.indexOf(v) === i).sort();
        assert.deepStrictEqual(shape(false, ctx.privateSubnets), ["5432-5432", "6379-6379"]);
        assert.deepStrictEqual(shape(true, ctx.privateSubnets), ["1024-65535"]);
        assert.deepStrictEqual(shape(false, ctx.isolatedSubnets), ["1024-65535", "6379-6379"]);
        assert.deepStrictEqual(shape(true, ctx.isolatedSubnets), ["1024-65535", "6379-6379"]);
    });

    it("numbers no isolated rule 101-109 or 201-209, where the earlier port-less rules were (a replacement under the same number would collide)", () => {
        assert.deepStrictEqual(naclRules("isolated", ctx).filter((r) => r.ruleNumber % 100 < 10), []);
    });

    it("denies SSH and RDP from the internet on the private tier before the internet's replies are admitted, after the VPC's own traffic", () => {
        const inbound = naclRules("private", ctx).filter((r) => !r.egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
        assert.deepStrictEqual(inbound.map((r) => `${r.ruleNumber} ${r.ruleAction} ${r.cidrBlock} ${r.fromPort ?? "all"}`),
            ["100 allow 10.0.0.0/16 all", "150 deny 0.0.0.0/0 22", "151 deny 0.0.0.0/0 3389", "200 allow 0.0.0.0/0 1024"]);
    });

    it("numbers isolated-tier rules by AZ number, so adding an AZ renumbers nothing", () => {
        const withThird = { ...ctx, privateSubnets: [...ctx.privateSubnets, { azNumber: 4, cidr: "10.0.48.0/20" }] };
        const before = naclRules("isolated", ctx).map((r) => `${r.egress}:${r.ruleNumber}:${r.cidrBlock}`);
        const after = new Set(naclRules("isolated", withThird).map((r) => `${r.egress}:${r.ruleNumber}:${r.cidrBlock}`));
        assert.ok(before.every((r) => after.has(r)));
    });
});

describe("security-group tiers", () => {
    const rules = planTierRules("10.0.0.0/16", { appPort: 8080, dataPorts: [5432, 6379] }, "none");

    it("admits into each tier only the tier in front of it, on its ports", () => {
        const ingress = (tier: string) => rules.filter((r) => r.tier === tier && r.direction === "ingress").map((r) => [r.peer.kind === "tier" ? r.peer.tier : r.peer.kind, r.port]);
        assert.deepStrictEqual(ingress("loadBalancer"), []);
        assert.deepStrictEqual(ingress("app"), [["loadBalancer", 8080]]);
        assert.deepStrictEqual(ingress("data"), [["app", 5432], ["app", 6379]]);
    });

    it("lets the data tier send nothing out", () => {
        assert.deepStrictEqual(rules.filter((r) => r.tier === "data" && r.direction === "egress"), []);
    });

    it("keeps app HTTPS egress inside the VPC when there is no NAT", () => {
        const https = rules.find((r) => r.key === "app-to-https-443")!;
        assert.deepStrictEqual(https.peer, { kind: "cidr", cidr: "10.0.0.0/16" });
        const withNat = planTierRules("10.0.0.0/16", { appPort: 8080, dataPorts: [] }, "single-nat").find((r) => r.key === "app-to-https-443")!;
        assert.deepStrictEqual(withNat.peer, { kind: "cidr", cidr: "0.0.0.0/0" });
    });
});
