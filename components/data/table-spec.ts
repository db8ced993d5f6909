/**
 * Declarative DynamoDB table specs: what a service says about a table (its attributes, keys,
 * indexes, billing), checked here without any AWS call and turned into the provider's shapes.
 * DynamoDB itself only accepts attribute definitions for attributes used in a key schema, so the
 * spec declares every attribute it relies on and `attributeDefinitions` keeps the key ones.
 */

/** Types a key attribute may have (DynamoDB refuses anything else in a key schema). */
export type KeyAttributeType = "S" | "N" | "B";
/** Types of the attributes a spec may declare: key types plus the document and set types. */
export type AttributeType = KeyAttributeType | "M" | "L" | "BOOL" | "SS" | "NS" | "BS";

export type BillingMode = "PAY_PER_REQUEST" | "PROVISIONED";
export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

/** Bounds of one autoscaled dimension (read or write capacity units). */
export interface CapacityRange {
    readonly min: number;
    readonly max: number;
}

/** Provisioned capacity with target-tracking autoscaling; applies to the table and each of its GSIs. */
export interface ProvisionedCapacity {
    readonly read: CapacityRange;
    readonly write: CapacityRange;
    /**
     * Utilization, in percent, that autoscaling keeps the consumed capacity at.
     * @default 70
     */
    readonly targetUtilization?: number;
}

/** Projection of a GSI: `ALL`, `KEYS_ONLY`, or `INCLUDE` with the non-key attributes to copy. */
export interface GsiProjection {
    readonly type: "ALL" | "KEYS_ONLY" | "INCLUDE";
    /** Only with `INCLUDE`: declared attributes copied into the index. */
    readonly include?: readonly string[];
}

export interface GlobalSecondaryIndexSpec {
    readonly name: string;
    /** Declared attribute used as the index's partition key. */
    readonly partitionKey: string;
    /** Declared attribute used as the index's sort key. */
    readonly sortKey?: string;
    readonly projection: GsiProjection;
}

export interface TableSpec {
    /**
     * Logical table name, unique within a DataTier; the physical name is `<tier>-<name>`. It is the
     * table's identity: changing it replaces the table.
     */
    readonly name: string;
    /** Every attribute the keys, indexes and projections use, with its DynamoDB type. */
    readonly attributes: Readonly<Record<string, AttributeType>>;
    readonly partitionKey: string;
    readonly sortKey?: string;
    readonly globalSecondaryIndexes?: readonly GlobalSecondaryIndexSpec[];
    /**
     * @default "PAY_PER_REQUEST" — no capacity planning, scales to the reference 10,000 RCU/WCU at once.
     */
    readonly billingMode?: BillingMode;
    /** Only with `PROVISIONED` billing (required then). */
    readonly capacity?: ProvisionedCapacity;
    /** Attribute holding an epoch-seconds expiry; items past it are deleted by DynamoDB. */
    readonly ttlAttribute?: string;
    /**
     * What the table's stream carries; `false` turns the stream off.
     * @default "NEW_AND_OLD_IMAGES" — consumers invalidate caches by key and can see what changed.
     */
    readonly stream?: StreamViewType | false;
}

/** The provisioned range of D1 (autoscaling up to 10,000 RCU/WCU), for specs that choose PROVISIONED billing. */
export const REFERENCE_CAPACITY: ProvisionedCapacity = { read: { min: 5, max: 10_000 }, write: { min: 5, max: 10_000 }, targetUtilization: 70 };

/** DynamoDB's default per-table quota for provisioned RCU or WCU. */
export const MAX_PROVISIONED_UNITS = 40_000;

const KEY_TYPES: readonly string[] = ["S", "N", "B"];
const ATTRIBUTE_TYPES: readonly string[] = [...KEY_TYPES, "M", "L", "BOOL", "SS", "NS", "BS"];
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const INDEX_NAME = /^[A-Za-z0-9_.-]{3,255}$/;

/**
 * Every problem of a spec, each naming the field (`tables[0].globalSecondaryIndexes[0]...`), the
 * bad value and what is accepted. Empty when the spec is valid.
 */
