import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedSecureApiArgs } from "./args";
import { AUTHORIZER_RUNTIME, authorizerBundle } from "./authorizer-bundle";
import { serviceTrustPolicy } from "../iam/policy";
import { authorizerRolePolicy } from "./edge-policies";

/** Cognito user pool, app client and the Lambda TOKEN authorizer (E4). */
export interface Auth {
    readonly userPool: aws.cognito.UserPool;
    readonly client: aws.cognito.UserPoolClient;
    readonly fn: aws.lambda.Function;
    readonly authorizer: aws.apigateway.Authorizer;
}

/** Passwords of at least 12 characters with every character class (NIST-style length, Cognito's class rules). */
export const PASSWORD_POLICY = {
    minimumLength: 12,
    requireLowercase: true,
    requireUppercase: true,
    requireNumbers: true,
    requireSymbols: true,
    temporaryPasswordValidityDays: 3,
    passwordHistorySize: 5,
} as const;

/** Only `Bearer <jwt>` reaches the Lambda; anything else is refused by API Gateway with a 401 for free. */
export const TOKEN_VALIDATION_EXPRESSION = "^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

export function createUserPool(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): Pick<Auth, "userPool" | "client"> {
    const plus = args.userPoolTier === "PLUS";
    // `passwordHistorySize` is a PLUS feature too; the other tiers refuse it.
    const { passwordHistorySize, ...basePolicy } = PASSWORD_POLICY;
    const userPool = new aws.cognito.UserPool(`${name}-users`, {
        name: `${name}-users`,
        userPoolTier: args.userPoolTier,
        usernameAttributes: ["email"],
        autoVerifiedAttributes: ["email"],
        usernameConfiguration: { caseSensitive: false },
        passwordPolicy: plus ? { ...basePolicy, passwordHistorySize } : basePolicy,
        mfaConfiguration: "OPTIONAL",
        softwareTokenMfaConfiguration: { enabled: true },
        accountRecoverySetting: { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] },
        adminCreateUserConfig: { allowAdminCreateUserOnly: false },
        // Threat protection needs the PLUS plan; ENFORCED blocks risky sign-ins instead of only reporting them.
        ...(plus ? { userPoolAddOns: { advancedSecurityMode: "ENFORCED" } } : {}),
        deletionProtection: args.protect ? "ACTIVE" : "INACTIVE",
        tags: args.tags,
    }, { parent, protect: args.protect });
    const client = new aws.cognito.UserPoolClient(`${name}-web-client`, {
        name: `${name}-web-client`,
        userPoolId: userPool.id,
        // A browser app cannot keep a secret; SRP never sends the password itself.
        generateSecret: false,
        explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        preventUserExistenceErrors: "ENABLED",
        enableTokenRevocation: true,
        accessTokenValidity: 60,
        idTokenValidity: 60,
        refreshTokenValidity: 30,
        tokenValidityUnits: { accessToken: "minutes", idToken: "minutes", refreshToken: "days" },
        supportedIdentityProviders: ["COGNITO"],
    }, { parent });
    return { userPool, client };
}

export function createAuthorizer(
    name: string,
    args: ResolvedSecureApiArgs,
    pool: Pick<Auth, "userPool" | "client">,
    restApi: aws.apigateway.RestApi,
    parent: pulumi.Resource,
): Pick<Auth, "fn" | "authorizer"> {
    const fnName = `${name}-authorizer`;
    // Created before the function so Lambda never auto-creates it unencrypted and without retention.
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-authorizer-logs`, {
        name: `/aws/lambda/${fnName}`,
        retentionInDays: args.logRetentionDays,
        kmsKeyId: args.logKmsKeyArn,
        tags: args.tags,
    }, { parent, protect: args.protect });
    const role = new aws.iam.Role(`${name}-authorizer-role`, {
        assumeRolePolicy: JSON.stringify(serviceTrustPolicy("lambda.amazonaws.com")),
        description: "Authorizer Lambda: its own logs and X-Ray only",
        tags: args.tags,
    }, { parent });
    const rolePolicy = new aws.iam.RolePolicy(`${name}-authorizer-policy`, {
        role: role.id,
        policy: logGroup.arn.apply((arn) => JSON.stringify(authorizerRolePolicy(arn))),
    }, { parent });
    const fn = new aws.lambda.Function(`${name}-authorizer`, {
        name: fnName,
        runtime: AUTHORIZER_RUNTIME,
        architectures: ["arm64"],
        handler: "index.handler",
        code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(authorizerBundle()) }),
        role: role.arn,
        memorySize: 256,
        timeout: 5,
        environment: { variables: { USER_POOL_ID: pool.userPool.id, CLIENT_ID: pool.client.id, TOKEN_USE: "access" } },
        tracingConfig: { mode: "Active" },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
        tags: args.tags,
    }, { parent, dependsOn: [rolePolicy] });
    const authorizer = new aws.apigateway.Authorizer(`${name}-authorizer`, {
        name: `${name}-cognito-jwt`,
        restApi: restApi.id,
        type: "TOKEN",
        authorizerUri: fn.invokeArn,
        identitySource: "method.request.header.Authorization",
        identityValidationExpression: TOKEN_VALIDATION_EXPRESSION,
        authorizerResultTtlInSeconds: args.authorizerResultTtlSeconds,
    }, { parent });
    new aws.lambda.Permission(`${name}-authorizer-invoke`, {
        function: fn.name,
        action: "lambda:InvokeFunction",
        principal: "apigateway.amazonaws.com",
        // Only this API's authorizer may invoke it, not any API in the account.
        sourceArn: pulumi.interpolate`${restApi.executionArn}/authorizers/${authorizer.id}`,
    }, { parent });
    return { fn, authorizer };
}
