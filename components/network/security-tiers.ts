import { EgressMode } from "./egress";

/**
 * The security-group chain of N5: load balancers -> application -> data, each tier admitting only
 * the tier in front of it, on that tier's ports. Interface endpoints get their own group, reachable
 * on 443 from inside the VPC. Kept as data so that the chain can be read and tested in one place.
 */

export type SecurityTier = "loadBalancer" | "app" | "data" | "endpoints";

export const SECURITY_TIERS: readonly SecurityTier[] = ["loadBalancer", "app", "data", "endpoints"];

export type Peer =
    | { readonly kind: "tier"; readonly tier: SecurityTier }
    | { readonly kind: "cidr"; readonly cidr: string }
    | { readonly kind: "prefixList"; readonly gateway: "s3" | "dynamodb" };

export interface TierRule {
    readonly tier: SecurityTier;
    readonly direction: "ingress" | "egress";
    readonly peer: Peer;
    readonly port: number;
    readonly description: string;
    /** Logical-name suffix; stable as long as the rule means the same thing. */
    readonly key: string;
}

export interface TierPorts {
    /** Port the application containers listen on (the load balancers' targets). */
    readonly appPort: number;
    /** Ports of the data stores (PostgreSQL, Redis/Valkey). */
    readonly dataPorts: readonly number[];
}

function both(from: SecurityTier, to: SecurityTier, port: number, what: string): TierRule[] {
    return [
        { tier: from, direction: "egress", peer: { kind: "tier", tier: to }, port, description: `${what} to the ${to} tier`, key: `${from}-to-${to}-${port}` },
        { tier: to, direction: "ingress", peer: { kind: "tier", tier: from }, port, description: `${what} from the ${from} tier`, key: `${to}-from-${from}-${port}` },
    ];
}

export function planTierRules(vpcCidr: string, ports: TierPorts, egress: EgressMode): TierRule[] {
    const rules: TierRule[] = [
        ...both("loadBalancer", "app", ports.appPort, "HTTP"),
        ...ports.dataPorts.flatMap((port) => both("app", "data", port, "Data")),
        { tier: "endpoints", direction: "ingress", peer: { kind: "cidr", cidr: vpcCidr }, port: 443, description: "HTTPS from the VPC to AWS APIs", key: "endpoints-from-vpc-443" },
        // Gateway endpoints are reached at S3's and DynamoDB's public addresses, named by prefix lists.
        { tier: "app", direction: "egress", peer: { kind: "prefixList", gateway: "s3" }, port: 443, description: "HTTPS to S3 (gateway endpoint)", key: "app-to-s3-443" },
        { tier: "app", direction: "egress", peer: { kind: "prefixList", gateway: "dynamodb" }, port: 443, description: "HTTPS to DynamoDB (gateway endpoint)", key: "app-to-dynamodb-443" },
        { tier: "app", direction: "egress", peer: { kind: "cidr", cidr: egress === "none" ? vpcCidr : "0.0.0.0/0" }, port: 443, description: egress === "none" ? "HTTPS to the interface endpoints" : "HTTPS to AWS APIs and the internet through NAT", key: "app-to-https-443" },
    ];
    return rules;
}
