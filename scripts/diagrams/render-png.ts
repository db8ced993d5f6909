/**
 * `npm run diagrams:png -- <file.md> <out-prefix>`: renders each Mermaid diagram of a Markdown
 * file to `<out-prefix>-<n>.png` with Mermaid's own renderer in headless Chromium, for reviews and
 * documents where Mermaid is not rendered natively. Needs a Chromium on PATH (Debian: `apt-get
 * install chromium`); it is a reviewer's tool, not part of the plan or the tests (which parse every
 * diagram with Mermaid's parser instead).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--allow-file-access-from-files", "--hide-scrollbars", "--virtual-time-budget=20000"];

function main() {
    const [md, prefix] = process.argv.slice(2);
    if (!md || !prefix) {
        throw new Error("usage: npm run diagrams:png -- <file.md> <out-prefix>");
    }
    const mermaidJs = require.resolve("mermaid/dist/mermaid.min.js");
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "diagrams-png-"));
    const chromium = (args: string[]) => execFileSync("chromium", [...FLAGS, `--user-data-dir=${path.join(work, "profile")}`, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    try {
        const blocks = [...fs.readFileSync(md, "utf8").matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
        const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
        blocks.forEach((block, i) => {
            const page = path.join(work, `${i}.html`);
            fs.writeFileSync(page, `<!doctype html><html><body style="margin:0;background:white;display:inline-block"><pre class="mermaid">${escape(block)}</pre>`
                + `<script src="file://${mermaidJs}"></script><script>mermaid.initialize({startOnLoad:true,flowchart:{useMaxWidth:false},sequence:{useMaxWidth:false}});</script></body></html>`);
            // First pass: let Mermaid lay the diagram out and read its size; second: a window that fits it.
            const viewBox = /<svg[^>]*viewBox="([-\d. ]+)"/.exec(chromium(["--dump-dom", `file://${page}`]));
            if (viewBox === null) {
                throw new Error(`diagram ${i + 1} of ${md} did not render`);
            }
            const [, , width, height] = viewBox[1].split(" ").map(Number);
            const out = `${prefix}-${i + 1}.png`;
            chromium([`--window-size=${Math.ceil(width) + 40},${Math.ceil(height) + 40}`, `--screenshot=${path.resolve(out)}`, `file://${page}`]);
            console.log(`${out}: ${Math.ceil(width)}x${Math.ceil(height)}`);
        });
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main();
