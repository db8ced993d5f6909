import * as fs from "fs";
import * as path from "path";
import { MAX_RULE_PRIORITY } from "../../components/mesh/path-rules";
import { tableVariableOf } from "../../components/data/table-spec";
import { SERVICE_NAME, urlVariableOf } from "../../stacks/service/config";
import { servicePulumiYaml } from "../../stacks/service/schema";
import { discoverProjects } from "./projects";
import { readStackConfig } from "./stack-config";

/**
 * The scaffold behind `npm run new-service`: a service project under apps/<name> (Pulumi project
 * and a stack file per environment, a minimal Fastify app on apps/shared with a test, a
 * Dockerfile), registered in the platform's and the edge's stack files of every environment.
 */

export interface NewServiceOptions {
    readonly name: string;
    /** Services it calls through the mesh (existing service projects). */
    readonly calls?: readonly string[];
    /** Public path on the edge and the ALB, `/api/v1/<x>`. @default `/api/v1/<name>` */
    readonly path?: string;
    /** One DynamoDB table: its name, partition key and optional sort key (all string attributes). */
    readonly table?: { readonly name: string; readonly partitionKey: string; readonly sortKey?: string };
}

export interface NewServiceResult {
    readonly created: string[];
    readonly updated: string[];
    readonly environments: string[];
}

/** `--table Orders:pk[:sk]`. */
export function parseTableArgument(value: string): NewServiceOptions["table"] {
    const [name, partitionKey, sortKey, ...rest] = value.split(":");
    if (!name || !partitionKey || rest.length > 0) {
        throw new Error(`--table ${value}: expected <Name>:<partitionKey>[:<sortKey>], such as Orders:pk:sk`);
    }
    return { name, partitionKey, ...(sortKey ? { sortKey } : {}) };
}

/** Environments: the platform's stack files (Pulumi.<env>.yaml at the root). */
export function environmentsOf(root: string): string[] {
    return fs.readdirSync(root).map((f) => /^Pulumi\.([a-z][a-z0-9-]*)\.yaml$/.exec(f)?.[1]).filter((e): e is string => e !== undefined).sort();
}

