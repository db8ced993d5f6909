import * as assert from "assert";
import { naclEntryProperties, protocolNumber } from "../../../../scripts/validate/mappings/ec2/nacl-entries";

describe("NACL entries", () => {
    it("numbers protocols by name or number, and keeps an unknown name for the validator to reject", () => {
        assert.deepStrictEqual(["tcp", "UDP", "icmp", "-1", "all", "50", "bogus"].map(protocolNumber), [6, 17, 1, -1, -1, 50, "bogus"]);
    });

    it("gives ports to TCP and UDP only and ICMP type and code to ICMP only", () => {
        const base = { ruleNumber: 100, action: "allow", egress: false, cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443, icmpType: 8, icmpCode: 0 };
        assert.deepStrictEqual(naclEntryProperties({ ...base, protocol: "tcp" }).PortRange, { From: 443, To: 443 });
        assert.strictEqual(naclEntryProperties({ ...base, protocol: "tcp" }).Icmp, undefined);
        assert.deepStrictEqual(naclEntryProperties({ ...base, protocol: "icmp" }).Icmp, { Type: 8, Code: 0 });
        assert.strictEqual(naclEntryProperties({ ...base, protocol: "-1" }).PortRange, undefined);
    });
});
