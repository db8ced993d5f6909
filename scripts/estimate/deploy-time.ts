/**
 * First-deploy time of a stack: its resources as a graph (an edge for every `dependsOn` URN, which
 * holds both explicit `dependsOn` and references in inputs; a dependency on a component means all of
 * the component's resources), each weighted with the typical time AWS takes to create that type.
 * Pulumi's default parallelism is unbounded (`--parallel` defaults to a very large number), so the
 * estimate is the longest weighted path: the critical path. Components themselves wait for nothing.
 */
import type { PlannedResource } from "../lib/mock-runtime";
import { StepScope, stepLabel, WaveStep } from "../lib/deploy-order";

/**
 * Typical creation times, minutes. Sources: AWS documentation where it states one (RDS Multi-AZ
 * creation 15-25 min, CloudFront deployment "a few minutes"), otherwise observed `pulumi up`/
 * CloudFormation timings; approximate by nature and in a range of about +-50 %.
 */
export const CREATION_MINUTES: Readonly<Record<string, number | ((r: PlannedResource) => number)>> = {
    "aws:rds/instance:Instance": (r) => (r.inputs.multiAz === true ? 20 : 12),
    "aws:elasticache/replicationGroup:ReplicationGroup": (r) => (Number(r.inputs.numCacheClusters ?? 1) > 1 ? 15 : 10),
    "aws:ec2/natGateway:NatGateway": 3,
    "aws:cloudfront/distribution:Distribution": 5,
    // ACM DNS validation: usually minutes once the record is in Route 53; AWS allows up to 30 (a slow case stretches the platform's first deploy).
    "aws:acm/certificateValidation:CertificateValidation": 5,
    "aws:elasticache/userGroup:UserGroup": 2,
    "aws:lb/loadBalancer:LoadBalancer": 3,
    "aws:ec2/vpcEndpoint:VpcEndpoint": (r) => (r.inputs.vpcEndpointType === "Interface" ? 2 : 0.3),
    "aws:apigatewayv2/vpcLink:VpcLink": 3,
    "aws:apigateway/stage:Stage": (r) => (r.inputs.cacheClusterEnabled === true ? 4 : 0.2),
    "aws:ecs/service:Service": 3,
    "aws:acmpca/certificateAuthority:CertificateAuthority": 1,
    "aws:acmpca/certificateAuthorityCertificate:CertificateAuthorityCertificate": 0.5,
    "aws:dynamodb/table:Table": 1,
    "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": 1,
    "awsx:ecr:Image": 3,
    "aws:lambda/function:Function": 0.5,
    "aws:cognito/userPool:UserPool": 0.3,
    "aws:wafv2/webAcl:WebAcl": 0.5,
    "aws:ec2/vpc:Vpc": 0.3,
    "aws:ec2/subnet:Subnet": 0.2,
    "aws:cloudtrail/trail:Trail": 0.3,
    "aws:iam/role:Role": 0.2,
    "aws:kms/key:Key": 0.2,
    "aws:ecs/cluster:Cluster": 0.3,
};

/** What every other AWS resource takes (a single API call): about 6 seconds. */
export const DEFAULT_MINUTES = 0.1;

export function creationMinutes(r: PlannedResource): number {
    if (!r.custom || r.type.startsWith("pulumi:")) {
        return 0;
    }
    const entry = CREATION_MINUTES[r.type];
    return entry === undefined ? DEFAULT_MINUTES : typeof entry === "number" ? entry : entry(r);
}

export interface PathStep {
    readonly name: string;
    readonly type: string;
    readonly minutes: number;
    /** When this resource finishes, from the start of the deploy. */
    readonly finishesAt: number;
}

export interface StackDeployTime {
    readonly stack: string;
    readonly minutes: number;
    /** The longest chain, first resource first. */
    readonly criticalPath: PathStep[];
    /** The heaviest resources on the critical path, longest first. */
    readonly longPoles: PathStep[];
}