/** Appends `item` to the block list `key:` of a stack file, unless present; returns whether the file changed. */
export function appendToList(file: string, key: string, item: string): boolean {
    const text = fs.readFileSync(file, "utf8");
    const block = new RegExp(`^(  ${key}:)[ \\t]*(\\[\\])?[ \\t]*\\n((?:    - .*\\n)*)`, "m");
    const m = block.exec(text);
    if (m === null) {
        // Absent: add it at the end of the config map.
        fs.writeFileSync(file, `${text.replace(/\n*$/, "\n")}  ${key}:\n    - ${item}\n`);
        return true;
    }
    const items = m[3].split("\n").filter((l) => l.trim() !== "").map((l) => l.replace(/^    - /, "").trim().replace(/^["']|["']$/g, ""));
    if (items.includes(item)) {
        return false;
    }
    fs.writeFileSync(file, text.slice(0, m.index) + `${m[1]}\n${m[3]}    - ${item}\n` + text.slice(m.index + m[0].length));
    return true;
}

function nextPriority(root: string, env: string): number {
    const priorities = discoverProjects(root).filter((p) => p.kind === "service")
        .map((p) => Number(readStackConfig(p.dir, env)[`${p.name}:listenerRulePriority`])).filter(Number.isInteger);
    const next = Math.max(0, ...priorities) + 100;
    if (next > MAX_RULE_PRIORITY) {
        throw new Error(`no listener rule priority left above ${Math.max(...priorities)}: set ${MAX_RULE_PRIORITY} or less by hand`);
    }
    return next;
}

function stackFile(name: string, env: string, production: boolean, o: Required<Pick<NewServiceOptions, "calls">> & NewServiceOptions, apiPath: string, priority: number): string {
    const sizes = production
        ? [`# ${env}: production. Two tasks at least, on-demand capacity, canary deployments rolled back on the ALB alarms.`, "config:", "  aws:region: us-east-1",
            `  ${name}:cpu: 512`, `  ${name}:memory: 1024`, `  ${name}:minTasks: 2`, `  ${name}:maxTasks: 10`, `  ${name}:deploymentStrategy: CANARY`]
        : [`# ${env}: cheap. The smallest Fargate size, one task on Spot, rolling deployments, ECS Exec for debugging.`, "config:", "  aws:region: us-east-1",
            `  ${name}:cpu: 256`, `  ${name}:memory: 512`, `  ${name}:minTasks: 1`, `  ${name}:maxTasks: 2`, `  ${name}:fargateSpot: true`,
            `  ${name}:deploymentStrategy: ROLLING`, `  ${name}:enableExecuteCommand: true`, `  ${name}:imageTag: ${env}`];
    const lines = [...sizes, `  ${name}:owner: ${name}-team`, `  ${name}:costCenter: ${name}-${env}`,
        "  # What the service is: its ALB routes, its callees and its data (the same in every environment).",
        `  ${name}:pathPatterns: ["${apiPath}*"]`, `  ${name}:listenerRulePriority: ${priority}`];
    if (o.calls.length > 0) {
        lines.push(`  ${name}:calls: [${o.calls.join(", ")}]`);
    }
    if (o.table !== undefined) {
        const t = o.table;
        const attributes = [t.partitionKey, ...(t.sortKey ? [t.sortKey] : [])].map((a) => `${a}: S`).join(", ");
        lines.push(`  ${name}:tables:`, `    - name: ${t.name}`, `      attributes: { ${attributes} }`, `      partitionKey: ${t.partitionKey}`, ...(t.sortKey ? [`      sortKey: ${t.sortKey}`] : []));
    }
    return lines.join("\n") + "\n";
}

function appFiles(name: string, o: Required<Pick<NewServiceOptions, "calls">> & NewServiceOptions, apiPath: string): Record<string, string> {
    const camel = (s: string) => s.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    const pascal = camel(name)[0].toUpperCase() + camel(name).slice(1);
    const tableVar = o.table ? tableVariableOf(o.table.name) : undefined;
    return {
        "index.ts": `import { serviceProgram } from "../../stacks/service/program";\n\nexport = () => serviceProgram();\n`,
        "tsconfig.json": `{\n  "extends": "../../tsconfig.json"\n}\n`,
        "src/server.ts": `import { FastifyInstance } from "fastify";
import { createHttpApp } from "../../shared/http";
import { Logger } from "../../shared/logger";

export const API_PREFIX = "${apiPath}";

export interface ${pascal}Deps {
    readonly logger: Logger;
}

/** The ${name} API: /health (from apps/shared) and a first route under ${apiPath}. */
export function build${pascal}App(deps: ${pascal}Deps): { app: FastifyInstance; markDraining(): void } {
    const { app, markDraining } = createHttpApp({ logger: deps.logger });
    app.get(API_PREFIX, async () => ({ service: "${name}", status: "ok" }));
    return { app, markDraining };
}
`,
        "src/main.ts": `import { EnvReader } from "../../shared/env";
import { createLogger } from "../../shared/logger";
import { exitOnSignals } from "../../shared/shutdown";
import { startTelemetry } from "../../shared/telemetry";
import { build${pascal}App } from "./server";

function config(env = process.env) {
    const e = new EnvReader(env);
    const values = {
        serviceName: e.string("SERVICE_NAME", "${name}"),
        port: e.int("PORT", 8080, 1, 65535),
        host: e.string("HOST", "0.0.0.0"),
        logLevel: e.oneOf("LOG_LEVEL", ["fatal", "error", "warn", "info", "debug", "trace"], "info"),
        otlpEndpoint: e.optional("OTEL_EXPORTER_OTLP_ENDPOINT"),${tableVar ? `\n        // The table's physical name, set by the service stack.\n        table: e.string("${tableVar}"),` : ""}${o.calls.map((c) => `\n        ${camel(c)}Url: e.url("${urlVariableOf(c)}"),`).join("")}
    };
    e.done();
    return values;
}

async function main() {
    const c = config();
    const logger = createLogger(c.serviceName, c.logLevel);
    const telemetry = startTelemetry(c.serviceName, c.otlpEndpoint);
    const { app, markDraining } = build${pascal}App({ logger });
    // ECS sends SIGTERM: /health turns 503, in-flight requests finish, then the process exits.
    exitOnSignals({
        logger,
        onDraining: markDraining,
        closers: [
            { name: "http", close: () => app.close() },
            { name: "telemetry", close: () => telemetry.shutdown() },
        ],
    });
    await app.listen({ port: c.port, host: c.host });
}

main().catch((err) => {
    console.error(JSON.stringify({ level: "fatal", message: "startup failed", error: (err as Error).message }));
    process.exit(1);
});
`,
        [`test/${name}.test.ts`]: `import * as assert from "assert";
import { createLogger } from "../../shared/logger";
import { API_PREFIX, build${pascal}App } from "../src/server";

describe("${name} app", () => {
    const { app, markDraining } = build${pascal}App({ logger: createLogger("${name}", "silent") });
    after(() => app.close());

    it("answers its route and /health, and turns /health 503 once draining", async () => {
        assert.strictEqual((await app.inject({ url: API_PREFIX })).statusCode, 200);
        assert.deepStrictEqual((await app.inject({ url: "/health" })).json(), { status: "ok" });
        markDraining();
        assert.strictEqual((await app.inject({ url: "/health" })).statusCode, 503);
    });
});
`,
        "Dockerfile": `# syntax=docker/dockerfile:1.7
# The ${name} service. Build context: the repository root (one package-lock.json for the repository):
#   docker build -f apps/${name}/Dockerfile -t ${name}:dev .
# The service stack builds and pushes it unless \`${name}:image\` names a pinned image URI.

FROM node:22.20.0-alpine3.22 AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY apps/shared apps/shared
COPY apps/${name}/src apps/${name}/src
RUN mkdir -p /out && node_modules/.bin/ts-node --transpile-only apps/shared/bundle.ts ${name} /out/app

FROM node:22.20.0-alpine3.22 AS runtime
# curl: the task definition's health check (curl -fsS http://localhost:8080/health).
RUN apk add --no-cache curl=~8 && rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx /opt/yarn* /usr/local/bin/yarn*
WORKDIR /app
COPY --from=build --chown=0:0 /out/app/ ./
ENV NODE_ENV=production \\
    PORT=8080 \\
    NODE_OPTIONS=--enable-source-maps
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD curl -fsS http://localhost:8080/health || exit 1
CMD ["node", "main.js"]
`,
    };
}

/**
 * Writes the service and registers it. Refuses an invalid name, a folder of apps/ that is not a
 * service, an unknown callee or a bad path before writing anything, and a service that exists and
 * is registered everywhere. For an existing service it only completes the registration (skipping
 * what is there), so a second run after an interrupted one finishes it.
 */
export function newService(root: string, options: NewServiceOptions): NewServiceResult {
    const name = options.name;
    const o = { ...options, calls: [...(options.calls ?? [])] };
    if (!SERVICE_NAME.test(name)) {
        throw new Error(`"${name}" is not a service name: 2 to 32 lower-case letters, digits and dashes, starting with a letter (a DNS label)`);
    }
    const dir = path.join(root, "apps", name);
    const projects = discoverProjects(root);
    const services = projects.filter((p) => p.kind === "service").map((p) => p.name);
    const unknown = o.calls.filter((c) => !services.includes(c));
    if (unknown.length > 0) {
        throw new Error(`--calls ${unknown.join(", ")}: no such service (services: ${services.join(", ") || "none"})`);
    }
    const apiPath = o.path ?? `/api/v1/${name}`;
    if (!/^\/[a-z0-9][a-z0-9/_-]*[a-z0-9]$/.test(apiPath) || apiPath.includes("//")) {
        throw new Error(`--path ${apiPath}: expected a path such as /api/v1/${name} (lower-case segments, no wildcard, no trailing slash)`);
    }
    if (o.table !== undefined && !/^[A-Za-z0-9_.-]{3,255}$/.test(o.table.name)) {
        throw new Error(`--table ${o.table.name}: a table name has 3-255 letters, digits, _ . -`);
    }
    const environments = environmentsOf(root);
    const created: string[] = [];
    const updated: string[] = [];
    const exists = fs.existsSync(dir);
    if (exists && !services.includes(name)) {
        throw new Error(`apps/${name} exists and is not a service project: choose another name`);
    }
    if (!exists) {
        const priorities = new Map(environments.map((env) => [env, nextPriority(root, env)]));
        const write = (rel: string, content: string) => {
            fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
            fs.writeFileSync(path.join(dir, rel), content);
            created.push(path.join("apps", name, rel));
        };
        write("Pulumi.yaml", servicePulumiYaml(name, `The ${name} service`));
        for (const env of environments) {
            const production = readStackConfig(root, env)["platform:production"] !== "false";
            write(`Pulumi.${env}.yaml`, stackFile(name, env, production, o, apiPath, priorities.get(env)!));
        }
        for (const [rel, content] of Object.entries(appFiles(name, o, apiPath))) {
            write(rel, content);
        }
    }
    const edgeDir = path.join(root, "edge");
    for (const env of environments) {
        if (appendToList(path.join(root, `Pulumi.${env}.yaml`), "platform:services", name)) {
            updated.push(`Pulumi.${env}.yaml`);
        }
        if (fs.existsSync(path.join(edgeDir, `Pulumi.${env}.yaml`)) && appendToList(path.join(edgeDir, `Pulumi.${env}.yaml`), "edge:apiServicePrefixes", apiPath.slice(1))) {
            updated.push(path.join("edge", `Pulumi.${env}.yaml`));
        }
    }
    if (exists && updated.length === 0) {
        throw new Error(`service ${name} exists (apps/${name}) and is registered in every environment: choose another name`);
    }
    return { created, updated, environments };
}
