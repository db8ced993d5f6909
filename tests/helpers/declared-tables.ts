import * as path from "path";
import { TableSpec } from "../../components/data/table-spec";
import { readStackConfig } from "../../scripts/lib/stack-config";

const ROOT = path.resolve(__dirname, "../..");

/** A table as a service declares it in its stack file (`<service>:tables`), for app tests that need the real shape. */
export function declaredTable(service: string, name: string, stack = "dev"): TableSpec {
    const tables = JSON.parse(readStackConfig(path.join(ROOT, "apps", service), stack)[`${service}:tables`] ?? "[]") as TableSpec[];
    const table = tables.find((t) => t.name === name);
    if (table === undefined) {
        throw new Error(`apps/${service}/Pulumi.${stack}.yaml declares no table ${name} in ${service}:tables`);
    }
    return table;
}
