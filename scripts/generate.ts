/**
 * `npm run generate`: rewrites the files generated from code (each service's Pulumi.yaml from
 * stacks/service/schema.ts, docs/config-reference.md from every Pulumi.yaml). Run it after changing
 * a declaration; a test fails while a generated file is stale.
 */
import * as path from "path";
import { writeGeneratedFiles } from "./lib/generated";

const root = path.resolve(__dirname, "..");
const changed = writeGeneratedFiles(root);
console.log(changed.length > 0 ? `updated: ${changed.join(", ")}` : "every generated file is current");