export function tableSpecProblems(spec: TableSpec, path: string): string[] {
    const problems: string[] = [];
    const fail = (field: string, value: unknown, accepted: string) => problems.push(`${path}.${field} = ${JSON.stringify(value)}: expected ${accepted}`);
    const declared = spec.attributes ?? {};

    if (!TABLE_NAME.test(spec.name ?? "")) {
        fail("name", spec.name, "3-255 characters among letters, digits, '_', '-', '.'");
    }
    for (const [attr, type] of Object.entries(declared)) {
        if (!ATTRIBUTE_TYPES.includes(type)) {
            fail(`attributes.${attr}`, type, `one of ${ATTRIBUTE_TYPES.join(", ")}`);
        }
    }
    const checkKey = (field: string, attr: string | undefined, required: boolean) => {
        if (attr === undefined) {
            if (required) {
                fail(field, attr, "a declared attribute of type S, N or B");
            }
            return;
        }
        if (!(attr in declared)) {
            fail(field, attr, `an attribute declared in attributes (declared: ${Object.keys(declared).join(", ") || "none"})`);
        } else if (!KEY_TYPES.includes(declared[attr])) {
            fail(field, attr, `an attribute of type S, N or B (it is declared ${declared[attr]})`);
        }
    };
    checkKey("partitionKey", spec.partitionKey, true);
    checkKey("sortKey", spec.sortKey, false);

    const indexNames = new Set<string>();
    (spec.globalSecondaryIndexes ?? []).forEach((gsi, i) => {
        const at = `globalSecondaryIndexes[${i}]`;
        if (!INDEX_NAME.test(gsi.name ?? "")) {
            fail(`${at}.name`, gsi.name, "3-255 characters among letters, digits, '_', '-', '.'");
        } else if (indexNames.has(gsi.name)) {
            fail(`${at}.name`, gsi.name, "a name not used by another index of the table");
        }
        indexNames.add(gsi.name);
        checkKey(`${at}.partitionKey`, gsi.partitionKey, true);
        checkKey(`${at}.sortKey`, gsi.sortKey, false);
        const include = gsi.projection?.include ?? [];
        if (gsi.projection?.type === "INCLUDE") {
            if (include.length === 0) {
                fail(`${at}.projection.include`, include, "at least one attribute with projection INCLUDE");
            }
            const undeclared = include.filter((a) => !(a in declared));
            if (undeclared.length > 0) {
                fail(`${at}.projection.include`, include, `attributes declared in attributes; not declared: ${undeclared.join(", ")}`);
            }
        } else if (!["ALL", "KEYS_ONLY"].includes(gsi.projection?.type)) {
            fail(`${at}.projection.type`, gsi.projection?.type, "one of ALL, KEYS_ONLY, INCLUDE");
        } else if (include.length > 0) {
            fail(`${at}.projection.include`, include, `no attributes with projection ${gsi.projection.type} (only INCLUDE lists attributes)`);
        }
    });

    const billing = spec.billingMode ?? "PAY_PER_REQUEST";
    if (billing !== "PAY_PER_REQUEST" && billing !== "PROVISIONED") {
        fail("billingMode", spec.billingMode, "PAY_PER_REQUEST or PROVISIONED");
    } else if (billing === "PAY_PER_REQUEST" && spec.capacity !== undefined) {
        fail("capacity", spec.capacity, "no provisioned capacity with billingMode PAY_PER_REQUEST (on-demand); set billingMode PROVISIONED or drop capacity");
    } else if (billing === "PROVISIONED") {
        if (spec.capacity === undefined) {
            fail("capacity", spec.capacity, "read and write ranges with billingMode PROVISIONED");
        } else {
            for (const dim of ["read", "write"] as const) {
                const r = spec.capacity[dim];
                if (!r || !Number.isInteger(r.min) || !Number.isInteger(r.max) || r.min < 1 || r.max < r.min || r.max > MAX_PROVISIONED_UNITS) {
                    fail(`capacity.${dim}`, r, `whole numbers with 1 <= min <= max <= ${MAX_PROVISIONED_UNITS}`);
                }
            }
            const t = spec.capacity.targetUtilization;
            if (t !== undefined && !(t >= 20 && t <= 90)) {
                fail("capacity.targetUtilization", t, "a percentage from 20 to 90 (what Application Auto Scaling accepts for DynamoDB)");
            }
        }
    }
    if (spec.ttlAttribute !== undefined && !/^[A-Za-z0-9_.-]{1,255}$/.test(spec.ttlAttribute)) {
        fail("ttlAttribute", spec.ttlAttribute, "an attribute name of 1-255 characters");
    }
    if (spec.stream !== undefined && spec.stream !== false && !["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"].includes(spec.stream)) {
        fail("stream", spec.stream, "false or one of KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES");
    }
    return problems;
}

