/**
 * The container definitions of a mesh service's task: the application and the AWS Distro for
 * OpenTelemetry collector, which receives the app's OTLP traces on localhost and sends them to
 * X-Ray (M7; the X-Ray daemon is in maintenance mode). Pure: the component turns this into JSON.
 */

/** Pinned, so that a new collector release never reaches production without a change here. */
export const DEFAULT_ADOT_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0";
/** Name of the app container's port mapping; Service Connect refers to the port by this name. */
export const APP_PORT_NAME = "http";
/** Name of the app's TLS port mapping, the load balancer's target where its listener is HTTPS. */
export const APP_TLS_PORT_NAME = "https";
export const APP_CONTAINER = "app";
export const ADOT_CONTAINER = "otel-collector";
/** The writable scratch volume under a read-only root filesystem. */
export const TMP_VOLUME = "tmp";
/** Non-root user the app runs as unless told otherwise (uid:gid; numeric, so it needs no /etc/passwd entry). */
export const DEFAULT_APP_USER = "10001:10001";
/** The ADOT image's own non-root user. */
const ADOT_USER = "10001";

/**
 * Collector pipeline: OTLP in (gRPC 4317, HTTP 4318 on localhost), batched, out to X-Ray only.
 * Given inline so that the collector needs no config file and no extra permissions (the image's
 * default ECS config also ships metrics, which would need CloudWatch Logs rights).
 */
export const ADOT_CONFIG = [
    "extensions:",
    "  health_check:",
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      grpc:",
    "        endpoint: 127.0.0.1:4317",
    "      http:",
    "        endpoint: 127.0.0.1:4318",
    "processors:",
    "  batch:",
    "exporters:",
    "  awsxray:",
    "service:",
    "  extensions: [health_check]",
    "  pipelines:",
    "    traces:",
    "      receivers: [otlp]",
    "      processors: [batch]",
    "      exporters: [awsxray]",
    "",
].join("\n");

export interface ContainerDefinitionsArgs {
    readonly serviceName: string;
    readonly image: string;
    readonly containerPort: number;
    /** The app's TLS port (mapped as APP_TLS_PORT_NAME and given to the app as TLS_PORT); unset, none. */
    readonly tlsPort?: number;
    readonly region: string;
    readonly logGroupName: string;
    /** Plain environment variables. */
    readonly environment: Readonly<Record<string, string>>;
    /** Variable name -> Secrets Manager ARN (optionally `:json-key::`), injected by the ECS agent. */
    readonly secrets: Readonly<Record<string, string>>;
    /** Command of the container health check (the form ECS takes: `["CMD-SHELL", "..."]` or `["CMD", ...]`). */
    readonly healthCheckCommand: readonly string[];
    /** uid:gid the app runs as; never root. */
    readonly user: string;
    /** Image of the ADOT collector. */
    readonly adotImage: string;
    /**
     * ECS Exec is enabled: the app container (the one operators exec into) gets a writable root file
     * system, because the SSM agent that ECS Exec injects writes to it and AWS does not support
     * ECS Exec on a read-only root. The collector stays read-only. @default false
     */
    readonly execCommand?: boolean;
    /**
     * Task memory, MiB. Sets the app's Node.js heap limit from it (NODE_OPTIONS, see nodeHeapLimitMiB)
     * unless `environment` sets NODE_OPTIONS itself: V8 sizes its heap from the host's memory, not
     * the task's, so without it a busy task grows until the kernel kills it. Harmless for non-Node
     * images. Without it, no limit is set.
     */
    readonly taskMemoryMiB?: number;
}

/** Memory the collector sidecar reserves, MiB. */
export const ADOT_MEMORY_RESERVATION_MIB = 64;

/**
 * The Node.js old-space limit for a task's app, MiB: three quarters of what the collector leaves,
 * the rest being V8's young generation, code, buffers and native memory (512 MiB task -> 336).
 */
export function nodeHeapLimitMiB(taskMemoryMiB: number): number {
    return Math.floor((taskMemoryMiB - ADOT_MEMORY_RESERVATION_MIB) * 0.75);
}

/** Container definitions, as ECS's `containerDefinitions` JSON takes them (keys sorted for stable diffs). */
export function containerDefinitions(args: ContainerDefinitionsArgs): object[] {
    const logs = (streamPrefix: string) => ({
        logDriver: "awslogs",
        options: { "awslogs-group": args.logGroupName, "awslogs-region": args.region, "awslogs-stream-prefix": streamPrefix },
    });
    const byName = (record: Readonly<Record<string, string>>) => Object.keys(record).sort();
    const app = {
        name: APP_CONTAINER,
        image: args.image,
        essential: true,
        user: args.user,
        readonlyRootFilesystem: !(args.execCommand ?? false),
        portMappings: [
            { name: APP_PORT_NAME, containerPort: args.containerPort, protocol: "tcp", appProtocol: "http" },
            ...(args.tlsPort !== undefined ? [{ name: APP_TLS_PORT_NAME, containerPort: args.tlsPort, protocol: "tcp" }] : []),
        ],
        environment: [
            ...byName(args.environment).map((name) => ({ name, value: args.environment[name] })),
            // Where the app's OpenTelemetry SDK sends traces: the sidecar, on localhost.
            { name: "OTEL_EXPORTER_OTLP_ENDPOINT", value: "http://127.0.0.1:4317" },
            { name: "OTEL_SERVICE_NAME", value: args.serviceName },
            ...(args.tlsPort !== undefined ? [{ name: "TLS_PORT", value: String(args.tlsPort) }] : []),
            ...(args.taskMemoryMiB !== undefined && args.environment.NODE_OPTIONS === undefined ? [{ name: "NODE_OPTIONS", value: `--max-old-space-size=${nodeHeapLimitMiB(args.taskMemoryMiB)}` }] : []),
        ],
        secrets: byName(args.secrets).map((name) => ({ name, valueFrom: args.secrets[name] })),
        mountPoints: [{ sourceVolume: TMP_VOLUME, containerPath: "/tmp", readOnly: false }],
        healthCheck: { command: [...args.healthCheckCommand], interval: 15, timeout: 5, retries: 3, startPeriod: 30 },
        logConfiguration: logs(APP_CONTAINER),
        // Start the collector first so that the app's first spans have somewhere to go.
        dependsOn: [{ containerName: ADOT_CONTAINER, condition: "START" }],
        // Time to finish in-flight requests after SIGTERM before ECS kills the container.
        stopTimeout: 30,
    };
    const collector = {
        name: ADOT_CONTAINER,
        image: args.adotImage,
        // Losing traces must not take the service down: a collector crash does not stop the task.
        essential: false,
        user: ADOT_USER,
        readonlyRootFilesystem: true,
        environment: [{ name: "AOT_CONFIG_CONTENT", value: ADOT_CONFIG }],
        // ECS runs `CMD` (exec form) or `CMD-SHELL`; the collector image has no shell, only this binary.
        healthCheck: { command: ["CMD", "/healthcheck"], interval: 15, timeout: 5, retries: 3, startPeriod: 10 },
        logConfiguration: logs(ADOT_CONTAINER),
        memoryReservation: ADOT_MEMORY_RESERVATION_MIB,
    };
    return [app, collector];
}

/** Whether a `user` value names root (by name or uid 0), which the task definition must never run as. */
export function isRootUser(user: string): boolean {
    const uid = user.split(":")[0].trim();
    return uid === "" || uid === "root" || /^0+$/.test(uid);
}
