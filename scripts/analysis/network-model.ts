/**
 * The network of an environment as the reachability analysis reads it from the plan: subnets with
 * their route tables and NACLs, security groups with every rule (inline, `aws.ec2.SecurityGroupRule`,
 * `aws.vpc.SecurityGroup{Ingress,Egress}Rule`), and the things that own network interfaces (load
 * balancers, the VPC link, ECS services, databases, caches, interface endpoints, NAT gateways).
 * Pure: built from the planned resources' inputs and the mocks' computed state.
 */
import type { PlannedResource } from "../lib/mock-runtime";

/** A planned resource with the project (stack) that registered it. */
export interface StackResource {
    readonly stack: string;
    readonly resource: PlannedResource;
}

export interface Cidr {
    readonly text: string;
    readonly start: number;
    readonly end: number;
}

export function parseCidr(text: string): Cidr {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text);
    if (!m) {
        throw new Error(`not an IPv4 CIDR: ${text}`);
    }
    const bits = Number(m[5]);
    const base = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
    const size = 2 ** (32 - bits);
    const start = base - (base % size);
    return { text, start, end: start + size - 1 };
}

export const contains = (outer: Cidr, inner: Cidr) => outer.start <= inner.start && inner.end <= outer.end;
export const overlaps = (a: Cidr, b: Cidr) => a.start <= b.end && b.start <= a.end;

export interface NaclEntry {
    /** Resource name of the rule (or `<acl> inline #<n>` for inline entries). */
    readonly name: string;
    readonly ruleNumber: number;
    readonly egress: boolean;
    readonly action: "allow" | "deny";
    /** IANA number as a string, or "-1" for all. */
    readonly protocol: string;
    readonly cidr: Cidr;
    /** Inclusive; what AWS receives (the provider sends an omitted range as 0-0). */
    readonly fromPort: number;
    readonly toPort: number;
    /** The rule gave no port range although its protocol needs one. */
    readonly portsOmitted: boolean;
}

export interface Nacl {
    readonly name: string;
    /** Sorted by rule number: the order AWS evaluates them in. */
    readonly entries: readonly NaclEntry[];
    /** No NACL of the plan is associated: the VPC's default NACL, which allows everything. */
    readonly isDefault: boolean;
}

export interface Route {
    readonly name: string;
    readonly destinationCidr?: Cidr;
    readonly destinationPrefixList?: string;
    /** `igw-...`, `nat-...`, `vpce-...`, or another target id. */
    readonly target: string;
}

export interface RouteTable {
    readonly id: string;
    readonly name: string;
    readonly routes: readonly Route[];
}

export interface Subnet {
    readonly id: string;
    readonly name: string;
    readonly cidr: Cidr;
    readonly tier: string;
    readonly routeTable?: RouteTable;
    readonly nacl: Nacl;
}

export interface SgRule {
    readonly name: string;
    readonly groupId: string;
    readonly direction: "ingress" | "egress";
    /** IANA number as a string, or "-1" for all. */
    readonly protocol: string;
    readonly fromPort: number;
    readonly toPort: number;
    readonly cidr?: Cidr;
    readonly referencedGroupId?: string;
    readonly prefixListId?: string;
}

export interface SecurityGroup {
    readonly id: string;
    readonly name: string;
    readonly rules: readonly SgRule[];
}

/** Something with network interfaces, or a destination outside the VPC. */
export interface NetNode {
    /** Kind-qualified id: `alb`, `vpc-link`, `nlb`, `service:<name>`, `postgres:<stack>`, `cache:<stack>`, `endpoint:<svc>`, `gateway:<svc>`, `internet`. */
    readonly id: string;
    readonly label: string;
    readonly tier: string;
    readonly stack?: string;
    readonly subnets: readonly Subnet[];
    readonly groupIds: readonly string[];
    /** Ports it listens on (what the unintended checks probe). */
    readonly ports: readonly number[];
    /** A destination outside the VPC: the internet, or a gateway endpoint's prefix list. */
    readonly outside?: { readonly prefixList?: string; readonly gatewayEndpointId?: string };
    /** A hypothetical host whose groups let everything out (the "anything else in the VPC" probe). */
    readonly anyEgress?: boolean;
    /** The planned resource it stands for. */
    readonly resource?: PlannedResource;
}

