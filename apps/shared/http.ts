import Ajv from "ajv";
import Fastify, { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BreakerOpenError } from "./breaker";
import { Logger } from "./logger";

/** An error the API returns as is: its status, a stable machine-readable code and a message for people. */
export class HttpError extends Error {
    constructor(readonly statusCode: number, readonly code: string, message: string, readonly details?: unknown, readonly retryAfterSeconds?: number) {
        super(message);
        this.name = "HttpError";
    }
}

/**
 * A 503 for a dependency that cannot answer now, with `Retry-After` (seconds, at least 1): the
 * breaker's remaining backoff when it is open, else one second.
 */
export function dependencyUnavailable(dependency: string, err: unknown): HttpError {
    const retryAfter = err instanceof BreakerOpenError ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : 1;
    const reason = (err as Error).message;
    return new HttpError(503, "dependency_unavailable", reason.startsWith(dependency) ? reason : `${dependency} unavailable: ${reason}`, undefined, retryAfter);
}

/** Limits every JSON body is held to, chosen so that whatever passes is storable in DynamoDB and PostgreSQL. */
export const JSON_LIMITS = {
    /** Nesting levels of objects and arrays, the body itself counting as one (DynamoDB allows 32 in an item). */
    maxDepth: 32,
    /** Largest integer magnitude: beyond 2^53 - 1, JSON.parse silently changes the value. */
    maxSafeInteger: Number.MAX_SAFE_INTEGER,
    /** Smallest non-zero magnitude DynamoDB stores (1E-130). */
    minMagnitude: 1e-130,
} as const;

export interface HttpAppOptions {
    readonly logger: Logger;
    /** Largest request body accepted, in bytes; larger bodies get a 413. @default 64 KiB */
    readonly bodyLimit?: number;
}

/** The body of every error response: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
    error: { code: string; message: string; details?: unknown };
}

/** A declared body up to this size is read and discarded after a 413, so that the client reads the 413 instead of a reset. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * A Fastify app with what both services share: JSON logs with request ids, clear 4xx bodies for
 * schema validation failures (each failing field named), no internals in 5xx bodies, and the
 * `/health` endpoint used by the container health check and the ALB target group. `/health` is a
 * liveness check that does not touch the stores: a database outage must not make ECS replace every
 * task at once. It turns 503 once shutdown has begun, so that the load balancer stops routing to the
 * task, and from then on every response closes its connection, so that keep-alive connections end
 * with their last request instead of holding the shutdown open.
 *
 * Bodies are validated strictly (a string field given a number is a 400, never converted); query
 * strings and path parameters are text by nature, so they are converted where a schema says
 * integer. JSON bodies are parsed with JSON_LIMITS and without NUL characters.
 */
export function createHttpApp(options: HttpAppOptions): { app: FastifyInstance; markDraining(): void } {
    let draining = false;
    const app = Fastify({
        loggerInstance: options.logger as FastifyBaseLogger,
        bodyLimit: options.bodyLimit ?? 64 * 1024,
        requestIdHeader: "x-request-id",
        return503OnClosing: true,
        // Longer than the ALB's 60 s idle timeout, so that the ALB, not the task, closes idle connections (no 502 on a reused socket).
        keepAliveTimeout: 65_000,
    });
    const strict = new Ajv({ allErrors: true, coerceTypes: false, useDefaults: true, removeAdditional: false });
    const textual = new Ajv({ allErrors: true, coerceTypes: true, useDefaults: true, removeAdditional: false });
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? strict : textual).compile(schema));

    app.removeContentTypeParser("application/json");
    app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
        try {
            done(null, parseJsonBody(body as string));
        } catch (err) {
            done(err as Error, undefined);
        }
    });

    app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
        if (err instanceof HttpError) {
            if (err.retryAfterSeconds !== undefined) {
                reply.header("retry-after", String(err.retryAfterSeconds));
                request.log.warn({ code: err.code, reason: err.message }, "dependency unavailable");
            }
            return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.details));
        }
        if (err.validation) {
            const details = err.validation.map((v) => ({ field: fieldOf(err.validationContext, v.instancePath, v.params), problem: v.message ?? "invalid" }));
            return reply.status(400).send(errorBody("validation_failed", `invalid request ${err.validationContext ?? ""}`.trim() + `: ${details.map((d) => `${d.field} ${d.problem}`).join("; ")}`, details));
        }
        const status = err.statusCode ?? 500;
        if (status === 413) {
            keepReadingOversizedBody(request, reply);
        }
        if (status < 500) {
            // Fastify's own 4xx (malformed JSON, body too large, wrong content type).
            return reply.status(status).send(errorBody(err.code ?? "bad_request", err.message));
        }
        request.log.error({ err }, "request failed");
        return reply.status(500).send(errorBody("internal_error", "internal error; the request id is in the x-request-id header"));
    });
    app.setNotFoundHandler((request, reply) => reply.status(404).send(errorBody("not_found", `no route ${request.method} ${request.url}`)));
    app.addHook("onSend", async (request, reply) => {
        reply.header("x-request-id", request.id);
        if (draining) {
            reply.header("connection", "close");
        }
    });
    app.get("/health", async (_request, reply) => (draining ? reply.status(503).send({ status: "draining" }) : { status: "ok" }));
    return { app, markDraining: () => void (draining = true) };
}

