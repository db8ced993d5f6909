import { listRoutes, unused } from "../../shared/route-table";
import { buildCatalogApp } from "./server";

/** The routes this service serves, from the app itself, built without its stores (read by the plan's request-path analysis). */
export const routeTable = () => listRoutes((logger) => buildCatalogApp({ books: unused("books"), entities: unused("entities"), logger }).app);