export interface NetworkModel {
    readonly vpcCidrs: readonly Cidr[];
    readonly subnets: ReadonlyMap<string, Subnet>;
    readonly groups: ReadonlyMap<string, SecurityGroup>;
    readonly nodes: readonly NetNode[];
    /** NAT gateway id -> the subnet it sits in. */
    readonly natSubnets: ReadonlyMap<string, Subnet>;
    /** Gateway endpoint id -> the route tables it is associated with. */
    readonly gatewayRouteTables: ReadonlyMap<string, ReadonlySet<string>>;
    readonly resources: readonly StackResource[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
/** A list-valued input's strings (a single string counts as a list of one). */
export const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);
/** A list-valued input's objects. */
export const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null) : []);
const ANY = parseCidr("0.0.0.0/0");

/** `tcp` / `udp` / `icmp` / `all` or IANA numbers, as the number string AWS stores. */
export function protocolNumber(p: unknown): string {
    const s = String(p ?? "-1").toLowerCase();
    return ({ tcp: "6", udp: "17", icmp: "1", all: "-1", "-1": "-1" } as Record<string, string>)[s] ?? s;
}

function naclEntry(name: string, r: Record<string, unknown>, egress: boolean, numberKey: string, actionKey: string): NaclEntry {
    const protocol = protocolNumber(r.protocol);
    const portsOmitted = protocol !== "-1" && (r.fromPort === undefined || r.toPort === undefined);
    return {
        name,
        ruleNumber: Number(r[numberKey]),
        egress,
        action: String(r[actionKey]).toLowerCase() === "deny" ? "deny" : "allow",
        protocol,
        cidr: parseCidr(String(r.cidrBlock)),
        fromPort: protocol === "-1" ? 0 : Number(r.fromPort ?? 0),
        toPort: protocol === "-1" ? 65535 : Number(r.toPort ?? 0),
        portsOmitted,
    };
}

function sgRule(name: string, groupId: string, direction: "ingress" | "egress", protocol: unknown, fromPort: unknown, toPort: unknown, peer: { cidr?: string; group?: string; prefixList?: string }): SgRule {
    const p = protocolNumber(protocol);
    return {
        name,
        groupId,
        direction,
        protocol: p,
        fromPort: p === "-1" ? 0 : Number(fromPort ?? 0),
        toPort: p === "-1" ? 65535 : Number(toPort ?? 0),
        cidr: peer.cidr !== undefined ? parseCidr(peer.cidr) : undefined,
        referencedGroupId: peer.group,
        prefixListId: peer.prefixList,
    };
}

