/**
 * Network reachability over the plan, offline (what AWS's Reachability Analyzer does for one path,
 * done for every path the architecture needs and for the ones it must not have). For each flow and
 * each pair of subnets it crosses, it walks: the source's security-group egress, the source subnet's
 * route, the NACLs out of the source subnet and into the destination subnet (stateless, in rule
 * order, first match, implicit deny), the destination's security-group ingress, and the replies'
 * way back through both NACLs on the ephemeral ports. Security groups are stateful (no return check).
 *
 * Required flows are derived from the graph, never listed by hand: the VPC link's integrations and
 * the ALB's listeners, the listener rules' target groups and the services behind them, the URLs the
 * task definitions hold (Service Connect client aliases, database and cache endpoints), the
 * endpoints, gateway prefix lists and NAT gateways of the VPC. Pure: a function of the plan.
 */
import { EnvironmentPlan } from "../lib/plan-env";
import { PlanSection, PlanSectionResult } from "../lib/plan-sections";
import { Flow, FlowEndpoint, FlowReport } from "./types";
import { buildNetworkModel, Cidr, contains, INTERNET, list, Nacl, NaclEntry, NetNode, NetworkModel, overlaps, records, SecurityGroup, SgRule, StackResource, Subnet } from "./network-model";

/** Remote administration ports: never reachable from anywhere (FSBP EC2.21). */
export const ADMIN_PORTS: readonly number[] = [22, 3389];

type Range = readonly [number, number];

/**
 * Ports replies return to: the initiator's ephemeral ports. Load balancers, NAT gateways, API
 * Gateway and Lambda use 1024-65535 (Linux tasks a subset), so replies must pass on all of them,
 * except the administration ports, which the NACLs deny from the internet on purpose (FSBP EC2.21):
 * a NAT connection whose source port happens to be 3389 (1 in 64,512) then fails and is retried.
 */
export const RETURN_PORTS: readonly Range[] = [[1024, 3388], [3390, 65535]];

/** Where a packet comes from or goes to, as NACL and CIDR rules see it. */
type Address = { readonly cidr: Cidr; readonly outside?: undefined } | { readonly outside: true; readonly prefixList?: string };

interface Verdict {
    readonly allowed: boolean;
    /** Blocked: what blocks it. Unintended and allowed: what opens it. */
    readonly by?: string;
}

interface Check {
    /** true for required flows: every control must certainly allow; false for unintended ones: open if any control may allow. */
    readonly strict: boolean;
    readonly model: NetworkModel;
}

const PROTOCOL_NAME: Record<string, string> = { "6": "tcp", "17": "udp", "-1": "all", "1": "icmp" };
const portsText = (ranges: readonly Range[]) => ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
const addressText = (a: Address) => (a.outside ? (a.prefixList ?? "0.0.0.0/0") : a.cidr.text);

function inVpc(model: NetworkModel, c: Cidr): boolean {
    return model.vpcCidrs.some((v) => contains(v, c));
}

/**
 * Whether a rule's CIDR takes in the address. When the goal is to prove a flow allowed (strict),
 * an allow must cover the whole address and a deny counts as soon as it may touch it; when the goal
 * is to prove a flow blocked, the other way round.
 */
function cidrMatches(check: Check, rule: Cidr, a: Address, action: "allow" | "deny"): boolean {
    const certain = (action === "allow") === check.strict;
    if (a.outside) {
        return certain ? rule.start === 0 && rule.end === 0xffffffff : !inVpc(check.model, rule);
    }
    return certain ? contains(rule, a.cidr) : overlaps(rule, a.cidr);
}

function entryText(e: NaclEntry): string {
    const ports = e.protocol === "-1" ? "all ports" : `${e.fromPort}-${e.toPort}${e.portsOmitted ? " (no fromPort/toPort given: the provider sends 0-0)" : ""}`;
    return `NACL rule ${e.name} (#${e.ruleNumber} ${e.action} ${PROTOCOL_NAME[e.protocol] ?? e.protocol} ${ports} ${e.egress ? "to" : "from"} ${e.cidr.text})`;
}

