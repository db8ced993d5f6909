import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { discoverProjects } from "../../scripts/lib/projects";
import { prefetchRouteTables, readRouteTable, readRouteTables } from "../../scripts/analysis/route-tables";
import { budget } from "../helpers/budget";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The route tables the request-path analysis reads: prefetched in a worker thread (as `npm run plan`
 * does) they are the tables the analysis would read itself, and a table that cannot be read is an
 * error entry either way, never a crash.
 */
describe("service route tables (scripts/analysis/route-tables.ts)", function () {
    this.timeout(budget(2000));
    const services = discoverProjects(ROOT).filter((p) => p.kind === "service").map((p) => p.name);

    it("reads the same routes in a worker thread as in this one, and says where each was read", async () => {
        assert.ok(services.length >= 2, `services found: ${services.join(", ")}`);
        const here = [];
        for (const service of services) {
            here.push(await readRouteTable(ROOT, service));
        }
        // The repository through a symlink: a root of its own, so this prefetch is not the one other tests' reads find.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "route-tables-"));
        const root = path.join(dir, "repo");
        fs.symlinkSync(ROOT, root, "dir");
        try {
            prefetchRouteTables(root, services);
            const prefetched = await readRouteTables(root, services);
            assert.deepStrictEqual(prefetched.map((t) => [t.service, t.routes, t.error]), here.map((t) => [t.service, t.routes, t.error]));
            assert.ok(prefetched.every((t) => t.inWorker === true && typeof t.readMs === "number"));
            assert.ok(here.every((t) => t.inWorker === false && t.routes.length > 0));
        } finally {
            // Removes the link, not what it points to.
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("reports a service whose app cannot be loaded as an error entry, prefetched or not", async () => {
        prefetchRouteTables(ROOT, ["no-such-service"]);
        const [table] = await readRouteTables(ROOT, ["no-such-service"]);
        assert.strictEqual(table.service, "no-such-service");
        assert.deepStrictEqual(table.routes, []);
        assert.match(table.error ?? "", /Cannot find module .*apps\/no-such-service\/src\/route-table/);
    });
});
