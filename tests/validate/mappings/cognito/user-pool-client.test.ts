import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cognito.UserPoolClient", () => {
    it("becomes an AWS::Cognito::UserPoolClient of its pool, OAuth and URL names in capitals", () => {
        const pool = planned("aws:cognito/userPool:UserPool", "users", {}, { id: "us-east-1_AbCdEfGhI" });
        const client = planned("aws:cognito/userPoolClient:UserPoolClient", "web", {
            userPoolId: pool.id, name: "web", generateSecret: false, allowedOauthFlows: ["code"], callbackUrls: ["https://example.com/cb"],
            tokenValidityUnits: { accessToken: "minutes" }, accessTokenValidity: 60,
        }, { dependsOn: [pool.urn] });
        assert.deepStrictEqual(translated(client, pool), {
            Type: "AWS::Cognito::UserPoolClient",
            Properties: {
                UserPoolId: { Ref: "Users" }, ClientName: "web", GenerateSecret: false, AllowedOAuthFlows: ["code"], CallbackURLs: ["https://example.com/cb"],
                AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: "minutes" },
            },
        });
    });
});
