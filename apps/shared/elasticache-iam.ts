import { createHash, createHmac, Hash, Hmac } from "node:crypto";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Checksum, SourceData } from "@smithy/types";
import { Env, EnvConfigError } from "./env";

/**
 * ElastiCache IAM authentication (Valkey 7.2+ / Redis OSS 7+ with in-transit encryption): the
 * password of an IAM-enabled cache user is a SigV4-presigned `connect` request, valid 15 minutes,
 * signed with the task role's credentials. Nothing long-lived is shared: the cache checks the
 * signature and the role's `elasticache:Connect` permission on the cache and the user.
 */

/** How long ElastiCache accepts a token (X-Amz-Expires). */
export const TOKEN_LIFETIME_SECONDS = 900;
/** ElastiCache closes an IAM-authenticated connection after 12 hours unless it re-authenticates. */
export const MAX_CONNECTION_SECONDS = 12 * 3600;
/** Sign a fresh token this often: a reconnect at any moment uses a token at most this old. */
export const REFRESH_SECONDS = 5 * 60;

export interface ElastiCacheIamTarget {
    /** Replication group id (the cache's name, not its endpoint): the signed request's host. */
    readonly replicationGroupId: string;
    /** The IAM-enabled ElastiCache user (its user id, which equals its user name). */
    readonly userId: string;
    /** Region of the cache, for the signature's scope. */
    readonly region: string;
    /** Credentials to sign with; in ECS, the task role's (the SDK's default provider chain). */
    readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

export interface CacheCredentials {
    readonly username: string;
    readonly password: string;
}

/** Gives the credentials to connect with at `now`. */
export type CacheCredentialProvider = (now: Date) => Promise<CacheCredentials>;

/** Node's SHA-256 (and HMAC-SHA-256 with a secret) behind the checksum interface the SDK's signer takes. */
class NodeSha256 implements Checksum {
    private hash: Hash | Hmac;

    constructor(private readonly secret?: SourceData) {
        this.hash = this.fresh();
    }

    update(data: Uint8Array | string): void {
        this.hash.update(data);
    }

    async digest(): Promise<Uint8Array> {
        return new Uint8Array(this.hash.digest());
    }

    reset(): void {
        this.hash = this.fresh();
    }

    private fresh(): Hash | Hmac {
        if (this.secret === undefined) {
            return createHash("sha256");
        }
        const key = typeof this.secret === "string" ? this.secret : Buffer.from(ArrayBuffer.isView(this.secret) ? new Uint8Array(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : new Uint8Array(this.secret));
        return createHmac("sha256", key);
    }
}

/** RFC 3986 encoding, as SigV4's canonical query uses it. */
function encode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The token for `target` signed at `now`: `<replicationGroupId>/?Action=connect&User=<userId>&X-Amz-...`,
 * the presigned URL without its scheme, as AWS's examples build it.
 */
export async function elastiCacheIamToken(target: ElastiCacheIamTarget, now: Date): Promise<string> {
    const signer = new SignatureV4({ service: "elasticache", region: target.region, credentials: target.credentials, sha256: NodeSha256 });
    const signed = await signer.presign({
        method: "GET",
        protocol: "http:",
        hostname: target.replicationGroupId,
        path: "/",
        query: { Action: "connect", User: target.userId },
        headers: { host: target.replicationGroupId },
    }, { expiresIn: TOKEN_LIFETIME_SECONDS, signingDate: now });
    const query = Object.entries(signed.query ?? {})
        .flatMap(([k, v]) => (Array.isArray(v) ? v : v === null ? [] : [v]).map((one) => `${encode(k)}=${encode(one)}`))
        .join("&");
    return `${target.replicationGroupId}/?${query}`;
}

/** A credential provider for the cache client: the user name and a token signed for `now`. */
export function elastiCacheIamCredentials(target: ElastiCacheIamTarget): CacheCredentialProvider {
    return async (now) => ({ username: target.userId, password: await elastiCacheIamToken(target, now) });
}

/** What `keepCredentialsFresh` needs of a client (ioredis reads `options` on every (re)connect). */
export interface RefreshableClient {
    readonly options: { username?: string; password?: string };
    readonly status: string;
    auth(username: string, password: string): Promise<unknown>;
}

/**
 * One refresh: signs a token for `now` and puts it where the client reads it on its next
 * (re)connect, then re-authenticates the live connection with it, which ElastiCache counts as a new
 * start of the 12-hour limit, so the connection is never cut for its age.
 */
export async function refreshCredentials(client: RefreshableClient, provider: CacheCredentialProvider, now: Date): Promise<void> {
    const { username, password } = await provider(now);
    client.options.username = username;
    client.options.password = password;
    if (client.status === "ready") {
        await client.auth(username, password);
    }
}

/**
 * Refreshes every `REFRESH_SECONDS` (well inside the token's 15 minutes and the connection's 12
 * hours): a reconnect at any moment presents a token at most that old. Errors go to `onError`; the
 * cache stays an optimisation. Returns the function that stops the timer.
 */
export function keepCredentialsFresh(client: RefreshableClient, provider: CacheCredentialProvider, onError: (err: unknown) => void): () => void {
    const timer = setInterval(() => refreshCredentials(client, provider, new Date()).catch(onError), REFRESH_SECONDS * 1000);
    timer.unref();
    return () => clearInterval(timer);
}

/**
 * The IAM credential provider the service stack configures (`CACHE_IAM_USER`,
 * `CACHE_REPLICATION_GROUP_ID`, `CACHE_REGION`, all or none), signing with the SDK's default
 * credential chain (the task role in ECS); undefined when none is set (a password or no AUTH, locally).
 */
export function elastiCacheIamFromEnv(env: Env): CacheCredentialProvider | undefined {
    const keys = ["CACHE_IAM_USER", "CACHE_REPLICATION_GROUP_ID", "CACHE_REGION"] as const;
    const set = keys.filter((k) => (env[k] ?? "") !== "");
    if (set.length === 0) {
        return undefined;
    }
    if (set.length < keys.length) {
        throw new EnvConfigError([`${keys.filter((k) => !set.includes(k)).join(", ")} not set: IAM authentication to the cache needs ${keys.join(", ")} together`]);
    }
    return elastiCacheIamCredentials({ userId: env.CACHE_IAM_USER!, replicationGroupId: env.CACHE_REPLICATION_GROUP_ID!, region: env.CACHE_REGION!, credentials: defaultProvider() });
}
