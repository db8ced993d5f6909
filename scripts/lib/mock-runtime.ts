import * as pulumi from "@pulumi/pulumi";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { PlanMocks } from "./mocks";

/** One resource as the program registered it, in the plan's format (docs/design.md). */
export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly parent?: string;
    readonly custom: boolean;
    readonly id?: string;
    /** Inputs as registered (unknown values absent). */
    readonly inputs: Record<string, unknown>;
    /** What the mocks answered: inputs plus computed outputs. */
    readonly state: Record<string, unknown>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** URNs this resource depends on: explicit `dependsOn` and references in its inputs. */
    readonly dependsOn: string[];
    readonly provider?: string;
    /** URNs this resource answers to besides its own (its `aliases` option), so a diff can tell a rename from a delete. */
    readonly aliases?: string[];
    /** Inputs that hold a secret (`pulumi.secret`), so reports can mask their values. */
    readonly secretInputs?: string[];
}

export interface StackRun {
    readonly project: string;
    readonly stack: string;
    readonly resources: PlannedResource[];
    readonly outputs: Record<string, unknown>;
}

export interface RunOptions {
    readonly project: string;
    readonly stack: string;
    /** Fully qualified config (`platform:vpcCidr`), raw strings as the CLI passes them. */
    readonly config: Record<string, string>;
    readonly program: () => unknown;
    /** Outputs of the stacks this one references, by fully qualified stack name. */
    readonly stackOutputs?: Record<string, Record<string, unknown>>;
    /** Organisation of the run (what `pulumi.getOrganization()` returns). */
    readonly organization?: string;
}

/** A program that failed, with what it had registered before failing (a config error must leave only the root stack). */
export class ProgramError extends Error {
    constructor(public readonly cause: unknown, public readonly registered: PlannedResource[]) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = "ProgramError";
    }
}

/**
 * The Pulumi SDK records where in the source each resource was declared, by formatting a full stack
 * trace for every resource; the engine shows it in diagnostics. The mocks have no use for it, and on
 * a plan of a few hundred resources it costs more than running the programs, so it is skipped.
 */
