/**
 * `npm run validate -- --env <env>`: translates every stack plan of `.plan/<env>/` into
 * CloudFormation, runs AWS's offline validator over it, prints the findings per resource and writes
 * `.plan/<env>/validation.json` (and the templates under `.plan/<env>/cfn/`, for other tools).
 * Exits non-zero on any error, or when a stack has too few resources translated to vouch for it.
 */
import * as fs from "fs";
import * as path from "path";
import { envArgument } from "./lib/args";
import { readStackPlans } from "./validate/plan";
import { failures, formatReport, StackReport } from "./validate/report";
import { SUPPRESSIONS } from "./validate/suppressions";
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
    const stacks: StackReport[] = [];
    try {
        for (const plan of plans) {
            const { translation, report } = validateStack(plan, validator, plans.filter((other) => other !== plan));
            const templateDir = path.join(planDir, "cfn");
            fs.mkdirSync(templateDir, { recursive: true });
            for (const { region, template } of translation.templates) {
                fs.writeFileSync(path.join(templateDir, `${plan.project}.${region}.json`), `${JSON.stringify(template, null, 2)}\n`);
            }
            stacks.push(report);
        }
    } finally {
        validator.free();
    }

    console.log(stacks.map(formatReport).join("\n\n"));
    const used = new Set(stacks.flatMap((s) => s.suppressed.map((f) => f.reason)));
    for (const unused of SUPPRESSIONS.filter((s) => !used.has(s.reason))) {
        console.log(`note: the suppression of ${unused.ruleId} on ${unused.logicalId ?? unused.resourceType ?? "any resource"} matched nothing in ${env}; remove it if no environment needs it`);
    }
    const reportFile = path.join(planDir, "validation.json");
    fs.writeFileSync(reportFile, `${JSON.stringify({ stacks }, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(process.cwd(), reportFile)}`);
    return stacks.some((s) => failures(s).length > 0) ? 1 : 0;
}

process.exitCode = main();
