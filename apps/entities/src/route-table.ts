import { listRoutes, unused } from "../../shared/route-table";
import { buildEntitiesApp } from "./server";

/** The routes this service serves, from the app itself, built without its stores (read by the plan's request-path analysis). */
export const routeTable = () => listRoutes((logger) => buildEntitiesApp({ repository: unused("repository"), cache: unused("cache"), logger }).app);
