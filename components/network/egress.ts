/**
 * How private subnets reach the internet, and the route tables that follow from it.
 * - `none`: no internet gateway, no NAT; AWS APIs through VPC endpoints only (fully private VPC).
 * - `single-nat`: one NAT gateway in the first AZ's public subnet; cheap, but an outage of that AZ
 *   cuts every AZ's egress.
 * - `nat-per-az`: one NAT gateway per AZ; each AZ's private subnet uses its own, so an AZ failure
 *   stays in that AZ.
 */
export type EgressMode = "none" | "single-nat" | "nat-per-az";

export const EGRESS_MODES: readonly EgressMode[] = ["none", "single-nat", "nat-per-az"];

/** The public tier exists only to hold NAT gateways: the load balancers of this platform are internal. */
export function needsPublicTier(egress: EgressMode): boolean {
    return egress !== "none";
}

/** AZ IDs that get a NAT gateway, in the order of `azIds`. */
export function natGatewayAzs(azIds: readonly string[], egress: EgressMode): string[] {
    switch (egress) {
        case "none":
            return [];
        case "single-nat":
            return azIds.slice(0, 1);
        case "nat-per-az":
            return [...azIds];
    }
}

export interface RouteTableSpec {
    /** Logical-name suffix. */
    readonly key: string;
    readonly tier: "public" | "private" | "isolated";
    /** AZ IDs whose subnet of `tier` is associated with this table. */
    readonly azIds: readonly string[];
    /** Where 0.0.0.0/0 goes: the internet gateway, the NAT gateway of the named AZ, or nowhere. */
    readonly defaultRoute: { readonly kind: "internet-gateway" } | { readonly kind: "nat-gateway"; readonly natAzId: string } | undefined;
}

/**
 * Route tables per tier. Private subnets get one table per AZ even with a single NAT gateway, so
 * that switching to `nat-per-az` later only edits routes instead of re-associating subnets.
 * Isolated subnets share one table without a default route: data stores have no way out.
 */
export function planRouteTables(azIds: readonly string[], egress: EgressMode): RouteTableSpec[] {
    const nats = natGatewayAzs(azIds, egress);
    const tables: RouteTableSpec[] = [];
    if (needsPublicTier(egress)) {
        tables.push({ key: "public", tier: "public", azIds: [...azIds], defaultRoute: { kind: "internet-gateway" } });
    }
    for (const azId of azIds) {
        const natAzId = nats.includes(azId) ? azId : nats[0];
        tables.push({
            key: `private-${azId}`,
            tier: "private",
            azIds: [azId],
            defaultRoute: natAzId === undefined ? undefined : { kind: "nat-gateway", natAzId },
        });
    }
    tables.push({ key: "isolated", tier: "isolated", azIds: [...azIds], defaultRoute: undefined });
    return tables;
}
