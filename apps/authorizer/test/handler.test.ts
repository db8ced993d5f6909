import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from "jose";
import { AuthorizerConfig, configFromEnv, createHandler, issuerOf, stageWildcardArn } from "../src/handler";

const CONFIG: AuthorizerConfig = { region: "us-east-1", userPoolId: "us-east-1_AbCdEf123", clientId: "client-123", tokenUse: "access" };
const METHOD_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/api/v1/secure";
const STAGE_ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*";

type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

describe("authorizer (apps/authorizer)", () => {
    let poolKey: Key;
    let otherKey: Key;
    let jwks: { keys: JWK[] };

    before(async () => {
        const pool = await generateKeyPair("RS256", { extractable: true });
        poolKey = pool.privateKey;
        otherKey = (await generateKeyPair("RS256", { extractable: true })).privateKey;
        jwks = { keys: [{ ...(await exportJWK(pool.publicKey)), kid: "pool-key", alg: "RS256", use: "sig" }] };
    });

    /** A Cognito-shaped access token; `claims` override, `opts` change how it is signed. */
    async function token(claims: JWTPayload = {}, opts: { key?: Key; kid?: string; expiresIn?: string | number } = {}): Promise<string> {
        return new SignJWT({ token_use: "access", client_id: CONFIG.clientId, username: "alice", scope: "openid", ...claims })
            .setProtectedHeader({ alg: "RS256", kid: opts.kid ?? "pool-key" })
            .setSubject("user-sub-1")
            .setIssuer(issuerOf(CONFIG))
            .setIssuedAt()
            .setExpirationTime(opts.expiresIn ?? "10m")
            .sign(opts.key ?? poolKey);
    }

    const local = (config: AuthorizerConfig = CONFIG) => createHandler(config, createLocalJWKSet(jwks));
    const call = async (authorizationToken: string, config?: AuthorizerConfig) => local(config)({ type: "TOKEN", methodArn: METHOD_ARN, authorizationToken });
    const effectOf = (r: Awaited<ReturnType<typeof call>>) => (r.policyDocument.Statement[0] as { Effect: string }).Effect;

    it("allows a valid access token for every method of the stage, with the caller's claims as context", async () => {
        const result = await call(`Bearer ${await token()}`);
        assert.strictEqual(effectOf(result), "Allow");
        assert.deepStrictEqual(result.policyDocument.Statement[0], { Action: "execute-api:Invoke", Effect: "Allow", Resource: STAGE_ARN });
        assert.strictEqual(result.principalId, "user-sub-1");
        assert.deepStrictEqual(result.context, { sub: "user-sub-1", username: "alice", scope: "openid", tokenUse: "access", clientId: CONFIG.clientId });
    });

    it("answers 401 (Unauthorized) for an expired token", async () => {
        const expired = await token({}, { expiresIn: Math.floor(Date.now() / 1000) - 60 });
        await assert.rejects(call(`Bearer ${expired}`), (e: Error) => e.message === "Unauthorized");
    });

    it("denies a token signed by another key under the pool's key id", async () => {
        assert.strictEqual(effectOf(await call(`Bearer ${await token({}, { key: otherKey })}`)), "Deny");
    });

    it("denies a token whose key id the pool does not publish", async () => {
        assert.strictEqual(effectOf(await call(`Bearer ${await token({}, { key: otherKey, kid: "attacker" })}`)), "Deny");
    });

    it("denies an access token issued to another app client", async () => {
        assert.strictEqual(effectOf(await call(`Bearer ${await token({ client_id: "other-client" })}`)), "Deny");
    });

    it("denies an ID token whose audience is another client", async () => {
        const idConfig: AuthorizerConfig = { ...CONFIG, tokenUse: "id" };
        const good = await token({ token_use: "id", client_id: undefined, aud: CONFIG.clientId });
        assert.strictEqual(effectOf(await call(`Bearer ${good}`, idConfig)), "Allow");
        const wrongAudience = await token({ token_use: "id", client_id: undefined, aud: "other-client" });
        assert.strictEqual(effectOf(await call(`Bearer ${wrongAudience}`, idConfig)), "Deny");
    });

    it("denies a token from another issuer", async () => {
        const foreign = await new SignJWT({ token_use: "access", client_id: CONFIG.clientId })
            .setProtectedHeader({ alg: "RS256", kid: "pool-key" })
            .setSubject("user-sub-1")
            .setIssuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
            .setExpirationTime("10m")
            .sign(poolKey);
        assert.strictEqual(effectOf(await call(`Bearer ${foreign}`)), "Deny");
    });

    it("denies an ID token where access tokens are expected, and the reverse", async () => {
        assert.strictEqual(effectOf(await call(`Bearer ${await token({ token_use: "id" })}`)), "Deny");
        assert.strictEqual(effectOf(await call(`Bearer ${await token()}`, { ...CONFIG, tokenUse: "id" })), "Deny");
    });

    it("answers 401 for a malformed token, a missing Bearer scheme and an empty header", async () => {
        const valid = await token();
        for (const header of ["Bearer not-a-jwt", "Bearer a.b.c", `Basic ${valid}`, valid, "", `Bearer ${valid} extra`]) {
            await assert.rejects(call(header), (e: Error) => e.message === "Unauthorized", `header ${JSON.stringify(header.slice(0, 20))}`);
        }
    });

    it("refuses the 'none' algorithm even with valid claims", async () => {
        const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
        const unsigned = `${b64({ alg: "none", kid: "pool-key" })}.${b64({ token_use: "access", client_id: CONFIG.clientId, iss: issuerOf(CONFIG), sub: "x", exp: Math.floor(Date.now() / 1000) + 600 })}.`;
        assert.strictEqual(effectOf(await call(`Bearer ${unsigned}x`)), "Deny");
    });

    it("fetches the pool's keys over HTTP (remote key set on loopback)", async () => {
        const server = http.createServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks)));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        try {
            const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
            const remote = createHandler(CONFIG, createRemoteJWKSet(url));
            const result = await remote({ type: "TOKEN", methodArn: METHOD_ARN, authorizationToken: `Bearer ${await token()}` });
            assert.strictEqual(effectOf(result), "Allow");
        } finally {
            server.close();
        }
    });

    it("reads its configuration from the environment and names what is missing", () => {
        assert.deepStrictEqual(configFromEnv({ AWS_REGION: "eu-west-1", USER_POOL_ID: "eu-west-1_X", CLIENT_ID: "c" }), { region: "eu-west-1", userPoolId: "eu-west-1_X", clientId: "c", tokenUse: "access" });
        assert.throws(() => configFromEnv({ AWS_REGION: "eu-west-1" }), /USER_POOL_ID, CLIENT_ID/);
        assert.throws(() => configFromEnv({ AWS_REGION: "r", USER_POOL_ID: "p", CLIENT_ID: "c", TOKEN_USE: "refresh" }), /TOKEN_USE/);
    });

    it("scopes the policy to the called API stage", () => {
        assert.strictEqual(stageWildcardArn(METHOD_ARN), STAGE_ARN);
        assert.throws(() => stageWildcardArn("garbage"), /methodArn/);
    });
});
