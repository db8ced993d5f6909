import { Props } from "../../mapping";

const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { all: -1, icmp: 1, tcp: 6, udp: 17, icmpv6: 58 };
const WITH_PORTS = new Set([6, 17]);
const WITH_ICMP = new Set([1, 58]);

/**
 * Pulumi takes a NACL protocol by name or number; CloudFormation only by number. A name this table
 * does not know stays a string, so the validator reports it instead of this code guessing.
 */
export function protocolNumber(protocol: string): number | string {
    return PROTOCOL_NUMBERS[protocol.toLowerCase()] ?? (/^-?\d+$/.test(protocol) ? Number(protocol) : protocol);
}

export interface NaclEntry {
    readonly ruleNumber: number;
    readonly action: string;
    readonly egress?: boolean;
    readonly protocol: string;
    readonly cidrBlock?: string;
    readonly ipv6CidrBlock?: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    readonly icmpType?: number;
    readonly icmpCode?: number;
}

/** A NACL entry (standalone or inline): ports apply to TCP and UDP only, ICMP type/code to ICMP only, as in EC2. */
export function naclEntryProperties(entry: NaclEntry): Props {
    const protocol = protocolNumber(entry.protocol);
    return {
        RuleNumber: entry.ruleNumber,
        RuleAction: entry.action,
        Egress: entry.egress,
        Protocol: protocol,
        CidrBlock: entry.cidrBlock,
        Ipv6CidrBlock: entry.ipv6CidrBlock,
        PortRange: typeof protocol === "number" && WITH_PORTS.has(protocol) ? { From: entry.fromPort, To: entry.toPort } : undefined,
        Icmp: typeof protocol === "number" && WITH_ICMP.has(protocol) ? { Type: entry.icmpType, Code: entry.icmpCode } : undefined,
    };
}