function subtract(ranges: readonly Range[], [a, b]: Range): Range[] {
    return ranges.flatMap(([x, y]): Range[] => (b < x || a > y ? [[x, y]] : [...(x < a ? [[x, a - 1] as Range] : []), ...(b < y ? [[b + 1, y] as Range] : [])]));
}

const intersects = (ranges: readonly Range[], [a, b]: Range) => ranges.some(([x, y]) => a <= y && x <= b);

/** One NACL, one direction, in rule order: first match wins, then the implicit deny. */
export function naclVerdict(check: Check, nacl: Nacl, egress: boolean, protocol: string, peer: Address, ports: readonly Range[]): Verdict {
    let remaining: Range[] = [...ports];
    const direction = `${nacl.name} ${egress ? "outbound" : "inbound"}`;
    for (const e of nacl.entries.filter((x) => x.egress === egress)) {
        if ((e.protocol !== "-1" && e.protocol !== protocol) || !cidrMatches(check, e.cidr, peer, e.action) || !intersects(remaining, [e.fromPort, e.toPort])) {
            continue;
        }
        if (e.action === "deny" && check.strict) {
            return { allowed: false, by: `${entryText(e)} denies ${PROTOCOL_NAME[protocol]} ${portsText(remaining)} ${egress ? "to" : "from"} ${addressText(peer)}` };
        }
        if (e.action === "allow" && !check.strict) {
            return { allowed: true, by: entryText(e) };
        }
        remaining = subtract(remaining, [e.fromPort, e.toPort]);
        if (remaining.length === 0) {
            return check.strict ? { allowed: true } : { allowed: false, by: entryText(e) };
        }
    }
    if (!check.strict) {
        return { allowed: false, by: `${direction}: implicit deny (*)` };
    }
    const near = nacl.entries.filter((e) => e.egress === egress && e.action === "allow" && (e.protocol === "-1" || e.protocol === protocol) && cidrMatches(check, e.cidr, peer, "allow"));
    return {
        allowed: false,
        by: `${direction}: no rule allows ${PROTOCOL_NAME[protocol]} ${portsText(remaining)} ${egress ? "to" : "from"} ${addressText(peer)}, so the implicit deny (*) drops it`
            + (near.length > 0 ? `; rules for that peer admit other ports only: ${near.map(entryText).join("; ")}` : ""),
    };
}

function ruleText(r: SgRule): string {
    const peer = r.cidr?.text ?? r.referencedGroupId ?? r.prefixListId ?? "?";
    return `${r.name} (${PROTOCOL_NAME[r.protocol] ?? r.protocol} ${r.protocol === "-1" ? "all ports" : `${r.fromPort}-${r.toPort}`} ${r.direction === "ingress" ? "from" : "to"} ${peer})`;
}

/** The peer of a security-group check: its groups (for references) and its address (for CIDRs and prefix lists). */
interface SgPeer {
    readonly label: string;
    readonly groupIds: readonly string[];
    readonly address: Address;
}

