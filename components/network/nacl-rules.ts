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
}

const ANYWHERE = "0.0.0.0/0";
const EPHEMERAL = { fromPort: 1024, toPort: 65535 };
/** Remote administration ports that must never be reachable from the internet (FSBP EC2.21). */
const ADMIN_PORTS = [22, 3389];

/**
 * One allow rule per peer subnet and direction. The rule number comes from the peer's AZ number, not
 * its position in a list, so that adding an AZ adds rules without renumbering (and replacing) others.
 */
function peerRules(base: number, peers: readonly PeerSubnet[]): NaclRule[] {
    return [false, true].flatMap((egress) =>
        peers.map((peer): NaclRule => ({ ruleNumber: base + peer.azNumber, egress, ruleAction: "allow", protocol: "6", cidrBlock: peer.cidr })),
    );
}

export function naclRules(tier: "public" | "private" | "isolated", ctx: NaclContext): NaclRule[] {
    switch (tier) {
        case "public":
            return [
                ...ADMIN_PORTS.map((port, i): NaclRule => ({ ruleNumber: 50 + i, egress: false, ruleAction: "deny", protocol: "6", cidrBlock: ANYWHERE, fromPort: port, toPort: port })),
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
                { ruleNumber: 200, egress: false, ruleAction: "allow", protocol: "6", cidrBlock: ANYWHERE, ...EPHEMERAL },
                { ruleNumber: 100, egress: true, ruleAction: "allow", protocol: "-1", cidrBlock: ctx.vpcCidr },
                { ruleNumber: 200, egress: true, ruleAction: "allow", protocol: "6", cidrBlock: ANYWHERE, fromPort: 443, toPort: 443 },
            ];
        case "isolated":
            // Data stores talk to the application tier and to each other (replication), nothing else.
            return [...peerRules(100, ctx.privateSubnets), ...peerRules(200, ctx.isolatedSubnets)];
    }
}