/** Every rule of every security group, whichever resource type declares it. */
function securityGroups(all: readonly PlannedResource[]): Map<string, SecurityGroup> {
    const rules: SgRule[] = [];
    const groups = all.filter((r) => (r.type === "aws:ec2/securityGroup:SecurityGroup" || r.type === "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup") && r.id !== undefined);
    for (const g of groups) {
        for (const direction of ["ingress", "egress"] as const) {
            records(g.inputs[direction]).forEach((r, i) => {
                const name = `${g.name} inline ${direction} #${i + 1}`;
                const add = (peer: { cidr?: string; group?: string; prefixList?: string }) => rules.push(sgRule(name, g.id!, direction, r.protocol, r.fromPort, r.toPort, peer));
                list(r.cidrBlocks).forEach((cidr) => add({ cidr }));
                list(r.securityGroups).forEach((group) => add({ group }));
                list(r.prefixListIds).forEach((prefixList) => add({ prefixList }));
                if (r.self === true) {
                    add({ group: g.id });
                }
            });
        }
    }
    for (const r of all) {
        const i = r.inputs;
        if (r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" || r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule") {
            const direction = r.type.includes("Ingress") ? "ingress" : "egress";
            rules.push(sgRule(r.name, String(i.securityGroupId), direction, i.ipProtocol, i.fromPort, i.toPort, { cidr: str(i.cidrIpv4), group: str(i.referencedSecurityGroupId), prefixList: str(i.prefixListId) }));
        } else if (r.type === "aws:ec2/securityGroupRule:SecurityGroupRule") {
            const direction = i.type === "egress" ? "egress" : "ingress";
            const add = (peer: { cidr?: string; group?: string; prefixList?: string }) => rules.push(sgRule(r.name, String(i.securityGroupId), direction, i.protocol, i.fromPort, i.toPort, peer));
            list(i.cidrBlocks).forEach((cidr) => add({ cidr }));
            list(i.prefixListIds).forEach((prefixList) => add({ prefixList }));
            if (str(i.sourceSecurityGroupId)) {
                add({ group: str(i.sourceSecurityGroupId) });
            }
            if (i.self === true) {
                add({ group: String(i.securityGroupId) });
            }
        }
    }
    return new Map(groups.map((g) => [g.id!, { id: g.id!, name: g.name, rules: rules.filter((r) => r.groupId === g.id) }]));
}

function routeTables(all: readonly PlannedResource[]): Map<string, RouteTable> {
    const tables = new Map<string, { id: string; name: string; routes: Route[] }>();
    for (const t of all.filter((r) => r.type === "aws:ec2/routeTable:RouteTable" && r.id !== undefined)) {
        const inline = records(t.inputs.routes).map((r, n): Route => ({
            name: `${t.name} inline route #${n + 1}`,
            destinationCidr: str(r.cidrBlock) ? parseCidr(String(r.cidrBlock)) : undefined,
            destinationPrefixList: str(r.destinationPrefixListId),
            target: String(r.gatewayId ?? r.natGatewayId ?? r.vpcEndpointId ?? r.transitGatewayId ?? r.networkInterfaceId ?? ""),
        }));
        tables.set(t.id!, { id: t.id!, name: t.name, routes: inline });
    }
    for (const r of all.filter((x) => x.type === "aws:ec2/route:Route")) {
        const i = r.inputs;
        tables.get(String(i.routeTableId))?.routes.push({
            name: r.name,
            destinationCidr: str(i.destinationCidrBlock) ? parseCidr(String(i.destinationCidrBlock)) : undefined,
            destinationPrefixList: str(i.destinationPrefixListId),
            target: String(i.gatewayId ?? i.natGatewayId ?? i.vpcEndpointId ?? i.transitGatewayId ?? i.networkInterfaceId ?? ""),
        });
    }
    return tables;
}

function nacls(all: readonly PlannedResource[]): { byId: Map<string, Nacl>; bySubnet: Map<string, string> } {
    const entries = new Map<string, NaclEntry[]>();
    const names = new Map<string, string>();
    const bySubnet = new Map<string, string>();
    for (const acl of all.filter((r) => r.type === "aws:ec2/networkAcl:NetworkAcl" && r.id !== undefined)) {
        names.set(acl.id!, acl.name);
        const inline = [
            ...records(acl.inputs.ingress).map((r) => naclEntry(`${acl.name} inline ingress #${String(r.ruleNo)}`, r, false, "ruleNo", "action")),
            ...records(acl.inputs.egress).map((r) => naclEntry(`${acl.name} inline egress #${String(r.ruleNo)}`, r, true, "ruleNo", "action")),
        ];
        entries.set(acl.id!, inline);
        list(acl.inputs.subnetIds).forEach((s) => bySubnet.set(s, acl.id!));
    }
    for (const r of all) {
        if (r.type === "aws:ec2/networkAclRule:NetworkAclRule") {
            entries.get(String(r.inputs.networkAclId))?.push(naclEntry(r.name, r.inputs, r.inputs.egress === true, "ruleNumber", "ruleAction"));
        } else if (r.type === "aws:ec2/networkAclAssociation:NetworkAclAssociation") {
            bySubnet.set(String(r.inputs.subnetId), String(r.inputs.networkAclId));
        }
    }
    const byId = new Map([...entries].map(([id, e]) => [id, { name: names.get(id)!, entries: [...e].sort((a, b) => a.ruleNumber - b.ruleNumber), isDefault: false }]));
    return { byId, bySubnet };
}

