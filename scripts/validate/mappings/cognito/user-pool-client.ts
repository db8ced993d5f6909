import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const userPoolClient = resourceMapping<aws.cognito.UserPoolClientArgs>({
    pulumiType: "aws:cognito/userPoolClient:UserPoolClient",
    cfnType: "AWS::Cognito::UserPoolClient",
    attributes: { id: REF },
    translate: (i) => ({
        properties: {
            UserPoolId: i.userPoolId,
            ClientName: verbatim(i.name),
            GenerateSecret: i.generateSecret,
            ExplicitAuthFlows: i.explicitAuthFlows,
            SupportedIdentityProviders: i.supportedIdentityProviders,
            // OAuth and URL names keep their capitals in CloudFormation.
            AllowedOAuthFlows: i.allowedOauthFlows,
            AllowedOAuthFlowsUserPoolClient: i.allowedOauthFlowsUserPoolClient,
            AllowedOAuthScopes: i.allowedOauthScopes,
            CallbackURLs: i.callbackUrls,
            LogoutURLs: i.logoutUrls,
            DefaultRedirectURI: i.defaultRedirectUri,
            AccessTokenValidity: i.accessTokenValidity,
            IdTokenValidity: i.idTokenValidity,
            RefreshTokenValidity: i.refreshTokenValidity,
            TokenValidityUnits: pascalCaseKeys(i.tokenValidityUnits),
            AuthSessionValidity: i.authSessionValidity,
            EnableTokenRevocation: i.enableTokenRevocation,
            EnablePropagateAdditionalUserContextData: i.enablePropagateAdditionalUserContextData,
            PreventUserExistenceErrors: i.preventUserExistenceErrors,
            ReadAttributes: i.readAttributes,
            WriteAttributes: i.writeAttributes,
            AnalyticsConfiguration: pascalCaseKeys(i.analyticsConfiguration),
            RefreshTokenRotation: pascalCaseKeys(i.refreshTokenRotation),
        },
    }),
});
