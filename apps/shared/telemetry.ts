import { Attributes, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";

export interface Telemetry {
    /** Flushes the spans still in the batch; called on shutdown. */
    shutdown(): Promise<void>;
}

/**
 * Traces to the ADOT sidecar (OTLP/gRPC on 127.0.0.1:4317, which the task definition sets in
 * OTEL_EXPORTER_OTLP_ENDPOINT), which forwards them to X-Ray. Trace ids follow X-Ray's format
 * (time-prefixed) so that X-Ray accepts them.
 *
 * Only Node built-ins are instrumented automatically (incoming and outgoing HTTP, and `fetch`): the
 * image runs an esbuild bundle, and require-hook instrumentations cannot patch bundled modules. The
 * database, cache and DynamoDB calls get explicit spans through `withSpan` instead.
 *
 * Without an endpoint (local runs, tests) nothing is exported. The SDK is loaded only here: code
 * that just records spans (`withSpan`) needs the API alone, and the SDK with its gRPC exporter takes
 * most of a second to load (which every import of the apps' modules, such as the plan reading their
 * route tables, would otherwise pay).
 */
export function startTelemetry(serviceName: string, endpoint: string | undefined): Telemetry {
    if (endpoint === undefined) {
        return { shutdown: async () => undefined };
    }
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { OTLPTraceExporter } = require("@opentelemetry/exporter-trace-otlp-grpc") as typeof import("@opentelemetry/exporter-trace-otlp-grpc");
    const { AWSXRayIdGenerator } = require("@opentelemetry/id-generator-aws-xray") as typeof import("@opentelemetry/id-generator-aws-xray");
    const { registerInstrumentations } = require("@opentelemetry/instrumentation") as typeof import("@opentelemetry/instrumentation");
    const { HttpInstrumentation } = require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
    const { UndiciInstrumentation } = require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
    const { resourceFromAttributes } = require("@opentelemetry/resources") as typeof import("@opentelemetry/resources");
    const { BatchSpanProcessor } = require("@opentelemetry/sdk-trace-base") as typeof import("@opentelemetry/sdk-trace-base");
    const { NodeTracerProvider } = require("@opentelemetry/sdk-trace-node") as typeof import("@opentelemetry/sdk-trace-node");
    const { ATTR_SERVICE_NAME } = require("@opentelemetry/semantic-conventions") as typeof import("@opentelemetry/semantic-conventions");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const provider = new NodeTracerProvider({
        resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
        idGenerator: new AWSXRayIdGenerator(),
        spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
    });
    provider.register();
    registerInstrumentations({
        tracerProvider: provider,
        // Health checks every 15 s from two checkers would drown the traces.
        instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === "/health" }), new UndiciInstrumentation()],
    });
    return { shutdown: () => provider.shutdown() };
}

/** Runs `fn` inside a client span named `name`; the span records the error and rethrows it. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
    return trace.getTracer("platform-apps").startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
        try {
            return await fn();
        } catch (err) {
            span.recordException(err as Error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
            throw err;
        } finally {
            span.end();
        }
    });
}
