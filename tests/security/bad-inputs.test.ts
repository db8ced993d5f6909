import * as assert from "assert";
import * as path from "path";
import { DataTier, DataTierArgs, validateDataTierArgs } from "../../components/data";
import { MeshServiceArgs, validateMeshServiceArgs } from "../../components/mesh/mesh-service";
import { ObservabilityKitArgs, validateObservabilityKitArgs } from "../../components/observability/kit";
import { ServiceObservabilityArgs, validateServiceObservabilityArgs } from "../../components/observability/service-observability";
import { ProgramError } from "../../scripts/lib/mock-runtime";
import { discoverProjects } from "../../scripts/lib/projects";
import { RawConfig } from "../../stacks/config/reader";
import { edgeProgram } from "../../stacks/edge/program";
import { platformProgram } from "../../stacks/platform/program";
import { loadServiceConfig } from "../../stacks/service/config";
import { fullArgs } from "../data/fixtures";
import { runProgram, stackConfig } from "../helpers/graph";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Bad input, everywhere: each row sets one bad value (a platform, edge or service config key, or a
 * component arg) and names what the error message must contain (the key or arg). Platform and edge rows run
 * the whole program under mocks and assert that nothing but the root stack was registered; the other
 * rows call the plain validation that runs before any child is created (and one mocks run per
 * component kind below proves it runs first).
 */
interface Row {
    readonly what: string;
    readonly names: RegExp;
    readonly run: () => unknown;
}

/** The stack programs a row may run whole, with the folder of their stack files. */
const PROGRAMS = {
    platform: { dir: ROOT, program: (raw: RawConfig) => platformProgram(raw) },
    edge: { dir: path.join(ROOT, "edge"), program: (raw: RawConfig) => edgeProgram(raw) },
};
type ProgramRun = { project: keyof typeof PROGRAMS; stack: string; config: Record<string, string> };

const programRow = (project: keyof typeof PROGRAMS) => (key: string, value: string, stack: "dev" | "prod" = "prod"): Row => ({
    what: `${project} config ${key} = ${JSON.stringify(value)} (${stack})`,
    names: new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
    run: (): { program: ProgramRun } => ({ program: { project, stack, config: stackConfig(PROGRAMS[project].dir, stack, { [key]: value }) } }),
});
const platformRow = programRow("platform");
const edgeRow = programRow("edge");

/** Any service project: the rows are about the service config, not one service. */
const SERVICE = discoverProjects(ROOT).filter((p) => p.kind === "service")[0].name;
const serviceRow = (key: string, value: string): Row => ({
    what: `service config ${key} = ${JSON.stringify(value)}`,
    names: new RegExp(`${SERVICE}:${key}`),
    run: () => {
        const config = stackConfig(path.join(ROOT, "apps", SERVICE), "prod", { [`${SERVICE}:${key}`]: value });
        return loadServiceConfig((k) => config[k], SERVICE, "prod");
    },
});

const MESH: MeshServiceArgs = {
    serviceName: "orders", clusterArn: "arn:aws:ecs:us-east-1:123456789012:cluster/prod", namespaceArn: "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1",
    vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], albListenerArn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/alb/1/2", albArnSuffix: "app/alb/1",
    albSecurityGroupId: "sg-alb", pathPatterns: ["/api/v1/orders"], listenerRulePriority: 100, image: { uri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/orders:1.0.0" }, logRetentionDays: 365,
};
const meshRow = (arg: string, overrides: Partial<MeshServiceArgs>): Row => ({ what: `MeshService ${arg}`, names: new RegExp(arg.replace(/\./g, "\\.")), run: () => validateMeshServiceArgs({ ...MESH, ...overrides }) });

const dataRow = (arg: string, overrides: Partial<DataTierArgs>, name = "orders"): Row => ({ what: `DataTier ${arg}`, names: new RegExp(arg.replace(/\./g, "\\.")), run: () => validateDataTierArgs(name, fullArgs(overrides)) });

const KIT: ObservabilityKitArgs = { environment: "prod", region: "us-east-1", logRetentionDays: 365 } as ObservabilityKitArgs;
const kitRow = (arg: string, overrides: Partial<ObservabilityKitArgs>): Row => ({ what: `ObservabilityKit ${arg}`, names: new RegExp(arg), run: () => validateObservabilityKitArgs("prod", { ...KIT, ...overrides }) });