/**
 * Fastify answers an oversized body with `Connection: close` before reading it, and the kernel then
 * resets the connection under a client that is still sending, which never sees the 413. A declared
 * length up to DRAIN_LIMIT_BYTES is read and dropped instead (Node discards an unread body after the
 * response and keeps the connection); beyond that, or without a length, the connection closes.
 */
function keepReadingOversizedBody(request: FastifyRequest, reply: FastifyReply): void {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared <= DRAIN_LIMIT_BYTES) {
        reply.removeHeader("connection");
    }
}

/** JSON.parse with JSON_LIMITS: 400 `invalid_json` for a depth, a number or a NUL character that the stores would refuse or alter. */
export function parseJsonBody(text: string): unknown {
    const depth = maxDepth(text);
    if (depth > JSON_LIMITS.maxDepth) {
        throw new HttpError(400, "invalid_json", `JSON nested ${depth} levels deep; at most ${JSON_LIMITS.maxDepth} are accepted`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text, (key, v: unknown) => {
            if (key.includes("\u0000") || (typeof v === "string" && v.includes("\u0000"))) {
                throw new HttpError(400, "invalid_json", "NUL characters (\\u0000) are not accepted in strings or keys");
            }
            if (typeof v === "number" && !numberStorable(v)) {
                throw new HttpError(400, "invalid_json", `number ${key === "" ? "" : `in ${JSON.stringify(key)} `}out of range: integers up to ±${JSON_LIMITS.maxSafeInteger} and finite fractions of magnitude at least ${JSON_LIMITS.minMagnitude} are accepted`);
            }
            return v;
        });
    } catch (err) {
        if (err instanceof HttpError) {
            throw err;
        }
        throw new HttpError(400, "invalid_json", `body is not valid JSON: ${(err as Error).message}`);
    }
    return value;
}

function numberStorable(n: number): boolean {
    if (!Number.isFinite(n)) {
        return false;
    }
    if (Number.isInteger(n)) {
        return Math.abs(n) <= JSON_LIMITS.maxSafeInteger;
    }
    return Math.abs(n) >= JSON_LIMITS.minMagnitude;
}

/** Deepest nesting of objects and arrays in JSON text, brackets inside strings ignored. */
function maxDepth(text: string): number {
    let depth = 0;
    let deepest = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 92 /* \ */) {
                i++;
            } else if (c === 34 /* " */) {
                inString = false;
            }
        } else if (c === 34) {
            inString = true;
        } else if (c === 123 /* { */ || c === 91 /* [ */) {
            deepest = Math.max(deepest, ++depth);
        } else if (c === 125 /* } */ || c === 93 /* ] */) {
            depth--;
        }
    }
    return deepest;
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
    return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** The path of the collection a request addressed, without its query string: where a created item's `Location` points below. */
export function collectionPath(request: FastifyRequest): string {
    return request.url.split("?")[0].replace(/\/+$/, "");
}

/** A canonical UUID: lowercase hexadecimal in 8-4-4-4-12 groups, nothing around it (no `urn:uuid:`, no braces). */
export const UUID_SCHEMA = { type: "string", pattern: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$" } as const;

function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
    const missing = typeof params.missingProperty === "string" ? `/${params.missingProperty}` : "";
    const extra = typeof params.additionalProperty === "string" ? `/${params.additionalProperty}` : "";
    return `${context ?? "request"}${instancePath}${missing}${extra}`.replace(/\//g, ".");
}