function skipSourcePositions(): void {
    (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites = () => [];
}

/**
 * The SDK also formats a stack trace for every promise it tracks (several per resource and
 * property), only to print it if the promise is still pending when the process exits. On a plan of
 * prod that took longer than the programs themselves. The leak check stays; its report just has no
 * stack. Idempotent: the wrapper is installed once per process.
 */
let promiseStacksSkipped = false;
function skipPromiseStacks(): void {
    if (promiseStacksSkipped) {
        return;
    }
    promiseStacksSkipped = true;
    // The module's own exports object, which the SDK calls through (an `import * as` namespace would be a copy).
    const module: { debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T> } = require("@pulumi/pulumi/runtime/debuggable");
    const track = module.debuggablePromise;
    module.debuggablePromise = (p, ctx) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return track(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}

function waitForRPCs(): Promise<void> {
    return (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getDependenciesList(): string[];
    getProvider(): string;
    getAliasesList(): AliasMessage[];
}

interface AliasMessage {
    getUrn(): string;
    getSpec(): { getName(): string; getType(): string; getStack(): string; getProject(): string; getParenturn(): string; getNoparent(): boolean } | undefined;
}

/** A URN as the mocks form it: the parent's own type (not its whole chain) qualifies the type. */
export function urnOf(stack: string, project: string, type: string, name: string, parentUrn?: string): string {
    const qualified = parentUrn ? `${parentUrn.split("::")[2].split("$").pop()}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The URNs that a resource's aliases (plain URNs or specs of what changed) stand for. */
function aliasUrns(req: RegisterRequest, options: RunOptions): string[] {
    return req.getAliasesList().map((alias) => {
        const spec = alias.getSpec();
        if (alias.getUrn() || spec === undefined) {
            return alias.getUrn();
        }
        const parent = spec.getNoparent() ? undefined : spec.getParenturn() || req.getParent() || undefined;
        return urnOf(spec.getStack() || options.stack, spec.getProject() || options.project, spec.getType() || req.getType(), spec.getName() || req.getName(), parent);
    }).filter((urn) => urn !== "");
}

/**
 * Runs a Pulumi program function under mocks, as the Pulumi CLI would run it (inside a root Stack
 * resource, with the stack's config), and returns every resource it registered and its outputs.
 * Runs are sequential: Pulumi's runtime state is global to the process.
 */
export async function runStackUnderMocks(options: RunOptions): Promise<StackRun> {
    skipSourcePositions();
    skipPromiseStacks();
    const region = options.config["aws:region"] ?? "us-east-1";
    pulumi.runtime.setAllConfig(options.config, []);
    await pulumi.runtime.setMocks(new PlanMocks({ region, stackOutputs: options.stackOutputs }), options.project, options.stack, false, options.organization ?? "organization");

    const recorded = new Map<string, PlannedResource>();
    const monitor = settings.getMonitor() as unknown as { registerResource(req: RegisterRequest, cb: (err: unknown, res: unknown) => void): Promise<void> };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        register(req, (err, res) => {
            if (!err && res) {
                const response = res as { getUrn(): string; getId(): string; getObject(): { toJavaScript(): Record<string, unknown> } };
                const urn = response.getUrn();
                const state = response.getObject().toJavaScript();
                const aliases = aliasUrns(req, options);
                recorded.set(urn, {
                    urn,
                    type: req.getType(),
                    name: req.getName(),
                    parent: req.getParent() || undefined,
                    custom: req.getCustom(),
                    id: response.getId() || undefined,
                    inputs: {},
                    state,
                    protect: req.getProtect() === true,
                    retainOnDelete: req.getRetainondelete() === true,
                    dependsOn: req.getDependenciesList(),
                    provider: req.getProvider() || undefined,
                    ...(aliases.length > 0 ? { aliases } : {}),
                });
            }
            callback(err, res);
        });

    // The mocks see deserialized inputs; record them alongside the request's options.
    const mocks = (monitor as unknown as { mocks: PlanMocks }).mocks;
    const inputsByKey = new Map<string, Record<string, unknown>>();
    const newResource = mocks.newResource.bind(mocks);
    mocks.newResource = (args) => {
        inputsByKey.set(`${args.type}::${args.name}`, args.inputs);
        return newResource(args);
    };

    let outputs: Record<string, unknown>;
    try {
        outputs = (await pulumi.runtime.runInPulumiStack(async () => options.program())) ?? {};
        // Resources not reachable from the outputs may still be registering: wait for every RPC.
        await waitForRPCs();
    } catch (e) {
        await waitForRPCs().catch(() => undefined);
        throw new ProgramError(e, [...recorded.values()]);
    }
    const resources = [...recorded.values()].map((r) => {
        const inputs = inputsByKey.get(`${r.type}::${r.name}`) ?? {};
        const secretInputs = Object.keys(inputs).filter((key) => holdsSecret(inputs[key]));
        return { ...r, inputs: plain(inputs) as Record<string, unknown>, ...(secretInputs.length > 0 ? { secretInputs } : {}) };
    });
    return { project: options.project, stack: options.stack, resources, outputs: plain(outputs) as Record<string, unknown> };
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function holdsSecret(value: unknown): boolean {
    if (value === null || typeof value !== "object" || pulumi.Resource.isInstance(value)) {
        return false;
    }
    return (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE || Object.values(value).some(holdsSecret);
}

/** Turns resources and secrets into JSON-friendly values (resources as their URN). */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (value !== null && typeof value === "object") {
        if (pulumi.Resource.isInstance(value)) {
            return "<resource>";
        }
        const obj = value as Record<string, unknown>;
        if (obj[SECRET_SIG] === SECRET_VALUE) {
            return plain(obj.value);
        }
        return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
    }
    return value;
}
