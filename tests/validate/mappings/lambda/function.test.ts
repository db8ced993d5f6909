import * as assert from "assert";
import { planned, translate, translated } from "../../fixtures";

describe("mapping aws.lambda.Function", () => {
    const role = planned("aws:iam/role:Role", "fn-role", {}, { state: { arn: "arn:aws:iam::123456789012:role/fn-role-1a2b3c4" } });
    const fn = planned("aws:lambda/function:Function", "dev-authorizer", {
        name: "dev-authorizer", role: "arn:aws:iam::123456789012:role/fn-role-1a2b3c4", runtime: "nodejs22.x", handler: "index.handler", architectures: ["arm64"],
        memorySize: 256, timeout: 5, code: { __pulumiArchive: true, assets: {} }, environment: { variables: { TOKEN_USE: "access" } },
        tracingConfig: { mode: "Active" }, loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO" },
    }, { dependsOn: [role.urn] });

    it("becomes an AWS::Lambda::Function whose code, which Pulumi uploads itself, is a placeholder S3 location", () => {
        assert.deepStrictEqual(translated(fn, role), {
            Type: "AWS::Lambda::Function",
            Properties: {
                FunctionName: "dev-authorizer", Role: { "Fn::GetAtt": ["FnRole", "Arn"] }, Runtime: "nodejs22.x", Handler: "index.handler", Architectures: ["arm64"],
                MemorySize: 256, Timeout: 5, Code: { S3Bucket: "placeholder-artifacts", S3Key: "dev-authorizer.zip" },
                Environment: { Variables: { TOKEN_USE: "access" } }, LoggingConfig: { LogFormat: "JSON", ApplicationLogLevel: "INFO" }, TracingConfig: { Mode: "Active" },
            },
        });
    });

    it("reports the code placeholder", () => {
        assert.deepStrictEqual(translate(role, fn).placeholders, [{ type: "aws:lambda/function:Function", name: "dev-authorizer", inputs: ["code"] }]);
    });
});
