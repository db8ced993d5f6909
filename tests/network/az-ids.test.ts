import * as assert from "assert";
import { azIdPrefixOfRegion, isRegionCode, parseAzId } from "../../components/network/az-ids";

describe("AZ IDs", () => {
    it("derives the AZ ID prefix of a region as AWS names them", () => {
        const cases: Record<string, string> = {
            "us-east-1": "use1",
            "us-west-2": "usw2",
            "eu-central-1": "euc1",
            "eu-north-1": "eun1",
            "ap-southeast-2": "apse2",
            "ap-northeast-1": "apne1",
            "ca-central-1": "cac1",
            "sa-east-1": "sae1",
            "me-south-1": "mes1",
            "us-gov-west-1": "usgw1",
        };
        for (const [region, prefix] of Object.entries(cases)) {
            assert.strictEqual(azIdPrefixOfRegion(region), prefix, region);
        }
    });

    it("recognises region codes and refuses other strings", () => {
        assert.ok(isRegionCode("eu-west-3"));
        assert.ok(!isRegionCode("us-east"));
        assert.ok(!isRegionCode("us-up-1"));
        assert.ok(!isRegionCode("us-east-1a"));
    });

    it("parses regional AZ IDs and refuses AZ names and local-zone IDs", () => {
        assert.deepStrictEqual(parseAzId("use1-az4"), { regionPrefix: "use1", number: 4 });
        assert.throws(() => parseAzId("us-east-1a"), /not an AZ ID/);
        assert.throws(() => parseAzId("use1-bos1-az1"), /not an AZ ID/);
    });
});