const SVC_OBS: ServiceObservabilityArgs = { environment: "prod", service: "orders", region: "us-east-1", alertTopicArn: "arn:aws:sns:us-east-1:123456789012:alerts", ticketTopicArn: "arn:aws:sns:us-east-1:123456789012:tickets", kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/k", logRetentionDays: 365 };
const svcObsRow = (arg: string, overrides: Partial<ServiceObservabilityArgs>): Row => ({ what: `ServiceObservability ${arg}`, names: new RegExp(arg), run: () => validateServiceObservabilityArgs("orders", { ...SVC_OBS, ...overrides }) });

const ROWS: Row[] = [
    // Platform and edge config: every key of stacks/platform/config.ts and stacks/edge/config.ts that a user sets.
    platformRow("platform:production", "maybe"),
    platformRow("platform:owner", "a|b"),
    platformRow("platform:costCenter", ""),
    platformRow("platform:vpcCidr", "192.168.0.0/33"),
    platformRow("platform:azIds", '["use1-az1","use1-az2"]'),
    platformRow("platform:egress", "internet"),
    platformRow("platform:interfaceEndpoints", '["dynamodb"]'),
    platformRow("platform:logRetentionDays", "366"),
    platformRow("platform:alertEmails", '["not-an-email"]'),
    platformRow("platform:slackWorkspaceId", "workspace"),
    platformRow("platform:slackChannelId", "C0123ABCDE"),
    platformRow("platform:alarmOverrides", '["nonsense"]'),
    platformRow("platform:sloOverrides", '["service.latency.objective=100"]'),
    platformRow("platform:ticketEmails", '["tickets-at-example.com"]'),
    platformRow("platform:trailDataEvents", "1"),
    platformRow("platform:trailToCloudWatch", "no"),
    platformRow("platform:serviceTls", "TRUE"),
    platformRow("platform:fargateSpot", "sometimes"),
    platformRow("platform:albCertificateArn", "arn:aws:iam::123456789012:server-certificate/x"),
    edgeRow("edge:apiIntegration", "public-alb"),
    edgeRow("edge:apiServicePrefixes", '["orders","orders"]'),
    edgeRow("edge:wafRateLimit", "5"),
    edgeRow("edge:userPoolTier", "GOLD"),
    edgeRow("edge:customDomain", "Not A Domain"),
    edgeRow("edge:certificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"),
    platformRow("platform:services", '["entities","Catalog"]'),
    platformRow("aws:region", "mars-1", "dev"),
    // Service config: keys of stacks/service/config.ts.
    serviceRow("cpu", "300"),
    serviceRow("memory", "100"),
    serviceRow("minTasks", "0"),
    serviceRow("maxTasks", "1"),
    serviceRow("fargateSpot", "perhaps"),
    serviceRow("owner", "x<y"),
    serviceRow("deploymentStrategy", "YOLO"),
    serviceRow("canaryPercent", "250"),
    serviceRow("bakeTimeMinutes", "-3"),
    serviceRow("enableExecuteCommand", "yes"),
    serviceRow("listenerRulePriority", "0"),
    serviceRow("pathPatterns", "/api"),
    serviceRow("platformOrganization", "bad org!"),
    edgeRow("edge:platformProject", "bad project!"),
    // Component args.
    meshRow("serviceName", { serviceName: "Orders_Service" }),
    meshRow("cpu", { cpu: 333 }),
    meshRow("meshIngressPort", { meshIngressPort: 70000 }),
    meshRow("calls", { calls: ["ghost"] }),
    dataRow("name", {}, "Orders_Tier"),
    dataRow("isolatedSubnetIds", { isolatedSubnetIds: [] }),
    dataRow("clientSecurityGroupIds", { clientSecurityGroupIds: [] }),
    dataRow("backupRetentionDays", { backupRetentionDays: 40 }),
    dataRow("logRetentionDays", { logRetentionDays: 2 }),
    dataRow("postgres.engineVersion", { postgres: { iamDatabaseUser: "app", engineVersion: "9.6" } }),
    dataRow("postgres.instanceClass", { postgres: { iamDatabaseUser: "app", instanceClass: "m5.large" } }),
    dataRow("postgres.allocatedStorage", { postgres: { iamDatabaseUser: "app", allocatedStorage: 5 } }),
    dataRow("cache.engine", { cache: { engine: "memcached" as "valkey" } }),
    dataRow("cache.nodeType", { cache: { nodeType: "r7g.large" } }),
    kitRow("logRetentionDays", { logRetentionDays: 4 }),
    kitRow("alertEmails", { alertEmails: ["nobody"] }),
    svcObsRow("service", { service: "Orders!" }),
    svcObsRow("logRetentionDays", { logRetentionDays: 9 }),
];

describe("bad input, everywhere", function () {
    it("tries at least 40 bad values across the stacks and components", () => {
        assert.ok(ROWS.length >= 40, `${ROWS.length} rows`);
    });

    for (const row of ROWS) {
        it(`refuses ${row.what}, naming it, before any resource is registered`, async () => {
            const setup = row.run as () => unknown;
            let program: ProgramRun | undefined;
            let error: unknown;
            try {
                const result = setup();
                program = (result as { program?: ProgramRun } | undefined)?.program;
            } catch (e) {
                error = e;
            }
            if (program !== undefined) {
                const { config, project, stack } = program;
                await assert.rejects(runProgram(() => PROGRAMS[project].program((k) => config[k]), { project, stack, config }), (e: unknown) => {
                    assert.ok(e instanceof ProgramError, String(e));
                    assert.match(e.message, row.names);
                    assert.deepStrictEqual(e.registered.map((r) => r.type), ["pulumi:pulumi:Stack"]);
                    return true;
                });
                return;
            }
            assert.ok(error instanceof Error, "expected the value to be refused");
            assert.match(error.message, row.names);
        });
    }

    it("a component with bad args registers no child (validation runs first)", async () => {
        await assert.rejects(
            runProgram(() => new DataTier("orders", fullArgs({ backupRetentionDays: 40 }))),
            (e: unknown) => {
                assert.ok(e instanceof ProgramError);
                assert.match(e.message, /backupRetentionDays/);
                assert.deepStrictEqual(e.registered.filter((r) => r.type.startsWith("aws:")).map((r) => r.name), []);
                return true;
            },
        );
    });
});
