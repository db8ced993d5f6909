import * as assert from "assert";
import { planned, translate } from "../../fixtures";

describe("mapping aws.ec2.DefaultSecurityGroup", () => {
    it("is listed as untranslated, with the reason, since CloudFormation cannot adopt a default security group", () => {
        const t = translate(planned("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "dev-default-sg", { vpcId: "vpc-0123456789abcdef0" }));
        assert.strictEqual(t.templates.length, 0);
        assert.deepStrictEqual(t.untranslated.map((u) => [u.type, u.name]), [["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "dev-default-sg"]]);
        assert.match(t.untranslated[0].reason, /CloudFormation cannot adopt/);
    });
});