/** The critical path of one stack's resources (longest path by creation time over the dependency DAG); resources in `skip` take no time (not deployed, or deployed already). */
export function criticalPath(stack: string, resources: readonly PlannedResource[], skip: ReadonlySet<string> = new Set()): StackDeployTime {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const children = new Map<string, string[]>();
    resources.forEach((r) => r.parent !== undefined && children.set(r.parent, [...(children.get(r.parent) ?? []), r.urn]));
    // A dependency on a component is a dependency on every resource beneath it.
    const expand = (urn: string, out: Set<string>) => {
        const r = byUrn.get(urn);
        if (r === undefined) {
            return;
        }
        if (r.custom) {
            out.add(urn);
        }
        (children.get(urn) ?? []).forEach((c) => expand(c, out));
    };
    const deps = new Map<string, string[]>();
    for (const r of resources) {
        const set = new Set<string>();
        r.dependsOn.forEach((u) => expand(u, set));
        set.delete(r.urn);
        deps.set(r.urn, [...set]);
    }
    const finish = new Map<string, { at: number; via?: string }>();
    const visiting = new Set<string>();
    const finishOf = (urn: string): { at: number; via?: string } => {
        const known = finish.get(urn);
        if (known !== undefined) {
            return known;
        }
        if (visiting.has(urn)) {
            throw new Error(`dependency cycle through ${byUrn.get(urn)?.name ?? urn}`);
        }
        visiting.add(urn);
        let best: { at: number; via?: string } = { at: 0 };
        for (const d of deps.get(urn) ?? []) {
            const f = finishOf(d);
            if (f.at > best.at) {
                best = { at: f.at, via: d };
            }
        }
        visiting.delete(urn);
        const result = { at: best.at + (skip.has(urn) ? 0 : creationMinutes(byUrn.get(urn)!)), via: best.via };
        finish.set(urn, result);
        return result;
    };
    let last: string | undefined;
    for (const r of resources) {
        const at = finishOf(r.urn).at;
        if (last === undefined || at > finish.get(last)!.at) {
            last = r.urn;
        }
    }
    const path: PathStep[] = [];
    for (let u = last; u !== undefined; u = finish.get(u)!.via) {
        const r = byUrn.get(u)!;
        path.unshift({ name: r.name, type: r.type, minutes: skip.has(u) ? 0 : creationMinutes(r), finishesAt: round1(finish.get(u)!.at) });
    }
    const minutes = last === undefined ? 0 : round1(finish.get(last)!.at);
    return { stack, minutes, criticalPath: path, longPoles: [...path].filter((s) => s.minutes >= 1).sort((a, b) => b.minutes - a.minutes).slice(0, 5) };
}

export interface EnvironmentDeployTime {
    readonly minutes: number;
    /** Steps deployed together (scripts/lib/deploy-order.ts), with each wave's time. */
    readonly waves: { stacks: string[]; minutes: number }[];
    readonly stacks: StackDeployTime[];
}

/** A stack's ECS services and everything that depends on them: what a "without-services" step holds back. */
export function heldBack(resources: readonly PlannedResource[]): Set<string> {
    const held = new Set(resources.filter((r) => r.type === "aws:ecs/service:Service").map((r) => r.urn));
    for (let grew = true; grew;) {
        grew = false;
        for (const r of resources) {
            if (!held.has(r.urn) && r.dependsOn.some((d) => held.has(d))) {
                held.add(r.urn);
                grew = true;
            }
        }
    }
    return held;
}

/** The time of one step: the whole stack, all but its held-back part, or only that part (the rest exists). */
export function stepMinutes(stack: string, resources: readonly PlannedResource[], scope: StepScope): number {
    if (scope === "all") {
        return criticalPath(stack, resources).minutes;
    }
    const held = heldBack(resources);
    const skip = scope === "without-services" ? held : new Set(resources.map((r) => r.urn).filter((u) => !held.has(u)));
    return criticalPath(stack, resources, skip).minutes;
}

/**
 * Waves run one after another, the steps of a wave in parallel: the environment takes the sum of
 * each wave's slowest step.
 */
export function environmentDeployTime(stacks: readonly { project: string; resources: readonly PlannedResource[] }[], waves: readonly WaveStep<string>[][]): EnvironmentDeployTime {
    const byName = new Map(stacks.map((s) => [s.project, s]));
    const minutesOf = (s: WaveStep<string>) => {
        const stack = byName.get(s.target);
        return stack ? stepMinutes(s.target, stack.resources, s.scope) : 0;
    };
    const timed = waves.map((w) => ({ stacks: w.map((s) => stepLabel(s.target, s.scope)), minutes: Math.max(0, ...w.map(minutesOf)) }));
    return { minutes: round1(timed.reduce((n, w) => n + w.minutes, 0)), waves: timed, stacks: stacks.map((s) => criticalPath(s.project, s.resources)) };
}

function round1(n: number): number {
    return Math.round(n * 10) / 10;
}
