import * as assert from "assert";
import { failures, formatReport, MIN_TRANSLATED, stackReport, suppressionFor } from "../../scripts/validate/report";
import { SUPPRESSIONS } from "../../scripts/validate/suppressions";
import { Finding } from "../../scripts/validate/validator";
import { planned, translate } from "./fixtures";
import { sharedValidator } from "./validator";
import { budget } from "../helpers/budget";

const translation = translate(
    planned("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.0.0.0/16" }),
    planned("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "dev-default-sg"),
);
const finding = (ruleId: string, severity: Finding["severity"]) => ({ ruleId, severity, message: "m", logicalId: "DevVpc", resourceType: "AWS::EC2::VPC", region: "us-east-1" });

describe("the validation report", () => {
    it("sorts findings into errors, warnings and informational counts, traced to the Pulumi resource", () => {
        const report = stackReport(translation, [finding("E3012", "ERROR"), finding("F3002", "FATAL"), finding("W3010", "WARN"), finding("I9001", "INFO"), finding("I9001", "INFO")], []);
        assert.deepStrictEqual(report.errors.map((f) => [f.ruleId, f.pulumiType, f.pulumiName]), [["E3012", "aws:ec2/vpc:Vpc", "dev-vpc"], ["F3002", "aws:ec2/vpc:Vpc", "dev-vpc"]]);
        assert.deepStrictEqual(report.warnings.map((f) => f.ruleId), ["W3010"]);
        assert.deepStrictEqual(report.info, { I9001: 2 });
        assert.match(formatReport(report), /E3012 DevVpc \[aws:ec2\/vpc:Vpc dev-vpc\]/);
    });

    it("applies a suppression only to its rule on its resource type, and records the reason", () => {
        const suppressions = [{ ruleId: "W3010", resourceType: "AWS::EC2::VPC", reason: "because" }, { ruleId: "E3012", resourceType: "AWS::EC2::Subnet", reason: "elsewhere" }];
        const report = stackReport(translation, [finding("W3010", "WARN"), finding("E3012", "ERROR")], suppressions);
        assert.deepStrictEqual(report.suppressed, [{ ruleId: "W3010", logicalId: "DevVpc", reason: "because" }]);
        assert.deepStrictEqual(report.errors.map((f) => f.ruleId), ["E3012"]);
    });

    it(`fails on any error, and when fewer than ${MIN_TRANSLATED * 100}% of the AWS resources were translated`, () => {
        assert.deepStrictEqual(failures(stackReport(translation, [finding("E3012", "ERROR")], [])), ["1 error(s)", "only 50.0% of the AWS resources translated (needs 95.0%)"]);
    });
});

describe("the suppressions", () => {
    it("each name a rule the validator has, are narrowed to a resource type or logical id, and give a reason", function () {
        this.timeout(budget(10_000)); // the first use loads AWS's validator (about 5 s of CPU)
        const rules = new Set(sharedValidator().ruleIds());
        for (const s of SUPPRESSIONS) {
            assert.ok(rules.has(s.ruleId), `${s.ruleId} is not a rule of the validator`);
            assert.ok(s.resourceType !== undefined || s.logicalId !== undefined, `${s.ruleId} is suppressed for every resource`);
            assert.ok(s.reason.length >= 40, `the reason for ${s.ruleId} does not explain itself`);
            assert.strictEqual(suppressionFor({ ruleId: s.ruleId, severity: "WARN", message: "", resourceType: "AWS::Other::Type", logicalId: "Other" }, [s]), undefined);
        }
    });
});