/** Security groups are allow-lists: any rule of any group of the interface admits the packet. */
export function sgVerdict(check: Check, groupIds: readonly string[], direction: "ingress" | "egress", protocol: string, port: number, peer: SgPeer): Verdict {
    const groups = groupIds.map((id) => check.model.groups.get(id)).filter((g): g is SecurityGroup => g !== undefined);
    const rules = groups.flatMap((g) => g.rules.filter((r) => r.direction === direction));
    const peerMatches = (r: SgRule) => (r.referencedGroupId !== undefined && peer.groupIds.includes(r.referencedGroupId))
        || (r.prefixListId !== undefined && peer.address.outside === true && peer.address.prefixList === r.prefixListId)
        || (r.cidr !== undefined && cidrMatches(check, r.cidr, peer.address, "allow"));
    const protocolMatches = (r: SgRule) => r.protocol === "-1" || r.protocol === protocol;
    const hit = rules.find((r) => protocolMatches(r) && r.fromPort <= port && port <= r.toPort && peerMatches(r));
    if (hit) {
        return { allowed: true, by: `security-group rule ${ruleText(hit)}` };
    }
    const near = rules.filter((r) => protocolMatches(r) && peerMatches(r));
    const names = groups.map((g) => g.name).join(", ") || `no known security group (${groupIds.join(", ") || "none"})`;
    return {
        allowed: false,
        by: `no ${direction} rule of ${names} admits ${PROTOCOL_NAME[protocol]}/${port} ${direction === "ingress" ? "from" : "to"} ${peer.label}`
            + (near.length > 0 ? `; rules for that peer are on other ports: ${near.map(ruleText).join("; ")}` : ""),
    };
}

const addressOf = (node: NetNode, subnet: Subnet | undefined): Address => (subnet ? { cidr: subnet.cidr } : { outside: true, prefixList: node.outside?.prefixList });

/** The route from a subnet towards an outside destination: the gateway endpoint's prefix list, or the default route. */
function outsideRoute(model: NetworkModel, from: Subnet, to: NetNode): { ok: true; nat?: Subnet } | { ok: false; by: string } {
    const table = from.routeTable;
    if (table === undefined) {
        return { ok: false, by: `subnet ${from.name} has no route table of the plan (the main table has only the local route)` };
    }
    if (to.outside?.gatewayEndpointId !== undefined) {
        const viaEndpoint = model.gatewayRouteTables.get(to.outside.gatewayEndpointId)?.has(table.id) || table.routes.some((r) => r.destinationPrefixList === to.outside?.prefixList);
        return viaEndpoint ? { ok: true } : { ok: false, by: `route table ${table.name} has no route to ${to.outside.prefixList} (the gateway endpoint is not associated with it)` };
    }
    const def = table.routes.find((r) => r.destinationCidr?.text === "0.0.0.0/0");
    if (def === undefined) {
        return { ok: false, by: `route table ${table.name} has no default route (0.0.0.0/0)` };
    }
    const nat = model.natSubnets.get(def.target);
    if (nat === undefined) {
        return { ok: false, by: `route ${def.name} of ${table.name} sends 0.0.0.0/0 to ${def.target}, not to a NAT gateway of the plan (private interfaces have no public address)` };
    }
    const natDefault = nat.routeTable?.routes.find((r) => r.destinationCidr?.text === "0.0.0.0/0");
    return natDefault?.target.startsWith("igw-") ? { ok: true, nat } : { ok: false, by: `the NAT gateway's subnet ${nat.name} has no default route to an internet gateway` };
}

interface FlowSpec {
    readonly from: NetNode;
    readonly to: NetNode;
    readonly port: number;
    readonly reason: string;
    readonly required: boolean;
    /** Only the destination NACL's inbound decision (FSBP EC2.21: the NACL must deny on its own). */
    readonly naclOnly?: boolean;
    /** Leave routing out: from the internet, the NACLs and groups must block on their own, whatever routes are added later. */
    readonly ignoreRoutes?: boolean;
}

