/**
 * Stable subnet CIDR allocation.
 *
 * Every subnet's range is a function of three things only: the VPC CIDR, the subnet's tier and the
 * number in its AZ ID (`use1-az4` -> 4). It never depends on the order of the AZ list, on how many
 * AZs there are, or on which tiers exist. So adding an AZ, removing one, reordering the list or
 * turning the public tier on never moves an existing subnet, and never makes Pulumi replace it —
 * the failure that most VPC libraries inflict on their users when they pack subnets by position.
 *
 * Layout of a VPC of prefix /p (eighths of the VPC):
 *   [0, 4/8)  private  tier: 8 AZ slots of /(p+4)  — application tasks, load balancers, endpoints
 *   [4/8, 6/8) isolated tier: 8 AZ slots of /(p+5)  — databases and caches
 *   [6/8, 7/8) public   tier: 8 AZ slots of /(p+6)  — NAT gateways only
 *   [7/8, 1)  reserved for later tiers (never allocated, so a new tier fits without moving others)
 */

export type SubnetTier = "public" | "private" | "isolated";

export const SUBNET_TIERS: readonly SubnetTier[] = ["public", "private", "isolated"];

/** AZ IDs numbered 1..8 fit; AWS regions have at most 6 AZs today, so 8 leaves room. */
export const MAX_AZ_NUMBER = 8;

/** /16 is the largest VPC AWS allows; /22 is the smallest that leaves the public slots at /28, AWS's minimum subnet. */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 22;

interface TierLayout {
    /** Start of the tier's block, in eighths of the VPC. */
    readonly blockEighths: number;
    /** How much longer a subnet's prefix is than the VPC's. */
    readonly prefixDelta: number;
}

const TIER_LAYOUT: Record<SubnetTier, TierLayout> = {
    private: { blockEighths: 0, prefixDelta: 4 },
    isolated: { blockEighths: 4, prefixDelta: 5 },
    public: { blockEighths: 6, prefixDelta: 6 },
};

export interface Cidr {
    /** Network address as an unsigned 32-bit integer. */
    readonly base: number;
    readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses an IPv4 CIDR; throws when it is malformed or not a network address (host bits set). */
export function parseCidr(text: string): Cidr {
    const m = CIDR_PATTERN.exec(text);
    if (!m) {
        throw new Error(`"${text}" is not an IPv4 CIDR such as 10.0.0.0/16`);
    }
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) {
        throw new Error(`"${text}" has an octet above 255`);
    }
    const prefix = Number(m[5]);
    if (prefix > 32) {
        throw new Error(`"${text}" has a prefix above /32`);
    }
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (base % blockSize(prefix) !== 0) {
        throw new Error(`"${text}" has host bits set; the network address is ${formatCidr({ base: base - (base % blockSize(prefix)), prefix })}`);
    }
    return { base, prefix };
}

export function formatCidr(cidr: Cidr): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(cidr.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${cidr.prefix}`;
}

/** Number of addresses in a block of the given prefix. */
export function blockSize(prefix: number): number {
    return 2 ** (32 - prefix);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
    return a.base < b.base + blockSize(b.prefix) && b.base < a.base + blockSize(a.prefix);
}

/** True when `inner` lies wholly inside `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
    return inner.prefix >= outer.prefix && inner.base >= outer.base && inner.base + blockSize(inner.prefix) <= outer.base + blockSize(outer.prefix);
}

/** Range of the subnet of `tier` in the AZ whose ID carries `azNumber`, inside `vpc`. */
export function subnetCidr(vpc: Cidr, tier: SubnetTier, azNumber: number): Cidr {
    if (vpc.prefix < MIN_VPC_PREFIX || vpc.prefix > MAX_VPC_PREFIX) {
        throw new Error(`a VPC of /${vpc.prefix} cannot be divided: the prefix must be from /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
    }
    if (!Number.isInteger(azNumber) || azNumber < 1 || azNumber > MAX_AZ_NUMBER) {
        throw new Error(`AZ number ${azNumber} has no slot: each tier has slots for az1 to az${MAX_AZ_NUMBER}`);
    }
    const layout = TIER_LAYOUT[tier];
    const prefix = vpc.prefix + layout.prefixDelta;
    const base = vpc.base + (layout.blockEighths * blockSize(vpc.prefix)) / 8 + (azNumber - 1) * blockSize(prefix);
    return { base, prefix };
}

/** Usable addresses of a subnet: AWS reserves the first four and the last one. */
export function usableAddresses(cidr: Cidr): number {
    return blockSize(cidr.prefix) - 5;
}

export interface SubnetSpec {
    readonly tier: SubnetTier;
    readonly azId: string;
    readonly cidr: string;
    /** Logical-name suffix, made of tier and AZ ID only, so that it is as stable as the range. */
    readonly key: string;
}

/**
 * The subnets of a VPC: one per tier and AZ. `azNumberOf` turns an AZ ID into its number; it is a
 * parameter so that this module stays free of AZ ID parsing.
 */
export function planSubnets(vpcCidr: string, azIds: readonly string[], tiers: readonly SubnetTier[], azNumberOf: (azId: string) => number): SubnetSpec[] {
    const vpc = parseCidr(vpcCidr);
    const seen = new Set<number>();
    for (const azId of azIds) {
        const n = azNumberOf(azId);
        if (seen.has(n)) {
            throw new Error(`AZ ID ${azId} repeats AZ number ${n}; each AZ may appear once`);
        }
        seen.add(n);
    }
    return tiers.flatMap((tier) =>
        azIds.map((azId) => ({
            tier,
            azId,
            cidr: formatCidr(subnetCidr(vpc, tier, azNumberOf(azId))),
            key: `${tier}-${azId}`,
        })),
    );
}
