const MAX_LOGICAL_ID = 255;

/** CloudFormation logical ids are alphanumeric: `dev-private-use1-az1` becomes `DevPrivateUse1Az1`. */
export function logicalIdOf(name: string): string {
    const id = name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
    return (/^[A-Za-z]/.test(id) ? id : `R${id}`).slice(0, MAX_LOGICAL_ID);
}

/**
 * Hands out unique logical ids. Pulumi names are unique per type only (a security group and a role
 * may both be `app`), so a clash is settled with the CloudFormation type, then with a counter.
 */
export function logicalIdAllocator(): (name: string, cfnType: string) => string {
    const taken = new Set<string>();
    return (name, cfnType) => {
        const base = logicalIdOf(name);
        const typed = base + cfnType.split("::").pop();
        let id = taken.has(base) ? typed : base;
        for (let n = 2; taken.has(id); n++) {
            id = `${typed}${n}`;
        }
        taken.add(id);
        return id;
    };
}
