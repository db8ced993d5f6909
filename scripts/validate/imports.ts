import { logicalIdOf } from "./logical-ids";
import { StackPlan } from "./plan";

/** Output values that identify AWS resources (ARNs and ids such as `vpc-0a1b...`), not names or settings. */
const IDENTIFIER = /^(arn:|[a-z][a-z0-9]*-[0-9a-f]{8,}$)/;

/**
 * The values a stack may read from other stacks through `StackReference`, each with the name of
 * the template parameter that stands for it (`PlatformListenerArn`). In CloudFormation such a value
 * arrives as a parameter or an import; written out literally, it would look hard-coded.
 */
export function stackImports(others: readonly StackPlan[]): Map<string, string> {
    const imports = new Map<string, string>();
    const visit = (value: unknown, path: string[]): void => {
        if (typeof value === "string" && IDENTIFIER.test(value) && !imports.has(value)) {
            imports.set(value, logicalIdOf(path.join("-")));
        } else if (Array.isArray(value)) {
            value.forEach((item, i) => visit(item, [...path, String(i + 1)]));
        } else if (typeof value === "object" && value !== null) {
            Object.entries(value).forEach(([key, item]) => visit(item, [...path, key]));
        }
    };
    others.forEach((plan) => visit(plan.outputs ?? {}, [plan.project]));
    return imports;
}
