// Preloaded into each benchmarked process, and inherited by the processes it forks (fork passes on
// the parent's execArgv): each appends its own peak resident memory to BENCH_RSS_FILE on exit. The
// bench adds them up, an upper bound of what the process tree held at once.
import * as fs from "fs";

const file = process.env.BENCH_RSS_FILE;
if (file) {
    process.on("exit", () => fs.appendFileSync(file, `${process.resourceUsage().maxRSS * 1024}\n`));
}
