import { isValidLogRetention, LOG_RETENTION_DAYS } from "../observability/log-retention";
import { DataTierArgs } from "./args";
import { DEFAULT_POSTGRES_VERSION, DEFAULT_VALKEY_VERSION, defaultCacheVersion, tierDefaults } from "./defaults";
import { tableSpecProblems } from "./table-spec";

/** Bad DataTier args: every problem at once, each naming the arg, the value and what is accepted. */
export class DataTierArgsError extends Error {
    constructor(public readonly component: string, public readonly problems: readonly string[]) {
        super(`Invalid arguments of DataTier "${component}":\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "DataTierArgsError";
    }
}

export const MIN_POSTGRES_MAJOR = 14;
const MONITORING_INTERVALS = [0, 1, 5, 10, 15, 30, 60];
/** RDS and ElastiCache identifiers: a letter, then letters, digits and single hyphens. */
const IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SQL_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** `postgres16` from `16` or `16.4`. */
export function postgresFamily(engineVersion: string): string {
    return `postgres${engineVersion.split(".")[0]}`;
}

/** `valkey8` from valkey `8.1`; `redis7` from redis `7.1` (ElastiCache's family names). */
export function cacheFamily(engine: "valkey" | "redis", engineVersion: string): string {
    return `${engine}${engineVersion.split(".")[0]}`;
}

function isWhole(n: unknown, min: number, max: number): boolean {
    return typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;
}

function isPerformanceInsightsRetention(days: number): boolean {
    return days === 7 || days === 731 || (isWhole(days, 31, 713) && days % 31 === 0);
}

/**
 * Checks everything that can be checked before any resource exists. Throws a DataTierArgsError
 * listing every problem; returns nothing when the args are valid.
 */
export function validateDataTierArgs(name: string, args: DataTierArgs): void {
    const problems: string[] = [];
    const fail = (arg: string, value: unknown, accepted: string) => problems.push(`${arg} = ${JSON.stringify(value)}: expected ${accepted}`);
    const protect = args.protect ?? true;
    const defaults = tierDefaults(protect);
    const multiAz = args.multiAz ?? defaults.multiAz;
    const subnets = args.isolatedSubnetIds ?? [];
    const hasServer = args.postgres !== undefined || args.cache !== undefined;

    if (hasServer && !IDENTIFIER.test(name)) {
        fail("name", name, "lower-case letters, digits and single hyphens, starting with a letter (it names the DB instance and the replication group)");
    }
    if (args.postgres !== undefined && `${name}-postgres`.length > 63) {
        fail("name", name, "at most 54 characters (the DB identifier `<name>-postgres` is limited to 63)");
    }
    if (args.cache !== undefined && `${name}-cache`.length > 40) {
        fail("name", name, "at most 34 characters (the replication group id `<name>-cache` is limited to 40)");
    }
    if (hasServer && multiAz && subnets.length < 2) {
        fail("isolatedSubnetIds", `${subnets.length} subnet(s)`, "subnets in at least two AZs with multiAz true (set multiAz false for a single-AZ tier)");
    } else if (args.postgres !== undefined && subnets.length < 2) {
        fail("isolatedSubnetIds", `${subnets.length} subnet(s)`, "subnets in at least two AZs (an RDS DB subnet group must cover two AZs)");
    } else if (hasServer && subnets.length < 1) {
        fail("isolatedSubnetIds", `${subnets.length} subnet(s)`, "at least one isolated subnet");
    }
    if (hasServer && (args.clientSecurityGroupIds ?? []).length === 0) {
        fail("clientSecurityGroupIds", args.clientSecurityGroupIds ?? [], "at least one client security group (otherwise nothing can reach the database or the cache)");
    }
    if (args.backupRetentionDays !== undefined && !isWhole(args.backupRetentionDays, 0, 35)) {
        fail("backupRetentionDays", args.backupRetentionDays, "a whole number of days from 0 to 35");
    }
    if (args.logRetentionDays !== undefined && !isValidLogRetention(args.logRetentionDays)) {
        fail("logRetentionDays", args.logRetentionDays, `one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }

    const tableNames = new Set<string>();
    (args.tables ?? []).forEach((spec, i) => {
        problems.push(...tableSpecProblems(spec, `tables[${i}]`));
        if (tableNames.has(spec.name)) {
            fail(`tables[${i}].name`, spec.name, "a name not used by another table of the tier");
        }
        tableNames.add(spec.name);
    });

    const pg = args.postgres;
    if (pg !== undefined) {
        const version = pg.engineVersion ?? DEFAULT_POSTGRES_VERSION;
        if (!/^\d+(\.\d+)?$/.test(version)) {
            fail("postgres.engineVersion", version, `a PostgreSQL version "<major>" or "<major>.<minor>" (e.g. "${DEFAULT_POSTGRES_VERSION}" or "16.4")`);
        } else if (Number(version.split(".")[0]) < MIN_POSTGRES_MAJOR) {
            fail("postgres.engineVersion", version, `major version ${MIN_POSTGRES_MAJOR} or later`);
        }
        if (pg.instanceClass !== undefined && !/^db\.[a-z0-9-]+\.[a-z0-9]+$/.test(pg.instanceClass)) {
            fail("postgres.instanceClass", pg.instanceClass, 'an RDS instance class of the form "db.<family>.<size>", e.g. "db.r7g.large"');
        }
        const allocated = pg.allocatedStorage ?? defaults.postgres.allocatedStorage;
        if (!isWhole(allocated, 20, 65536)) {
            fail("postgres.allocatedStorage", pg.allocatedStorage, "whole GiB from 20 to 65536 (gp3)");
        }
        const max = pg.maxAllocatedStorage ?? Math.max(defaults.postgres.maxAllocatedStorage, allocated + 1);
        if (!isWhole(max, allocated + 1, 65536)) {
            fail("postgres.maxAllocatedStorage", pg.maxAllocatedStorage, `whole GiB above allocatedStorage (${allocated}) and at most 65536`);
        }
        if (pg.monitoringInterval !== undefined && !MONITORING_INTERVALS.includes(pg.monitoringInterval)) {
            fail("postgres.monitoringInterval", pg.monitoringInterval, `one of ${MONITORING_INTERVALS.join(", ")} seconds`);
        }
        if (pg.performanceInsightsRetentionDays !== undefined && !isPerformanceInsightsRetention(pg.performanceInsightsRetentionDays)) {
            fail("postgres.performanceInsightsRetentionDays", pg.performanceInsightsRetentionDays, "7, a multiple of 31 up to 713, or 731");
        }
        for (const [field, value] of [["databaseName", pg.databaseName], ["masterUsername", pg.masterUsername], ["iamDatabaseUser", pg.iamDatabaseUser]] as const) {
            if (value !== undefined && !SQL_NAME.test(value)) {
                fail(`postgres.${field}`, value, "a letter followed by up to 62 letters, digits or underscores");
            }
        }
        if (pg.parameters?.["rds.force_ssl"] !== undefined && pg.parameters["rds.force_ssl"] !== "1") {
            fail('postgres.parameters["rds.force_ssl"]', pg.parameters["rds.force_ssl"], '"1" or absent (SSL is always forced, D2)');
        }
    }

    const cache = args.cache;
    if (cache !== undefined) {
        const engine = cache.engine ?? "valkey";
        if (engine !== "valkey" && engine !== "redis") {
            fail("cache.engine", cache.engine, '"valkey" or "redis"');
        }
        const version = cache.engineVersion ?? defaultCacheVersion(engine);
        // Families before 7 are named differently (`redis6.x`); older engines are out of standard support anyway.
        const minMajor = 7;
        if (!/^\d+\.\d+$/.test(version)) {
            fail("cache.engineVersion", cache.engineVersion, `a version "<major>.<minor>" (e.g. "${DEFAULT_VALKEY_VERSION}" for valkey, "7.1" for redis)`);
        } else if (Number(version.split(".")[0]) < minMajor) {
            fail("cache.engineVersion", version, `${engine} ${minMajor}.0 or later`);
        }
        if (cache.nodeType !== undefined && !/^cache\.[a-z0-9-]+\.[a-z0-9]+$/.test(cache.nodeType)) {
            fail("cache.nodeType", cache.nodeType, 'an ElastiCache node type of the form "cache.<family>.<size>", e.g. "cache.r7g.large"');
        }
        const nodes = cache.numCacheClusters ?? (multiAz ? Math.max(2, defaults.cache.numCacheClusters) : defaults.cache.numCacheClusters);
        if (!isWhole(nodes, 1, 6)) {
            fail("cache.numCacheClusters", cache.numCacheClusters, "a whole number of nodes from 1 to 6");
        } else if (multiAz && nodes < 2) {
            fail("cache.numCacheClusters", cache.numCacheClusters, "2 or more with multiAz true (a replica in another AZ to fail over to)");
        }
    }

    if (problems.length > 0) {
        throw new DataTierArgsError(name, problems);
    }
}
