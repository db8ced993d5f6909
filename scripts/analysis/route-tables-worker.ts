// The worker thread of prefetchRouteTables (route-tables.ts): reads the route tables, posts them, ends.
import { parentPort, workerData } from "worker_threads";
import { readRouteTables } from "./route-tables";

const { root, services } = workerData as { root: string; services: string[] };
void readRouteTables(root, services).then((tables) => parentPort!.postMessage(tables));
