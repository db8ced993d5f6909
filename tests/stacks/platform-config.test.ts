import * as assert from "assert";
import * as path from "path";
import { ConfigError } from "../../stacks/config/reader";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { platformProgram } from "../../stacks/platform/program";
import { ProgramError } from "../../scripts/lib/mock-runtime";
import { runProgram, stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");

function load(stack: "dev" | "prod", overrides: Record<string, string>) {
    const config = stackConfig(ROOT, stack, overrides);
    return loadPlatformConfig((key) => config[key], stack);
}

/** Each case: the stack it starts from, the bad values, and what the message must say. */
const BAD_INPUTS: { what: string; stack: "dev" | "prod"; set: Record<string, string>; message: RegExp }[] = [
    { what: "a malformed CIDR", stack: "dev", set: { "platform:vpcCidr": "10.0.0/16" }, message: /platform:vpcCidr = "10\.0\.0\/16".*not an IPv4 CIDR/ },
    { what: "a CIDR with host bits set", stack: "dev", set: { "platform:vpcCidr": "10.0.1.0/16" }, message: /platform:vpcCidr.*host bits set/ },
    { what: "a CIDR too small to divide", stack: "dev", set: { "platform:vpcCidr": "10.0.0.0/24" }, message: /platform:vpcCidr = "10\.0\.0\.0\/24".*outside \/16\.\.\/22/ },
    { what: "a CIDR too large for a VPC", stack: "dev", set: { "platform:vpcCidr": "10.0.0.0/8" }, message: /platform:vpcCidr.*outside \/16\.\.\/22/ },
    { what: "a public CIDR", stack: "dev", set: { "platform:vpcCidr": "8.8.0.0/16" }, message: /platform:vpcCidr.*not inside 10\.0\.0\.0\/8/ },
    { what: "an AZ name instead of an AZ ID", stack: "dev", set: { "platform:azIds": '["us-east-1a","us-east-1b"]' }, message: /platform:azIds.*"us-east-1a" is not an AZ ID/ },
    { what: "a repeated AZ ID", stack: "dev", set: { "platform:azIds": '["use1-az1","use1-az1"]' }, message: /platform:azIds.*use1-az1 repeated/ },
    { what: "an AZ ID of another region", stack: "dev", set: { "platform:azIds": '["use1-az1","usw2-az1"]' }, message: /platform:azIds.*usw2-az1 is not an AZ of us-east-1, whose AZ IDs start with use1-/ },
    { what: "one AZ in dev", stack: "dev", set: { "platform:azIds": '["use1-az1"]' }, message: /platform:azIds.*1 given, at least 2 needed/ },
    { what: "two AZs in prod", stack: "prod", set: { "platform:azIds": '["use1-az1","use1-az2"]' }, message: /platform:azIds.*2 given, at least 3 needed in production/ },
    { what: "AZ IDs that are not a list", stack: "dev", set: { "platform:azIds": "use1-az1" }, message: /platform:azIds.*a list of strings/ },
    { what: "an unknown egress mode", stack: "dev", set: { "platform:egress": "nat" }, message: /platform:egress = "nat".*one of "none", "single-nat", "nat-per-az"/ },
    { what: "a retention CloudWatch does not accept", stack: "dev", set: { "platform:logRetentionDays": "10" }, message: /platform:logRetentionDays = "10".*1, 3, 5, 7, 14/ },
    { what: "a retention that is not a number", stack: "dev", set: { "platform:logRetentionDays": "a week" }, message: /platform:logRetentionDays.*not a whole number/ },
    { what: "a non-boolean production flag", stack: "dev", set: { "platform:production": "yes" }, message: /platform:production = "yes": expected true or false/ },
    { what: "an unknown region", stack: "dev", set: { "aws:region": "us-middle-1" }, message: /aws:region = "us-middle-1"/ },
    { what: "an empty region", stack: "dev", set: { "aws:region": "" }, message: /aws:region = "": expected an AWS region code/ },
    { what: "a gateway service listed as an interface endpoint", stack: "prod", set: { "platform:interfaceEndpoints": '["ecr.api","ecr.dkr","logs","s3"]' }, message: /platform:interfaceEndpoints.*s3 always get free gateway endpoints/ },
    { what: "a repeated interface endpoint", stack: "prod", set: { "platform:interfaceEndpoints": '["ecr.api","ecr.dkr","logs","logs"]' }, message: /platform:interfaceEndpoints.*logs repeated/ },
    { what: "a private VPC without the endpoints ECS needs", stack: "prod", set: { "platform:interfaceEndpoints": '["logs"]' }, message: /platform:interfaceEndpoints.*including ecr\.api, ecr\.dkr when egress is "none"/ },
    { what: "an owner tag with forbidden characters", stack: "dev", set: { "platform:owner": "team<script>" }, message: /platform:owner = "team<script>".*tag value/ },
    { what: "a service name that is not a DNS label", stack: "dev", set: { "platform:services": '["alpha","Beta_2"]' }, message: /platform:services.*Beta_2 not a service name/ },
    { what: "a repeated service", stack: "dev", set: { "platform:services": '["alpha","alpha"]' }, message: /platform:services.*alpha repeated/ },
    { what: "an empty cost centre", stack: "dev", set: { "platform:costCenter": "" }, message: /platform:costCenter = "": expected the cost centre/ },
];

describe("platform config validation", () => {
    for (const c of BAD_INPUTS) {
        it(`refuses ${c.what}, naming the key, the value and what is accepted`, () => {
            assert.throws(() => load(c.stack, c.set), (e: unknown) => {
                assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
                assert.match(e.message, c.message);
                return true;
            });
        });
    }

    it("reports every bad key at once", () => {
        assert.throws(() => load("dev", { "platform:egress": "nat", "platform:vpcCidr": "x" }), (e: ConfigError) => {
            assert.deepStrictEqual(e.problems.map((p) => p.key).sort(), ["platform:egress", "platform:vpcCidr"]);
            return true;
        });
    });

    it("refuses a stack name that cannot prefix resource names", () => {
        const config = stackConfig(ROOT, "dev");
        assert.throws(() => loadPlatformConfig((k) => config[k], "Dev_1"), /stack name = "Dev_1"/);
    });

    it("accepts the committed dev and prod stack files", () => {
        assert.strictEqual(load("dev", {}).network.azIds.length, 2);
        assert.strictEqual(load("prod", {}).network.azIds.length, 3);
    });

    it("stops the program before any resource is registered when config is bad", async () => {
        const config = stackConfig(ROOT, "dev", { "platform:vpcCidr": "10.0.0.0/30" });
        await assert.rejects(runProgram(() => platformProgram(), { project: "platform", stack: "dev", config }), (e: unknown) => {
            assert.ok(e instanceof ProgramError);
            assert.match(e.message, /platform:vpcCidr/);
            // Only the root stack resource, which the runtime registers before the program starts.
            assert.deepStrictEqual(e.registered.map((r) => r.type), ["pulumi:pulumi:Stack"]);
            return true;
        });
    });
});
