/**
 * Network ACL rules per tier. NACLs are stateless: every allowed flow needs its return path allowed
 * too (ephemeral ports 1024-65535), and rules are evaluated in ascending order, first match wins,
 * so explicit denies sit below the allows they must override.
 */

export interface NaclRule {
    readonly ruleNumber: number;
    readonly egress: boolean;
    readonly ruleAction: "allow" | "deny";
    /** "-1" for all protocols, "6" TCP, "17" UDP. */
    readonly protocol: "-1" | "6" | "17";
    readonly cidrBlock: string;
    readonly fromPort?: number;
    readonly toPort?: number;
}

/** A subnet that the isolated tier talks to, with the number of its AZ ID (which keeps rule numbers stable). */
export interface PeerSubnet {
    readonly azNumber: number;
    readonly cidr: string;
}

export interface NaclContext {
    readonly vpcCidr: string;
    readonly privateSubnets: readonly PeerSubnet[];
    readonly isolatedSubnets: readonly PeerSubnet[];
    /** Ports the data stores listen on: the only ports the private tier may open into the isolated tier. */
    readonly dataPorts: readonly number[];
    /** Ports data stores open to each other across isolated subnets (cache replicas syncing from the primary). */
    readonly replicationPorts: readonly number[];
}

const ANYWHERE = "0.0.0.0/0";
const EPHEMERAL = { fromPort: 1024, toPort: 65535 };
/** Remote administration ports that must never be reachable from the internet (FSBP EC2.21). */
const ADMIN_PORTS = [22, 3389];

/**
 * One allow rule per peer subnet, on one TCP port range. The rule number is `base` plus the peer's AZ
 * number, not its position in a list, so that adding an AZ adds rules without renumbering (and
 * replacing) others. Every rule names its ports: the provider sends an omitted range as 0-0, which
 * would admit TCP port 0 only.
 */
function peerRules(base: number, egress: boolean, peers: readonly PeerSubnet[], ports: { fromPort: number; toPort: number }): NaclRule[] {
    return peers.map((peer): NaclRule => {
        if (!Number.isInteger(peer.azNumber) || peer.azNumber < 0 || peer.azNumber > 9) {
            throw new Error(`AZ number ${peer.azNumber} of ${peer.cidr}: isolated-tier rule numbers leave room for AZ numbers 0-9 only`);
        }
        return { ruleNumber: base + peer.azNumber, egress, ruleAction: "allow", protocol: "6", cidrBlock: peer.cidr, ...ports };
    });
}

const port = (p: number) => ({ fromPort: p, toPort: p });

/**
 * The isolated tier: clients in the private subnets on the data ports in and the replies out; data
 * stores of other isolated subnets on the replication ports, both ways, with their replies. Rule
 * numbers start at 110 (bases 110, 120, ... per port) because 101-109 and 201-209 held the earlier
 * port-less rules: a rule whose ports change is replaced, and a replacement created under the same
 * number would collide with the rule it replaces.
 */
function isolatedRules(ctx: NaclContext): NaclRule[] {
    const { privateSubnets: clients, isolatedSubnets: stores } = ctx;
    return [
        ...ctx.dataPorts.flatMap((p, i) => peerRules(110 + 10 * i, false, clients, port(p))),
        ...peerRules(110, true, clients, EPHEMERAL),
        ...ctx.replicationPorts.flatMap((p, i) => [false, true].flatMap((egress) => peerRules(210 + 10 * i, egress, stores, port(p)))),
        ...[false, true].flatMap((egress) => peerRules(310, egress, stores, EPHEMERAL)),
    ];
}

/** Inbound denies of SSH and RDP from anywhere, numbered from `base`. */
function adminDenies(base: number): NaclRule[] {
    return ADMIN_PORTS.map((p, i): NaclRule => ({ ruleNumber: base + i, egress: false, ruleAction: "deny", protocol: "6", cidrBlock: ANYWHERE, ...port(p) }));
}

export function naclRules(tier: "public" | "private" | "isolated", ctx: NaclContext): NaclRule[] {
    switch (tier) {
        case "public":
            return [
                ...adminDenies(50),
                // NAT gateways take traffic from the VPC and receive the internet's replies.
                { ruleNumber: 100, egress: false, ruleAction: "allow", protocol: "-1", cidrBlock: ctx.vpcCidr },
                { ruleNumber: 200, egress: false, ruleAction: "allow", protocol: "6", cidrBlock: ANYWHERE, ...EPHEMERAL },
                { ruleNumber: 210, egress: false, ruleAction: "allow", protocol: "17", cidrBlock: ANYWHERE, ...EPHEMERAL },
                { ruleNumber: 100, egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: ANYWHERE },
            ];
        case "private":
            // HTTPS out and its replies back are allowed whatever the egress mode: traffic to the S3 and
            // DynamoDB gateway endpoints goes to those services' public addresses, which a NACL cannot
            // name. Whether anything else is reachable is decided by the route tables, not here.
            return [
                { ruleNumber: 100, egress: false, ruleAction: "allow", protocol: "-1", cidrBlock: ctx.vpcCidr },
                // The internet's replies (through NAT, or from the gateway endpoints' public addresses)
                // come in on 1024-65535, which holds SSH and RDP: deny those first (FSBP EC2.21). After
                // rule 100, so that load balancers' replies from inside the VPC, whose ports span the
                // same range, still pass.
                ...adminDenies(150),
                { ruleNumber: 200, egress: false, ruleAction: "allow", protocol: "6", cidrBlock: ANYWHERE, ...EPHEMERAL },
                { ruleNumber: 100, egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: ctx.vpcCidr },
                { ruleNumber: 200, egress: true, ruleAction: "allow", protocol: "6", cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
            ];
        case "isolated":
            // Data stores talk to the application tier and to each other (replication), nothing else.
            return isolatedRules(ctx);
    }
}