/** Every control on one source subnet -> destination subnet path, request then replies; the first that blocks decides. */
function pathVerdict(check: Check, spec: FlowSpec, src: Subnet | undefined, dst: Subnet | undefined): Verdict {
    const { from, to, port } = spec;
    const tcp = "6";
    const srcAddr = addressOf(from, src);
    const dstAddr = addressOf(to, dst);
    const steps: (() => Verdict)[] = [];
    const crossing = src === undefined || dst === undefined || src.id !== dst.id;
    if (!from.outside && !from.anyEgress) {
        steps.push(() => sgVerdict(check, from.groupIds, "egress", tcp, port, { label: to.label, groupIds: to.groupIds, address: dstAddr }));
    }
    let nat: Subnet | undefined;
    if (src !== undefined && dst === undefined && !spec.ignoreRoutes) {
        steps.push(() => {
            const route = outsideRoute(check.model, src, to);
            if (!route.ok) {
                return { allowed: false, by: route.by };
            }
            nat = route.nat;
            return { allowed: true };
        });
    }
    if (src !== undefined && crossing) {
        steps.push(() => naclVerdict(check, src.nacl, true, tcp, dstAddr, [[port, port]]));
    }
    // Through a NAT gateway: into its subnet from the task, out to the internet, and the replies back.
    steps.push(() => (nat ? naclVerdict(check, nat.nacl, false, tcp, srcAddr, [[port, port]]) : { allowed: true }));
    steps.push(() => (nat ? naclVerdict(check, nat.nacl, true, tcp, dstAddr, [[port, port]]) : { allowed: true }));
    if (dst !== undefined && crossing) {
        steps.push(() => naclVerdict(check, dst.nacl, false, tcp, srcAddr, [[port, port]]));
    }
    if (!to.outside) {
        steps.push(() => sgVerdict(check, to.groupIds, "ingress", tcp, port, { label: from.label, groupIds: from.groupIds, address: srcAddr }));
    }
    if (dst !== undefined && crossing) {
        steps.push(() => naclVerdict(check, dst.nacl, true, tcp, srcAddr, RETURN_PORTS));
    }
    steps.push(() => (nat ? naclVerdict(check, nat.nacl, false, tcp, dstAddr, RETURN_PORTS) : { allowed: true }));
    steps.push(() => (nat ? naclVerdict(check, nat.nacl, true, tcp, srcAddr, RETURN_PORTS) : { allowed: true }));
    if (src !== undefined && crossing) {
        steps.push(() => naclVerdict(check, src.nacl, false, tcp, dstAddr, RETURN_PORTS));
    }
    const opened: string[] = [];
    for (const step of steps) {
        const v = step();
        if (!v.allowed) {
            return v;
        }
        if (v.by !== undefined) {
            opened.push(v.by);
        }
    }
    return { allowed: true, by: opened.join("; ") || undefined };
}

const where = (s: Subnet | undefined, n: NetNode) => s?.name ?? n.label;

/** A flow over all its subnet pairs: required ones must pass on every pair (any AZ to any AZ), unintended ones must fail on all. */
export function evaluateFlow(model: NetworkModel, spec: FlowSpec): Flow {
    const check: Check = { strict: spec.required, model };
    const endpoint = (n: NetNode): FlowEndpoint => ({ id: n.id, label: n.label, tier: n.tier, ...(n.stack !== undefined ? { stack: n.stack } : {}) });
    const base = { from: endpoint(spec.from), to: endpoint(spec.to), protocol: "tcp" as const, port: spec.port, reason: spec.reason, required: spec.required };
    if (spec.naclOnly) {
        const verdicts = spec.to.subnets.map((s) => ({ s, v: naclVerdict(check, s.nacl, false, "6", { outside: true }, [[spec.port, spec.port]]) }));
        const open = verdicts.find((x) => x.v.allowed);
        return { ...base, allowed: open !== undefined, decidedBy: open ? `into ${open.s.name}: ${open.v.by}` : verdicts[0]?.v.by };
    }
    const srcs: (Subnet | undefined)[] = spec.from.subnets.length > 0 ? [...spec.from.subnets] : [undefined];
    const dsts: (Subnet | undefined)[] = spec.to.subnets.length > 0 ? [...spec.to.subnets] : [undefined];
    if (spec.to.subnets.length === 0 && !spec.to.outside) {
        return { ...base, allowed: false, decidedBy: `${spec.to.label} is placed in no subnet of the plan` };
    }
    let first: { v: Verdict; s?: Subnet; d?: Subnet } | undefined;
    for (const s of srcs) {
        for (const d of dsts) {
            if (spec.from.id === spec.to.id && s !== undefined && s === d) {
                continue;
            }
            const v = pathVerdict(check, spec, s, d);
            if (v.allowed !== spec.required) {
                return { ...base, allowed: v.allowed, decidedBy: `${where(s, spec.from)} -> ${where(d, spec.to)}: ${v.by ?? "every control allows it"}` };
            }
            first ??= { v, s, d };
        }
    }
    return { ...base, allowed: spec.required, ...(spec.required ? {} : { decidedBy: first ? `${where(first.s, spec.from)} -> ${where(first.d, spec.to)}: ${first.v.by}` : undefined }) };
}