const DEFAULT_NACL: Nacl = { name: "the VPC's default NACL (allows all)", entries: [
    { name: "default NACL rule 100", ruleNumber: 100, egress: false, action: "allow", protocol: "-1", cidr: ANY, fromPort: 0, toPort: 65535, portsOmitted: false },
    { name: "default NACL rule 100", ruleNumber: 100, egress: true, action: "allow", protocol: "-1", cidr: ANY, fromPort: 0, toPort: 65535, portsOmitted: false },
], isDefault: true };

/** The tier a subnet carries in its `tier` tag; without one, what its route table makes it. */
function tierOf(subnet: PlannedResource, table: RouteTable | undefined): string {
    const tag = (subnet.inputs.tags as Record<string, unknown> | undefined)?.tier;
    if (typeof tag === "string") {
        return tag;
    }
    const def = table?.routes.find((r) => r.destinationCidr?.text === "0.0.0.0/0");
    return def === undefined ? "isolated" : def.target.startsWith("igw-") ? "public" : "private";
}

/** The network model of every stack's resources together (the services' rules live in their own stacks). */
export function buildNetworkModel(resources: readonly StackResource[]): NetworkModel {
    const all = resources.map((r) => r.resource);
    const stackOf = new Map(resources.map((r) => [r.resource.urn, r.stack]));
    const tables = routeTables(all);
    const tableBySubnet = new Map<string, string>();
    for (const a of all.filter((r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation")) {
        tableBySubnet.set(String(a.inputs.subnetId), String(a.inputs.routeTableId));
    }
    const acls = nacls(all);
    const subnets = new Map<string, Subnet>();
    for (const s of all.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.id !== undefined)) {
        const table = tables.get(tableBySubnet.get(s.id!) ?? "");
        const aclId = acls.bySubnet.get(s.id!);
        subnets.set(s.id!, { id: s.id!, name: s.name, cidr: parseCidr(String(s.inputs.cidrBlock)), tier: tierOf(s, table), routeTable: table, nacl: (aclId && acls.byId.get(aclId)) || DEFAULT_NACL });
    }
    const groups = securityGroups(all);
    const gatewayRouteTables = new Map<string, Set<string>>();
    for (const e of all.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Gateway")) {
        gatewayRouteTables.set(e.id!, new Set(list(e.inputs.routeTableIds)));
    }
    for (const a of all.filter((r) => r.type === "aws:ec2/vpcEndpointRouteTableAssociation:VpcEndpointRouteTableAssociation")) {
        gatewayRouteTables.get(String(a.inputs.vpcEndpointId))?.add(String(a.inputs.routeTableId));
    }
    const natSubnets = new Map<string, Subnet>();
    for (const n of all.filter((r) => r.type === "aws:ec2/natGateway:NatGateway")) {
        const s = subnets.get(String(n.inputs.subnetId));
        if (n.id && s) {
            natSubnets.set(n.id, s);
        }
    }
    return {
        vpcCidrs: all.filter((r) => r.type === "aws:ec2/vpc:Vpc").map((v) => parseCidr(String(v.inputs.cidrBlock))),
        subnets,
        groups,
        nodes: planNodes(all, stackOf, subnets),
        natSubnets,
        gatewayRouteTables,
        resources,
    };
}

function placed(subnetIds: string[], subnets: ReadonlyMap<string, Subnet>): Subnet[] {
    return subnetIds.map((id) => subnets.get(id)).filter((s): s is Subnet => s !== undefined);
}

/** The nodes that own interfaces in the plan, and the outside destinations they use. */
function planNodes(all: readonly PlannedResource[], stackOf: ReadonlyMap<string, string>, subnets: ReadonlyMap<string, Subnet>): NetNode[] {
    const nodes: NetNode[] = [];
    const add = (r: PlannedResource, id: string, subnetIds: string[], groupIds: string[], ports: number[], label = r.name) => {
        const at = placed(subnetIds, subnets);
        nodes.push({ id, label, tier: at[0]?.tier ?? "outside", stack: stackOf.get(r.urn), subnets: at, groupIds, ports, resource: r });
    };
    const listenerPorts = (lbArn: unknown) => all.filter((l) => l.type === "aws:lb/listener:Listener" && l.inputs.loadBalancerArn === lbArn).map((l) => Number(l.inputs.port));
    for (const lb of all.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")) {
        const kind = lb.inputs.loadBalancerType === "network" ? "nlb" : "alb";
        add(lb, kind, list(lb.inputs.subnets), list(lb.inputs.securityGroups), listenerPorts(lb.state.arn));
    }
    for (const link of all.filter((r) => r.type === "aws:apigatewayv2/vpcLink:VpcLink")) {
        add(link, "vpc-link", list(link.inputs.subnetIds), list(link.inputs.securityGroupIds), []);
    }
    for (const svc of all.filter((r) => r.type === "aws:ecs/service:Service")) {
        const net = (svc.inputs.networkConfiguration ?? {}) as Record<string, unknown>;
        const ports = [...records(svc.inputs.loadBalancers).map((l) => Number(l.containerPort)),
            ...records((svc.inputs.serviceConnectConfiguration as Record<string, unknown> | undefined)?.services).map((s) => Number(s.ingressPortOverride)).filter((p) => p > 0)];
        add(svc, `service:${String(svc.inputs.name ?? svc.name)}`, list(net.subnets), list(net.securityGroups), [...new Set(ports)], `${String(svc.inputs.name ?? svc.name)} tasks`);
    }
    const subnetGroup = (type: string, name: unknown) => all.find((g) => g.type === type && g.state.name === name);
    for (const db of all.filter((r) => r.type === "aws:rds/instance:Instance")) {
        add(db, `postgres:${stackOf.get(db.urn) ?? db.name}`, list(subnetGroup("aws:rds/subnetGroup:SubnetGroup", db.inputs.dbSubnetGroupName)?.inputs.subnetIds), list(db.inputs.vpcSecurityGroupIds), [Number(db.inputs.port ?? 5432)]);
    }
    for (const c of all.filter((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup")) {
        add(c, `cache:${stackOf.get(c.urn) ?? c.name}`, list(subnetGroup("aws:elasticache/subnetGroup:SubnetGroup", c.inputs.subnetGroupName)?.inputs.subnetIds), list(c.inputs.securityGroupIds), [Number(c.inputs.port ?? 6379)]);
    }
    for (const e of all.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")) {
        const service = String(e.inputs.serviceName).split(".").slice(3).join(".");
        if (e.inputs.vpcEndpointType === "Gateway") {
            nodes.push({ id: `gateway:${service}`, label: `${service} gateway endpoint (${String(e.state.prefixListId)})`, tier: "outside", stack: stackOf.get(e.urn), subnets: [], groupIds: [], ports: [443],
                outside: { prefixList: String(e.state.prefixListId), gatewayEndpointId: e.id }, resource: e });
        } else {
            add(e, `endpoint:${service}`, list(e.inputs.subnetIds), list(e.inputs.securityGroupIds), [443]);
        }
    }
    return nodes;
}

/** The internet, as a destination (NAT egress) or a source (what must not come in). */
export const INTERNET: NetNode = { id: "internet", label: "the internet (0.0.0.0/0)", tier: "outside", subnets: [], groupIds: [], ports: [], outside: {} };
