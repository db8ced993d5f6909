// Parses every ```mermaid block of the given Markdown files with Mermaid's own parser (the one
// GitHub's renderer runs), so a diagram that would not render fails here. Mermaid is an ES module
// that expects a browser, hence a plain .mjs file with a DOM from jsdom, run as its own process so
// the test runner's globals stay clean. Usage: node scripts/diagrams/check-mermaid.mjs FILE.md...
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

let failures = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
    const blocks = [...readFileSync(file, "utf8").matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
    for (const [i, block] of blocks.entries()) {
        count++;
        try {
            await mermaid.parse(block);
        } catch (e) {
            failures++;
            console.log(`${file}: diagram ${i + 1}: ${String(e?.message ?? e).split("\n").slice(0, 4).join(" | ")}`);
        }
    }
}
console.log(`${count} diagram(s) parsed, ${failures} failed`);
process.exit(failures > 0 || count === 0 ? 1 : 0);
