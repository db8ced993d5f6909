import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Env } from "./env";

/** What the reader needs of the Secrets Manager client (tests pass a stand-in; the real one is the SDK's). */
export interface SecretsClient {
    send(command: GetSecretValueCommand): Promise<{ SecretString?: string }>;
}

/**
 * A credential from Secrets Manager, in one of two forms:
 * - the value itself in `<name>` (ECS injects it from a secret at task start and the agent does the
 *   Secrets Manager call; locally, a plain value such as a test Redis's `CACHE_AUTH_TOKEN`);
 * - the secret's ARN in `<name>_SECRET_ARN` (optionally with `<name>_SECRET_KEY` for a JSON key),
 *   read here and re-read after `refreshMs`, which follows RDS's rotation of its managed secret
 *   without restarting the task.
 * Returns a getter; undefined when neither form is set.
 */
export function credentialFrom(env: Env, name: string, client?: SecretsClient, refreshMs = 5 * 60_000): (() => Promise<string>) | undefined {
    const direct = env[name];
    if (direct !== undefined && direct !== "") {
        return async () => direct;
    }
    const arn = env[`${name}_SECRET_ARN`];
    if (arn === undefined || arn === "") {
        return undefined;
    }
    const jsonKey = env[`${name}_SECRET_KEY`];
    const sm = client ?? new SecretsManagerClient({});
    let cached: { value: string; at: number } | undefined;
    return async () => {
        if (cached && Date.now() - cached.at < refreshMs) {
            return cached.value;
        }
        const out = await sm.send(new GetSecretValueCommand({ SecretId: arn }));
        if (out.SecretString === undefined) {
            throw new Error(`secret ${arn} has no string value`);
        }
        const value = jsonKey ? (JSON.parse(out.SecretString) as Record<string, unknown>)[jsonKey] : out.SecretString;
        if (typeof value !== "string") {
            throw new Error(`secret ${arn} has no string key ${JSON.stringify(jsonKey)}`);
        }
        cached = { value, at: Date.now() };
        return value;
    };
}