/** The flows the architecture needs, from the plan's graph. */
export function requiredFlows(model: NetworkModel): FlowSpec[] {
    const all = model.resources.map((r) => r.resource);
    const nodes = model.nodes;
    const byResource = (urn: string | undefined) => nodes.find((n) => n.resource?.urn === urn);
    const specs: FlowSpec[] = [];
    const need = (from: NetNode | undefined, to: NetNode | undefined, port: number, reason: string) => {
        if (from && to && !specs.some((s) => s.from.id === from.id && s.to.id === to.id && s.port === port)) {
            specs.push({ from, to, port, reason, required: true });
        }
    };
    const byArn = (arn: unknown) => all.find((r) => r.state.arn === arn);

    // The edge: each private integration's link reaches the load balancer it targets, on the URI's port.
    for (const integ of all.filter((r) => r.type === "aws:apigateway/integration:Integration" && r.inputs.connectionType === "VPC_LINK")) {
        const uri = /^(https?):\/\/[^/:]+(?::(\d+))?/.exec(String(integ.inputs.uri ?? ""));
        const port = uri ? Number(uri[2] ?? (uri[1] === "https" ? 443 : 80)) : 0;
        const v2 = all.find((r) => r.type === "aws:apigatewayv2/vpcLink:VpcLink" && r.id === integ.inputs.connectionId);
        if (v2) {
            need(byResource(v2.urn), byResource(byArn(integ.inputs.integrationTarget)?.urn), port, "API Gateway private integration (VPC link V2) to the ALB listener");
        }
        const v1 = all.find((r) => r.type === "aws:apigateway/vpcLink:VpcLink" && r.id === integ.inputs.connectionId);
        for (const nlbArn of list(v1?.inputs.targetArn ?? v1?.inputs.targetArns)) {
            const nlb = byResource(byArn(nlbArn)?.urn);
            for (const tg of all.filter((r) => r.type === "aws:lb/targetGroup:TargetGroup" && r.inputs.targetType === "alb")) {
                for (const att of all.filter((r) => r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment" && r.inputs.targetGroupArn === tg.state.arn)) {
                    need(nlb, byResource(byArn(att.inputs.targetId)?.urn), Number(att.inputs.port ?? tg.inputs.port), "VPC link V1's NLB to the ALB listener");
                }
            }
        }
    }
    // The ALB to every service its listener rules forward to, on the container port.
    for (const rule of all.filter((r) => r.type === "aws:lb/listenerRule:ListenerRule")) {
        const listener = byArn(rule.inputs.listenerArn);
        const lb = byResource(byArn(listener?.inputs.loadBalancerArn)?.urn);
        const groups = records(rule.inputs.actions).flatMap((a) => [a.targetGroupArn, ...records((a.forward as Record<string, unknown> | undefined)?.targetGroups).map((t) => t.arn)]).filter((x): x is string => typeof x === "string");
        for (const svc of all.filter((r) => r.type === "aws:ecs/service:Service")) {
            for (const l of records(svc.inputs.loadBalancers)) {
                const alternate = (l.advancedConfiguration as Record<string, unknown> | undefined)?.alternateTargetGroupArn;
                if ([l.targetGroupArn, alternate].some((arn) => typeof arn === "string" && groups.includes(arn))) {
                    need(lb, byResource(svc.urn), Number(l.containerPort), `listener rule ${rule.name} forwards to the service`);
                }
            }
        }
    }
    // What each task definition calls: Service Connect aliases and data-store endpoints in its variables.
    const services = nodes.filter((n) => n.id.startsWith("service:"));
    for (const caller of services) {
        const td = byArn(caller.resource?.inputs.taskDefinition);
        const values = containerValues(td?.inputs.containerDefinitions);
        for (const callee of services.filter((s) => s !== caller)) {
            for (const sc of records((callee.resource?.inputs.serviceConnectConfiguration as Record<string, unknown> | undefined)?.services)) {
                const aliases = records(sc.clientAlias).map((a) => `://${String(a.dnsName)}:${String(a.port)}`);
                const port = Number(sc.ingressPortOverride ?? records(callee.resource?.inputs.loadBalancers)[0]?.containerPort);
                if (aliases.some((a) => values.some((v) => v.includes(a)))) {
                    need(caller, callee, port, `Service Connect: ${caller.label} calls ${callee.label} (its proxy's ingress port)`);
                }
            }
        }
        for (const store of nodes.filter((n) => n.id.startsWith("postgres:") || n.id.startsWith("cache:"))) {
            const s = store.resource!.state;
            if ([s.address, s.endpoint, s.primaryEndpointAddress, s.readerEndpointAddress].some((a) => typeof a === "string" && values.includes(a))) {
                need(caller, store, store.ports[0], `${caller.label} use ${store.label} (its endpoint is in the task definition)`);
            }
        }
    }
    for (const cache of nodes.filter((n) => n.id.startsWith("cache:") && Number(n.resource?.inputs.numCacheClusters ?? 1) > 1)) {
        need(cache, cache, cache.ports[0], "cache replicas sync from the primary, across the isolated subnets");
    }
    // Tasks reach AWS APIs: every interface endpoint and gateway prefix list of the VPC, and the internet through NAT where there is one.
    for (const svc of services) {
        for (const e of nodes.filter((n) => n.id.startsWith("endpoint:") || n.id.startsWith("gateway:"))) {
            need(svc, e, 443, e.outside ? "tasks reach the service through its gateway endpoint (ECR image layers are in S3)" : "tasks reach the AWS API through its interface endpoint (private DNS)");
        }
        if (model.natSubnets.size > 0) {
            need(svc, INTERNET, 443, "tasks reach AWS APIs and registries through the NAT gateway");
        }
    }
    return specs;
}

function containerValues(definitions: unknown): string[] {
    try {
        const defs = typeof definitions === "string" ? (JSON.parse(definitions) as Record<string, unknown>[]) : [];
        return defs.flatMap((d) => records(d.environment).map((e) => String(e.value ?? "")));
    } catch {
        return [];
    }
}

/** Flows that must not exist: from the internet, data ports from non-clients, administration ports from anywhere. */
export function unintendedFlows(model: NetworkModel, required: readonly FlowSpec[]): FlowSpec[] {
    const specs: FlowSpec[] = [];
    const inside = model.nodes.filter((n) => !n.outside && n.subnets.length > 0);
    const tiers = [...new Set([...model.subnets.values()].map((s) => s.tier))].sort();
    for (const tier of tiers) {
        const subnets = [...model.subnets.values()].filter((s) => s.tier === tier);
        const tierNode: NetNode = { id: `tier:${tier}`, label: `${tier} tier`, tier, subnets, groupIds: [], ports: [] };
        for (const port of ADMIN_PORTS) {
            specs.push({ from: INTERNET, to: tierNode, port, reason: "administration port from the internet: the tier's NACL must deny it on its own (FSBP EC2.21)", required: false, naclOnly: true });
        }
    }
    for (const n of inside.filter((x) => x.tier === "private" || x.tier === "isolated")) {
        for (const port of n.ports) {
            specs.push({ from: INTERNET, to: n, port, reason: `0.0.0.0/0 into the ${n.tier} tier: its NACL and security groups must block it whatever routes are added`, required: false, ignoreRoutes: true });
        }
    }
    // Anything else in the VPC: an interface in each private subnet whose groups let everything out.
    const privateSubnets = [...model.subnets.values()].filter((s) => s.tier === "private");
    const host: NetNode = { id: "vpc-host", label: "any other host in the private subnets", tier: "private", subnets: privateSubnets, groupIds: [], ports: [], anyEgress: true };
    for (const store of inside.filter((n) => n.id.startsWith("postgres:") || n.id.startsWith("cache:"))) {
        const clients = new Set(required.filter((f) => f.to === store).map((f) => f.from.id));
        for (const source of [...inside.filter((n) => !clients.has(n.id) && n !== store && !n.id.startsWith("endpoint:") && !n.id.startsWith("postgres:") && !n.id.startsWith("cache:")), host]) {
            for (const port of store.ports) {
                specs.push({ from: source, to: store, port, reason: `data port of ${store.label} from a non-client`, required: false });
            }
        }
    }
    for (const n of inside.filter((x) => x.id !== "vpc-link")) {
        for (const port of ADMIN_PORTS) {
            specs.push({ from: host, to: n, port, reason: "administration port from inside the VPC", required: false });
        }
    }
    return specs;
}

export function analyzeReachability(plan: EnvironmentPlan): FlowReport {
    const model = buildNetworkModel(plan.stacks.flatMap((s) => s.resources.map((resource): StackResource => ({ stack: s.project, resource }))));
    const required = requiredFlows(model);
    return { flows: [...required, ...unintendedFlows(model, required)].map((spec) => evaluateFlow(model, spec)) };
}

const flowName = (f: Flow) => `${f.from.id} -> ${f.to.id} ${f.protocol}/${f.port}`;

/** The printed, stored and failing form of a report. */
export function flowSection(report: FlowReport): PlanSectionResult {
    const required = report.flows.filter((f) => f.required);
    const unintended = report.flows.filter((f) => !f.required);
    const blocked = required.filter((f) => !f.allowed);
    const open = unintended.filter((f) => f.allowed);
    const lines = [
        `flows: ${required.length} required, ${required.length - blocked.length} allowed; ${open.length} unintended (${unintended.length} checked)`,
        ...blocked.map((f) => `  BLOCKED ${flowName(f)} (${f.reason}): ${f.decidedBy}`),
        ...open.map((f) => `  OPEN    ${flowName(f)} (${f.reason}): ${f.decidedBy}`),
        "  required:",
        ...required.map((f) => `    ${f.allowed ? "ok     " : "BLOCKED"} ${flowName(f)}`),
        "  must not flow (from -> to:ports):",
        ...[...new Set(unintended.map((f) => f.from.id))].map((from) => {
            const byTarget = new Map<string, string[]>();
            unintended.filter((f) => f.from.id === from).forEach((f) => byTarget.set(f.to.id, [...(byTarget.get(f.to.id) ?? []), `${f.port}${f.allowed ? "(OPEN)" : ""}`]));
            return `    ${from} -> ${[...byTarget].map(([to, ports]) => `${to}:${ports.join(",")}`).join(" ")}`;
        }),
    ];
    const stacks = [...new Set(report.flows.flatMap((f) => [f.from.stack, f.to.stack]).filter((s): s is string => s !== undefined))];
    const perStack = Object.fromEntries(stacks.map((stack) => [stack, { flows: report.flows.filter((f) => f.from.stack === stack || f.to.stack === stack) }]));
    return {
        lines,
        perStack,
        environment: report,
        failures: [
            ...blocked.map((f) => `required flow ${flowName(f)} is blocked: ${f.decidedBy}`),
            ...open.map((f) => `unintended flow ${flowName(f)} is open: ${f.decidedBy}`),
        ],
    };
}

export const flowsPlanSection: PlanSection = {
    name: "flows",
    title: "network flows (reachability over subnets, routes, NACLs and security groups; scripts/analysis/reachability.ts)",
    run: (plan) => flowSection(analyzeReachability(plan)),
};

