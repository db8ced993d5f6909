// Preloaded into each benchmarked process: writes the process's peak resident memory on exit.
import * as fs from "fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
    process.on("exit", () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
}