/** The attribute definitions DynamoDB wants: exactly the attributes used by the table's and its GSIs' keys. */
export function attributeDefinitions(spec: TableSpec): { name: string; type: KeyAttributeType }[] {
    const used = [spec.partitionKey, spec.sortKey, ...(spec.globalSecondaryIndexes ?? []).flatMap((g) => [g.partitionKey, g.sortKey])];
    return [...new Set(used.filter((a): a is string => a !== undefined))].map((name) => ({ name, type: spec.attributes[name] as KeyAttributeType }));
}

/** The GSI blocks of `aws.dynamodb.Table`, with key schemas (the provider's non-deprecated form). */
export function gsiBlocks(spec: TableSpec) {
    const provisioned = (spec.billingMode ?? "PAY_PER_REQUEST") === "PROVISIONED" ? spec.capacity : undefined;
    return (spec.globalSecondaryIndexes ?? []).map((gsi) => ({
        name: gsi.name,
        keySchemas: [
            { attributeName: gsi.partitionKey, keyType: "HASH" },
            ...(gsi.sortKey !== undefined ? [{ attributeName: gsi.sortKey, keyType: "RANGE" }] : []),
        ],
        projectionType: gsi.projection.type,
        nonKeyAttributes: gsi.projection.type === "INCLUDE" ? [...(gsi.projection.include ?? [])] : undefined,
        readCapacity: provisioned?.read.min,
        writeCapacity: provisioned?.write.min,
    }));
}

/** The fields a spec may have, for refusing misspelt ones when specs come from config. */
const SPEC_FIELDS = ["name", "attributes", "partitionKey", "sortKey", "globalSecondaryIndexes", "billingMode", "capacity", "ttlAttribute", "stream"];
const GSI_FIELDS = ["name", "partitionKey", "sortKey", "projection"];

/**
 * Every problem of a list of specs as config holds it (untyped JSON): each must be an object with
 * known fields only, valid (tableSpecProblems), and no two may share a name or a variable.
 */
export function tableListProblems(value: unknown, closest: (field: string, known: readonly string[]) => string | undefined): string[] {
    if (!Array.isArray(value)) {
        return ["not a list of tables"];
    }
    const problems: string[] = [];
    const unknownFields = (obj: Record<string, unknown>, known: readonly string[], at: string) => {
        for (const field of Object.keys(obj).filter((f) => !known.includes(f))) {
            const suggestion = closest(field, known);
            problems.push(`${at}.${field} is not a field${suggestion !== undefined ? `: did you mean ${suggestion}?` : ` (fields: ${known.join(", ")})`}`);
        }
    };
    value.forEach((spec: unknown, i) => {
        const at = `tables[${i}]`;
        if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
            problems.push(`${at} is not an object such as {name: Orders, attributes: {pk: S}, partitionKey: pk}`);
            return;
        }
        const s = spec as Record<string, unknown>;
        unknownFields(s, SPEC_FIELDS, at);
        if (s.attributes === null || typeof s.attributes !== "object" || Array.isArray(s.attributes)) {
            problems.push(`${at}.attributes is not a map of attribute name to type`);
            return;
        }
        const gsis = s.globalSecondaryIndexes ?? [];
        if (!Array.isArray(gsis) || gsis.some((g) => g === null || typeof g !== "object")) {
            problems.push(`${at}.globalSecondaryIndexes is not a list of indexes`);
            return;
        }
        gsis.forEach((g: Record<string, unknown>, j) => unknownFields(g, GSI_FIELDS, `${at}.globalSecondaryIndexes[${j}]`));
        problems.push(...tableSpecProblems(s as unknown as TableSpec, at));
    });
    const byVariable = new Map<string, string[]>();
    for (const name of value.map((t: { name?: unknown }) => String(t?.name))) {
        byVariable.set(tableVariableOf(name), [...(byVariable.get(tableVariableOf(name)) ?? []), name]);
    }
    for (const [variable, names] of byVariable) {
        if (names.length > 1) {
            problems.push(`${names.join(", ")} repeated (each table needs its own name and its own variable; these all make ${variable})`);
        }
    }
    return problems;
}

/** `OrderItems` or `order-items` -> `order-items`: the table's part of alarm and resource names. */
export function tableSlugOf(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").replace(/[_.]/g, "-").toLowerCase();
}

/** The environment variable carrying a table's physical name: `Entities` -> `ENTITIES_TABLE`, `OrderItems` -> `ORDER_ITEMS_TABLE`. */
export function tableVariableOf(name: string): string {
    return `${tableSlugOf(name).replace(/-/g, "_").toUpperCase()}_TABLE`;
}
