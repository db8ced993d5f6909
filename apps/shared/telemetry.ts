import { Attributes, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { AWSXRayIdGenerator } from "@opentelemetry/id-generator-aws-xray";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";

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
 * Without an endpoint (local runs, tests) nothing is exported.
 */
export function startTelemetry(serviceName: string, endpoint: string | undefined): Telemetry {
    if (endpoint === undefined) {
        return { shutdown: async () => undefined };
    }
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
