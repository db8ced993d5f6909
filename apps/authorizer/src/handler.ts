import type { APIGatewayAuthorizerResult, APIGatewayTokenAuthorizerEvent } from "aws-lambda";
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from "jose";

/**
 * Lambda TOKEN authorizer of the API (E4): verifies a Cognito JWT with `jose` (no hand-written
 * crypto) against the user pool's published keys and answers with an IAM policy.
 *
 * Answers, following API Gateway's conventions:
 * - no token, not `Bearer <jwt>`, not a JWT, or expired: throw `Unauthorized` -> 401, so that clients
 *   know to (re-)authenticate or refresh;
 * - a well-formed token that fails verification (signature, issuer, audience/client, token use):
 *   a Deny policy -> 403;
 * - a valid token: an Allow policy with the caller's claims as context for the integration.
 *
 * The policy covers every method of the stage (`<api>/<stage>/*`), not only the called method:
 * API Gateway caches the answer per token for the authorizer's TTL and applies it to any method the
 * same token calls next, so a method-scoped Allow would wrongly 403 the caller's second route.
 */

export type TokenUse = "access" | "id";

export interface AuthorizerConfig {
    readonly region: string;
    readonly userPoolId: string;
    /** The app client whose tokens are accepted (`client_id` of access tokens, `aud` of ID tokens). */
    readonly clientId: string;
    /** Which Cognito token the API accepts. @default "access" (ID tokens are meant for the client, not for APIs) */
    readonly tokenUse: TokenUse;
}

/** Reads the configuration the Lambda's environment carries; fails fast with the missing names. */
export function configFromEnv(env: NodeJS.ProcessEnv): AuthorizerConfig {
    const missing = ["AWS_REGION", "USER_POOL_ID", "CLIENT_ID"].filter((k) => !env[k]);
    if (missing.length > 0) {
        throw new Error(`authorizer misconfigured: environment variable(s) ${missing.join(", ")} not set`);
    }
    const tokenUse = env.TOKEN_USE ?? "access";
    if (tokenUse !== "access" && tokenUse !== "id") {
        throw new Error(`authorizer misconfigured: TOKEN_USE = "${tokenUse}", expected "access" or "id"`);
    }
    return { region: env.AWS_REGION!, userPoolId: env.USER_POOL_ID!, clientId: env.CLIENT_ID!, tokenUse };
}

export function issuerOf(config: Pick<AuthorizerConfig, "region" | "userPoolId">): string {
    return `https://cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
}

export function jwksUrlOf(config: Pick<AuthorizerConfig, "region" | "userPoolId">): URL {
    return new URL(`${issuerOf(config)}/.well-known/jwks.json`);
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/** `arn:aws:execute-api:<region>:<acct>:<api>/<stage>/<METHOD>/<path>` -> `...:<api>/<stage>/*`. */
export function stageWildcardArn(methodArn: string): string {
    const [prefix, ...rest] = methodArn.split("/");
    if (rest.length < 2 || !prefix.startsWith("arn:")) {
        throw new Error(`unexpected methodArn ${methodArn}`);
    }
    return `${prefix}/${rest[0]}/*`;
}

function policy(principalId: string, effect: "Allow" | "Deny", resource: string, context?: Record<string, string>): APIGatewayAuthorizerResult {
    return {
        principalId,
        policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] },
        ...(context ? { context } : {}),
    };
}

/** Why a verified signature still does not make the token acceptable; undefined when it does. */
function claimProblem(payload: JWTPayload, config: AuthorizerConfig): string | undefined {
    if (payload.token_use !== config.tokenUse) {
        return `token_use ${String(payload.token_use)} is not ${config.tokenUse}`;
    }
    // Cognito access tokens carry the app client in client_id and have no aud; ID tokens carry aud.
    if (config.tokenUse === "access" && payload.client_id !== config.clientId) {
        return "client_id does not match";
    }
    return undefined;
}

/** Context values must be strings, numbers or booleans; the integration reads them as `$context.authorizer.<key>`. */
function contextOf(payload: JWTPayload): Record<string, string> {
    const claim = (k: string) => (payload[k] === undefined ? "" : String(payload[k]));
    return { sub: claim("sub"), username: claim(payload.token_use === "id" ? "cognito:username" : "username"), scope: claim("scope"), tokenUse: claim("token_use"), clientId: claim("client_id") || claim("aud") };
}

export class Unauthorized extends Error {
    constructor() {
        // API Gateway maps exactly this message to a 401.
        super("Unauthorized");
    }
}

/** Builds the handler around a key source (`createRemoteJWKSet` in Lambda, a local key set in tests). */
export function createHandler(config: AuthorizerConfig, keys: JWTVerifyGetKey, log: (entry: Record<string, unknown>) => void = () => undefined) {
    const issuer = issuerOf(config);
    return async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
        const match = BEARER.exec(event.authorizationToken ?? "");
        if (!match) {
            log({ outcome: "unauthorized", reason: "missing or malformed bearer token" });
            throw new Unauthorized();
        }
        const resource = stageWildcardArn(event.methodArn);
        try {
            const { payload } = await jwtVerify(match[1], keys, {
                issuer,
                algorithms: ["RS256"],
                clockTolerance: 5,
                ...(config.tokenUse === "id" ? { audience: config.clientId } : {}),
            });
            const problem = claimProblem(payload, config);
            if (problem !== undefined) {
                log({ outcome: "deny", reason: problem, sub: payload.sub });
                return policy(payload.sub ?? "unknown", "Deny", resource);
            }
            log({ outcome: "allow", sub: payload.sub });
            return policy(payload.sub!, "Allow", resource, contextOf(payload));
        } catch (e) {
            if (e instanceof errors.JWTExpired || e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid || e instanceof errors.JOSENotSupported) {
                log({ outcome: "unauthorized", reason: (e as Error).message });
                throw new Unauthorized();
            }
            if (e instanceof errors.JOSEError) {
                log({ outcome: "deny", reason: e.code });
                return policy("unknown", "Deny", resource);
            }
            // A JWKS fetch or other infrastructure failure: let it surface as a 500, not as a Deny that hides it.
            throw e;
        }
    };
}

let cached: ((event: APIGatewayTokenAuthorizerEvent) => Promise<APIGatewayAuthorizerResult>) | undefined;

/**
 * The Lambda entry point (async: Node.js 24 no longer supports callback handlers). The handler and
 * its remote key set are built once per execution environment, so the JWKS is fetched once and cached.
 */
export const handler = async (event: APIGatewayTokenAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
    if (cached === undefined) {
        const config = configFromEnv(process.env);
        cached = createHandler(config, createRemoteJWKSet(jwksUrlOf(config)), (entry) => console.log(JSON.stringify(entry)));
    }
    return cached(event);
};
