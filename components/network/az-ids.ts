/**
 * AZ IDs (`use1-az1`) name the same physical zone in every account, unlike AZ names (`us-east-1a`),
 * which AWS shuffles per account. The ID's prefix encodes the region: `use1` is us-east-1,
 * `apne1` is ap-northeast-1, `euc1` is eu-central-1.
 */

const AZ_ID_PATTERN = /^([a-z]+[0-9]+)-az([0-9]+)$/;
const REGION_PATTERN = /^([a-z]{2})-(?:(gov|iso|isob)-)?([a-z]+)-([0-9]+)$/;

const DIRECTION: Record<string, string> = {
    north: "n",
    south: "s",
    east: "e",
    west: "w",
    central: "c",
    northeast: "ne",
    northwest: "nw",
    southeast: "se",
    southwest: "sw",
};

/** True for a region code such as `us-east-1` or `ap-southeast-2`. */
export function isRegionCode(region: string): boolean {
    const m = REGION_PATTERN.exec(region);
    return m !== null && DIRECTION[m[3]] !== undefined;
}

/** The prefix that the AZ IDs of `region` carry (`us-east-1` -> `use1`, `us-gov-west-1` -> `usgw1`). */
export function azIdPrefixOfRegion(region: string): string {
    const m = REGION_PATTERN.exec(region);
    if (!m || DIRECTION[m[3]] === undefined) {
        throw new Error(`"${region}" is not an AWS region code such as us-east-1`);
    }
    const partition = m[2] === "gov" ? "g" : m[2] ?? "";
    return `${m[1]}${partition}${DIRECTION[m[3]]}${m[4]}`;
}

export interface AzId {
    readonly regionPrefix: string;
    readonly number: number;
}

/** Parses `use1-az4`; local-zone and wavelength IDs (`use1-bos1-az1`) are refused: subnets of the platform live in regional AZs. */
export function parseAzId(azId: string): AzId {
    const m = AZ_ID_PATTERN.exec(azId);
    if (!m) {
        throw new Error(`"${azId}" is not an AZ ID such as use1-az1`);
    }
    return { regionPrefix: m[1], number: Number(m[2]) };
}

export function azNumber(azId: string): number {
    return parseAzId(azId).number;
}
