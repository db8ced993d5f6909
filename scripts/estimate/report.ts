/** The estimates as printed by the plan. */
import type { EnvironmentEstimate } from "./index";

const usd = (n: number) => `$${n.toFixed(2)}`;

export function formatEstimate(e: EnvironmentEstimate): string[] {
    const out: string[] = [];
    const c = e.cost;
    out.push(`\n=== cost estimate of ${e.env} (USD a month, ${c.region} on-demand list prices; scripts/estimate/prices.ts)`);
    if (c.regionNote !== undefined) {
        out.push(`  note: ${c.regionNote}`);
    }
    for (const s of c.stacks) {
        out.push(`  ${s.stack.padEnd(10)} idle ${usd(s.fixedUsd).padStart(10)}   usage ${usd(s.usageUsd).padStart(10)}   total ${usd(s.totalUsd).padStart(10)}`);
    }
    out.push(`  ${"all".padEnd(10)} idle ${usd(c.fixedUsd).padStart(10)}   usage ${usd(c.usageUsd).padStart(10)}   total ${usd(c.totalUsd).padStart(10)}`);
    out.push("  largest items:");
    c.largest.forEach((l) => out.push(`    ${usd(l.monthlyUsd).padStart(10)}  ${l.stack}/${l.resource}: ${l.item} (${+l.quantity.toFixed(2)} x $${+l.unitUsd.toPrecision(6)} ${l.unit})`));
    if (c.notPriced.length > 0) {
        out.push("  not priced:");
        c.notPriced.forEach((n) => out.push(`    ${n.stack}/${n.resource} (${n.type}): ${n.reason}`));
    }
    out.push(`\n=== capacity check of ${e.env} (reference service levels, docs/cost-and-capacity.md)`);
    e.capacity.forEach((l) => out.push(`  ${l.holds ? "holds       " : "FALLS SHORT "} ${l.check}: ${l.available} ${l.unit} ${l.direction === ">=" ? "for" : "within"} ${l.required}`));
    const d = e.deployTime;
    out.push(`\n=== first-deploy time of ${e.env} (critical path; typical creation times, scripts/estimate/deploy-time.ts)`);
    for (const s of d.stacks) {
        out.push(`  ${s.stack.padEnd(10)} ${String(s.minutes).padStart(5)} min   long poles: ${s.longPoles.map((p) => `${p.name} ${p.minutes} min`).join(", ") || "none"}`);
        out.push(`             path: ${s.criticalPath.map((p) => p.name).join(" > ")}`);
    }
    out.push(`  environment ${d.minutes} min over waves ${d.waves.map((w) => `[${w.stacks.join(", ")}] ${w.minutes} min`).join(" then ")}`);
    if (e.targets.length > 0) {
        out.push(`\n=== targets of ${e.env}`);
        e.targets.forEach((t) => out.push(`  ${t.holds ? "holds       " : "FALLS SHORT "} ${t.target}: ${t.value}`));
    }
    return out;
}
