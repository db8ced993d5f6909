/**
 * `npm run docs:diagrams`: plans the production environment offline and rewrites the diagrams in
 * docs/diagrams.md, so the pictures in the docs are the ones the code draws (a test fails while
 * the committed copy is stale).
 */
import * as fs from "fs";
import * as path from "path";
import { planEnvironment } from "./lib/plan-env";
import { DOCS_ENV, DOCS_PAGE, docsDiagrams, readDocsPage, withGenerated } from "./diagrams/docs";

const root = path.resolve(__dirname, "..");

async function main() {
    const plan = await planEnvironment(root, DOCS_ENV);
    const page = withGenerated(readDocsPage(root), await docsDiagrams(plan));
    fs.writeFileSync(path.join(root, DOCS_PAGE), page);
    console.log(`${DOCS_PAGE}: diagrams of ${DOCS_ENV} rewritten`);
}

main().catch((e) => {
    console.error(`docs:diagrams failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
});
