import { createHash } from "crypto";
import { FastifyRequest } from "fastify";
import { HttpError } from "./http";

/**
 * Idempotency keys for POST: a client that did not see the answer to a create (timeout, reset) sends
 * the same request again with the same `Idempotency-Key` header and gets the first answer back
 * (header `idempotent-replayed: true`) instead of a second item. The key is stored with a hash of
 * the body for `IDEMPOTENCY_TTL_SECONDS`; the same key with a different body is a 422.
 */
export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "idempotent-replayed";
/** How long a key is remembered unless configured, seconds: a day covers any client's retry policy. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

const KEY = /^[\x21-\x7e]{1,128}$/;

/** The request's idempotency key with the hash of its body, or undefined without the header; 400 for a malformed key. */
export function idempotencyOf(request: FastifyRequest): { key: string; requestHash: string } | undefined {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) {
        return undefined;
    }
    if (typeof key !== "string" || !KEY.test(key)) {
        throw new HttpError(400, "invalid_idempotency_key", "Idempotency-Key: 1 to 128 printable ASCII characters without spaces (a UUID is a good choice)");
    }
    return { key, requestHash: createHash("sha256").update(canonicalJson(request.body)).digest("base64url") };
}

/** The 422 for a key already used with another body. */
export function keyReused(key: string): HttpError {
    return new HttpError(422, "idempotency_key_reused", `Idempotency-Key ${JSON.stringify(key)} was used with a different request body`);
}

/** JSON with object keys sorted, so that the same body hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
    if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(",")}]`;
    }
    if (value !== null && typeof value === "object") {
        return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
    }
    return JSON.stringify(value) ?? "null";
}
