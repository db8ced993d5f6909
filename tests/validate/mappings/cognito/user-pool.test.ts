import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cognito.UserPool", () => {
    it("becomes an AWS::Cognito::UserPool with its password policy grouped, MFA factors listed and SMS in capitals", () => {
        const pool = planned("aws:cognito/userPool:UserPool", "users", {
            name: "users", mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true }, usernameAttributes: ["email"], autoVerifiedAttributes: ["email"],
            passwordPolicy: { minimumLength: 12, requireSymbols: true },
            adminCreateUserConfig: { allowAdminCreateUserOnly: false, inviteMessageTemplate: { smsMessage: "{username} {####}" } },
            accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
            tags: { team: "identity" },
        });
        assert.deepStrictEqual(translated(pool), {
            Type: "AWS::Cognito::UserPool",
            Properties: {
                UserPoolName: "users", UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"],
                AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] },
                AdminCreateUserConfig: { AllowAdminCreateUserOnly: false, InviteMessageTemplate: { SMSMessage: "{username} {####}" } },
                Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true } },
                MfaConfiguration: "OPTIONAL", EnabledMfas: ["SOFTWARE_TOKEN_MFA"],
                UserPoolTags: { team: "identity" },
            },
        });
    });
});
