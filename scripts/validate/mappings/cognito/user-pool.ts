import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

/** Cognito spells SMS in capitals where Pulumi writes `sms`. */
function smsCase(value: unknown): unknown {
    return JSON.parse(JSON.stringify(pascalCaseKeys(value) ?? null).replace(/"Sms(Message|Configuration)"/g, '"SMS$1"')) ?? undefined;
}

export const userPool = resourceMapping<aws.cognito.UserPoolArgs>({
    pulumiType: "aws:cognito/userPool:UserPool",
    cfnType: "AWS::Cognito::UserPool",
    attributes: { id: REF, arn: "Arn", endpoint: "ProviderName" },
    translate: (i, ctx) => ({
        properties: {
            UserPoolName: verbatim(i.name),
            UserPoolTier: i.userPoolTier,
            DeletionProtection: i.deletionProtection,
            UsernameAttributes: i.usernameAttributes,
            AliasAttributes: i.aliasAttributes,
            UsernameConfiguration: pascalCaseKeys(i.usernameConfiguration),
            AutoVerifiedAttributes: i.autoVerifiedAttributes,
            AccountRecoverySetting: pascalCaseKeys(i.accountRecoverySetting),
            AdminCreateUserConfig: smsCase(i.adminCreateUserConfig),
            // Pulumi has the password policy and sign-in policy at the top; CloudFormation groups them.
            Policies: { PasswordPolicy: pascalCaseKeys(i.passwordPolicy), SignInPolicy: pascalCaseKeys(i.signInPolicy) },
            MfaConfiguration: i.mfaConfiguration,
            // Pulumi enables each MFA factor with a block of its own; CloudFormation lists them.
            EnabledMfas: [
                ...(i.softwareTokenMfaConfiguration?.enabled ? ["SOFTWARE_TOKEN_MFA"] : []),
                ...(i.smsConfiguration !== undefined && i.mfaConfiguration !== "OFF" ? ["SMS_MFA"] : []),
                ...(i.emailMfaConfiguration !== undefined ? ["EMAIL_OTP"] : []),
            ],
            EmailAuthenticationMessage: i.emailMfaConfiguration?.message,
            EmailAuthenticationSubject: i.emailMfaConfiguration?.subject,
            EmailConfiguration: pascalCaseKeys(i.emailConfiguration),
            EmailVerificationMessage: i.emailVerificationMessage,
            EmailVerificationSubject: i.emailVerificationSubject,
            SmsAuthenticationMessage: i.smsAuthenticationMessage,
            SmsVerificationMessage: i.smsVerificationMessage,
            SmsConfiguration: pascalCaseKeys(i.smsConfiguration),
            VerificationMessageTemplate: smsCase(i.verificationMessageTemplate),
            DeviceConfiguration: pascalCaseKeys(i.deviceConfiguration),
            LambdaConfig: pascalCaseKeys(i.lambdaConfig),
            Schema: pascalCaseKeys(i.schemas),
            UserAttributeUpdateSettings: pascalCaseKeys(i.userAttributeUpdateSettings),
            UserPoolAddOns: pascalCaseKeys(i.userPoolAddOns),
            WebAuthnRelyingPartyID: i.webAuthnConfiguration?.relyingPartyId,
            WebAuthnUserVerification: i.webAuthnConfiguration?.userVerification,
            UserPoolTags: ctx.tags(i.tags, "map"),
        },
    }),
});
