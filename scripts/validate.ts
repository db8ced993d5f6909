/**
 * `npm run validate -- --env <env>`: translates every stack plan of `.plan/<env>/` into
 * CloudFormation, runs AWS's offline validator over it, prints the findings per resource and writes
 * `.plan/<env>/validation.json` (and the templates under `.plan/<env>/cfn/`, for other tools).
 * Exits non-zero on any error, or when a stack has too few resources translated to vouch for it.
 * `npm run plan -- --env <env> --validate` does the same in one command, overlapped with the plan, faster.
 */
import * as fs from "fs";
import * as path from "path";
import { envArgument } from "./lib/args";
import { reportEnvironment, StackValidationResult } from "./validate/environment";
import { readStackPlans } from "./validate/plan";
import { validateStack } from "./validate/validate-stack";
import { loadValidator } from "./validate/validator";

function main(): number {
    const env = envArgument(process.argv.slice(2), "npm run validate -- --env <env>");
    const planDir = path.resolve(__dirname, "..", ".plan", env);
    const plans = fs.existsSync(planDir) ? readStackPlans(planDir) : [];
    if (plans.length === 0) {
        console.error(`no plan in ${path.relative(process.cwd(), planDir)}: run \`npm run plan -- --env ${env}\` first`);
        return 2;
    }

    const validator = loadValidator();
    const results: StackValidationResult[] = [];
    try {
        for (const plan of plans) {
            results.push({ plan, ...validateStack(plan, validator, plans.filter((other) => other !== plan)) });
        }
    } finally {
        validator.free();
    }
    return reportEnvironment(env, planDir, results) ? 1 : 0;
}

process.exitCode = main();
