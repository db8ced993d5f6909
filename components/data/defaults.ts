import { DataTierArgs } from "./args";

/**
 * Defaults of a DataTier by mode, as data. "protected" is production: Multi-AZ, deletion guards,
 * longer retention, sizes that reach the reference service levels. "unprotected" is what dev asks
 * for explicitly by passing `protect: false`: single-AZ, small and disposable.
 */
export interface TierDefaults {
    readonly multiAz: boolean;
    readonly deletionProtection: boolean;
    /** Automated backups of RDS (days, 1-35); ElastiCache keeps as many daily snapshots. */
    readonly backupRetentionDays: number;
    /** Retention of the RDS log exports, in days (a value CloudWatch Logs accepts). */
    readonly logRetentionDays: number;
    /** Secrets Manager recovery window; 0 deletes at once, so that a dev tier can be rebuilt under the same names. */
    readonly secretRecoveryWindowDays: number;
    /** Whether changes to the stores are applied at once or in the maintenance window. */
    readonly applyImmediately: boolean;
    readonly postgres: {
        readonly instanceClass: string;
        readonly allocatedStorage: number;
        readonly maxAllocatedStorage: number;
        readonly monitoringInterval: number;
        readonly performanceInsightsRetentionDays: number;
    };
    readonly cache: {
        readonly nodeType: string;
        readonly numCacheClusters: number;
    };
}

export const TIER_DEFAULTS: Readonly<Record<"protected" | "unprotected", TierDefaults>> = {
    protected: {
        multiAz: true,
        deletionProtection: true,
        backupRetentionDays: 14,
        logRetentionDays: 365,
        secretRecoveryWindowDays: 30,
        applyImmediately: false,
        // Graviton memory-optimised classes: PostgreSQL and Valkey are both memory-bound.
        postgres: { instanceClass: "db.r7g.large", allocatedStorage: 100, maxAllocatedStorage: 1000, monitoringInterval: 15, performanceInsightsRetentionDays: 7 },
        // Two nodes in two AZs: the primary and a replica to fail over to (D3).
        cache: { nodeType: "cache.r7g.large", numCacheClusters: 2 },
    },
    unprotected: {
        multiAz: false,
        deletionProtection: false,
        backupRetentionDays: 1,
        logRetentionDays: 30,
        secretRecoveryWindowDays: 0,
        applyImmediately: true,
        postgres: { instanceClass: "db.t4g.medium", allocatedStorage: 20, maxAllocatedStorage: 100, monitoringInterval: 60, performanceInsightsRetentionDays: 7 },
        cache: { nodeType: "cache.t4g.small", numCacheClusters: 1 },
    },
};

export function tierDefaults(protect: boolean): TierDefaults {
    return protect ? TIER_DEFAULTS.protected : TIER_DEFAULTS.unprotected;
}

/** PostgreSQL major version when none is given; a major-only version lets RDS apply minor upgrades without drift. */
export const DEFAULT_POSTGRES_VERSION = "17";
/** Valkey version when none is given. */
export const DEFAULT_VALKEY_VERSION = "8.1";
/** Redis OSS version when `engine: "redis"` is chosen without a version. */
export const DEFAULT_REDIS_VERSION = "7.1";
export function defaultCacheVersion(engine: "valkey" | "redis"): string {
    return engine === "valkey" ? DEFAULT_VALKEY_VERSION : DEFAULT_REDIS_VERSION;
}
export const POSTGRES_PORT = 5432;
export const CACHE_PORT = 6379;

/** The tier-wide settings after defaults and overrides: what the stores are built from. */
export interface TierSettings extends Pick<TierDefaults, "multiAz" | "deletionProtection" | "backupRetentionDays" | "logRetentionDays" | "secretRecoveryWindowDays" | "applyImmediately"> {
    readonly protect: boolean;
    readonly tags: Record<string, string>;
    readonly defaults: TierDefaults;
}

/** One `protect` switch picks the defaults; each explicit override wins (`??`, so `false` and `0` survive). */
export function resolveTierSettings(args: DataTierArgs): TierSettings {
    const protect = args.protect ?? true;
    const defaults = tierDefaults(protect);
    return {
        protect,
        multiAz: args.multiAz ?? defaults.multiAz,
        deletionProtection: args.deletionProtection ?? defaults.deletionProtection,
        backupRetentionDays: args.backupRetentionDays ?? defaults.backupRetentionDays,
        logRetentionDays: args.logRetentionDays ?? defaults.logRetentionDays,
        secretRecoveryWindowDays: defaults.secretRecoveryWindowDays,
        applyImmediately: defaults.applyImmediately,
        tags: { ...args.tags },
        defaults,
    };
}
