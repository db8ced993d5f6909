import { trace } from "@opentelemetry/api";
import pino from "pino";

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout (the awslogs driver ships them to CloudWatch Logs, where Logs
 * Insights queries the fields). Each line carries the active trace and span ids, so a log line
 * leads to its X-Ray trace and back.
 */
export function createLogger(service: string, level = "info", destination?: pino.DestinationStream): Logger {
    const options: pino.LoggerOptions = {
        level,
        base: { service },
        messageKey: "message",
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        // Credentials never reach the logs, whichever object a caller logs.
        redact: { paths: ["req.headers.authorization", "*.password", "*.authToken", "password", "authToken"], censor: "[redacted]" },
        mixin: () => {
            const span = trace.getActiveSpan()?.spanContext();
            return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
        },
    };
    return destination ? pino(options, destination) : pino(options);
}
