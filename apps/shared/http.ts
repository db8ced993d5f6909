import Fastify, { FastifyBaseLogger, FastifyError, FastifyInstance } from "fastify";
import { Logger } from "./logger";

/** An error the API returns as is: its status, a stable machine-readable code and a message for people. */
export class HttpError extends Error {
    constructor(readonly statusCode: number, readonly code: string, message: string, readonly details?: unknown) {
        super(message);
        this.name = "HttpError";
    }
}

export interface HttpAppOptions {
    readonly logger: Logger;
    /** Largest request body accepted, in bytes. @default 64 KiB */
    readonly bodyLimit?: number;
}

/** The body of every error response: `{ error: { code, message, details? } }`. */
export interface ErrorBody {
    error: { code: string; message: string; details?: unknown };
}

/**
 * A Fastify app with what both services share: JSON logs with request ids, clear 4xx bodies for
 * schema validation failures (each failing field named), no internals in 5xx bodies, and the
 * `/health` endpoint used by the container health check and the ALB target group. `/health` is a
 * liveness check that does not touch the stores: a database outage must not make ECS replace every
 * task at once. It turns 503 once shutdown has begun, so that the ALB stops routing to the task.
 */
export function createHttpApp(options: HttpAppOptions): { app: FastifyInstance; markDraining(): void } {
    let draining = false;
    const app = Fastify({
        loggerInstance: options.logger as FastifyBaseLogger,
        bodyLimit: options.bodyLimit ?? 64 * 1024,
        // Schema errors list every failing field, not just the first.
        ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: "array" } },
        requestIdHeader: "x-request-id",
        return503OnClosing: true,
    });

    app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
        if (err instanceof HttpError) {
            return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.details));
        }
        if (err.validation) {
            const details = err.validation.map((v) => ({ field: fieldOf(err.validationContext, v.instancePath, v.params), problem: v.message ?? "invalid" }));
            return reply.status(400).send(errorBody("validation_failed", `invalid request ${err.validationContext ?? ""}`.trim() + `: ${details.map((d) => `${d.field} ${d.problem}`).join("; ")}`, details));
        }
        const status = err.statusCode ?? 500;
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
    });
    app.get("/health", async (_request, reply) => (draining ? reply.status(503).send({ status: "draining" }) : { status: "ok" }));
    return { app, markDraining: () => void (draining = true) };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
    return { error: details === undefined ? { code, message } : { code, message, details } };
}

function fieldOf(context: string | undefined, instancePath: string, params: Record<string, unknown>): string {
    const missing = typeof params.missingProperty === "string" ? `/${params.missingProperty}` : "";
    const extra = typeof params.additionalProperty === "string" ? `/${params.additionalProperty}` : "";
    return `${context ?? "request"}${instancePath}${missing}${extra}`.replace(/\//g, ".");
}
