// `npm run plan` without its analyses (scripts/lib/plan-baseline.ts), for the bench only: what a plan
// takes without them is the baseline against which the bench measures what they add.
import { markPlanWithoutAnalyses } from "../lib/plan-baseline";

markPlanWithoutAnalyses();
// eslint-disable-next-line @typescript-eslint/no-require-imports
require("../plan");
