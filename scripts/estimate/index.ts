/**
 * The three estimates of an environment's plan (cost, capacity, first-deploy time) and the targets
 * the program must meet. Pure over the plan, apart from reading the stack config files.
 */
import * as fs from "fs";
import * as path from "path";
import type { EnvironmentPlan } from "../lib/plan-env";
import { readStackConfig } from "../lib/stack-config";
import { loadEdgeConfig } from "../../stacks/edge/config";
import { loadPlatformConfig } from "../../stacks/platform/config";
import { REFERENCE_ROUTES, serviceProxyRoutes } from "../../components/edge/routes";
import { DEFAULT_RPS_PER_VCPU } from "../../stacks/service/config";
import { CapacityLine, apiThrottleLines, cacheLines, clusterLine, dynamoLines, ServiceCapacity, subnetLines } from "./capacity";
import { EnvironmentCost, estimateCost } from "./cost";
import { deployWaves as environmentWaves, WaveStep } from "../lib/deploy-order";
import { EnvironmentDeployTime, environmentDeployTime } from "./deploy-time";

export interface Target {
    readonly target: string;
    readonly value: string;
    readonly holds: boolean;
}

export interface EnvironmentEstimate {
    readonly env: string;
    readonly cost: EnvironmentCost;
    readonly capacity: CapacityLine[];
    readonly deployTime: EnvironmentDeployTime;
    readonly targets: Target[];
}

/**
 * Dev's idle (fixed) cost budgets, USD a month: the platform's own (the platform and edge stacks,
 * every shared layer present) and each service's, so that adding a service adds its own budget
 * instead of breaking a total. They were $100 and $30 before the edge's alarms and the SLOs'
 * burn-rate alerts (metric-math alarms billed per metric, $0.50 composites; docs/slo.md, "What it
 * costs"): about $6.50 on the edge, $3.60 per service for its ALB's SLOs, $7.60 per table, $4 per cache.
 */
export const DEV_PLATFORM_IDLE_CEILING_USD = 105;
export const DEV_SERVICE_IDLE_CEILING_USD = 45;
/** Prod's first deploy must be estimated under this, minutes. */
export const PROD_DEPLOY_CEILING_MINUTES = 30;

export function estimateEnvironment(root: string, plan: EnvironmentPlan): EnvironmentEstimate {
    const platformRaw = readStackConfig(root, plan.env);
    const platform = loadPlatformConfig((k) => platformRaw[k], plan.env);
    const cost = estimateCost(plan.stacks.map((s) => ({ project: s.project, resources: s.resources })), platform.traffic, plan.region);

    const platformStack = plan.stacks[0];
    const services = plan.stacks.filter((s) => s.kind === "service");
    const all = plan.stacks.flatMap((s) => s.resources);
    const edgeDir = path.join(root, "edge");
    const edgeRaw = fs.existsSync(path.join(edgeDir, "Pulumi.yaml")) ? readStackConfig(edgeDir, plan.env) : {};
    const routes = [...REFERENCE_ROUTES, ...serviceProxyRoutes(loadEdgeConfig((k) => edgeRaw[k], plan.env).servicePrefixes)];
    const promised = routes.flatMap((r) => r.methods.map(() => ({ path: r.path, throttleRps: r.throttleRps })));
    const capacityOf = (s: (typeof services)[number]): ServiceCapacity => {
        const config = readStackConfig(path.join(root, "apps", s.project), plan.env);
        const scaling = s.resources.find((r) => r.type === "aws:appautoscaling/target:Target");
        const taskDef = s.resources.find((r) => r.type === "aws:ecs/taskDefinition:TaskDefinition");
        const vcpu = Number(taskDef?.inputs.cpu ?? 1024) / 1024;
        const measured = Number(config[`${s.project}:rpsPerVcpu`]);
        return { service: s.project, maxTasks: Number(scaling?.inputs.maxCapacity ?? 1), rpsPerTask: Math.floor(vcpu * (Number.isFinite(measured) && measured > 0 ? measured : DEFAULT_RPS_PER_VCPU)) };
    };
    const serviceCapacity = services.map(capacityOf);
    const maxTasks = serviceCapacity.reduce((n, s) => n + s.maxTasks, 0);
    // Other interfaces in a private subnet: one per interface endpoint, up to 8 ALB nodes, one VPC link ENI.
    const endpoints = platformStack.resources.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.inputs.vpcEndpointType === "Interface").length;
    const privateSubnets = platformStack.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet" && r.name.includes("-private-"));
    const capacity = [
        // The API lives in the edge stack; its method settings are found wherever they are planned.
        ...apiThrottleLines(all, promised),
        clusterLine(serviceCapacity),
        ...subnetLines(privateSubnets.map((s) => ({ name: s.name, cidr: String(s.inputs.cidrBlock), otherEnis: endpoints + 8 + 1 })), maxTasks),
        ...dynamoLines(all),
        ...cacheLines(all),
    ];

    const waves = deployWaves(plan);
    const deployTime = environmentDeployTime(plan.stacks, waves);

    const targets: Target[] = [];
    if (plan.env === "dev") {
        const kindOf = new Map(plan.stacks.map((s) => [s.project, s.kind]));
        const shared = cost.stacks.filter((s) => kindOf.get(s.stack) !== "service");
        const sharedUsd = Math.round(shared.reduce((n, s) => n + s.fixedUsd, 0) * 100) / 100;
        targets.push({ target: `dev platform idle cost (${shared.map((s) => s.stack).join(" + ")}) <= $${DEV_PLATFORM_IDLE_CEILING_USD}/month`, value: `$${sharedUsd.toFixed(2)}`, holds: sharedUsd <= DEV_PLATFORM_IDLE_CEILING_USD });
        for (const s of cost.stacks.filter((c) => kindOf.get(c.stack) === "service")) {
            targets.push({ target: `dev ${s.stack} idle cost <= $${DEV_SERVICE_IDLE_CEILING_USD}/month`, value: `$${s.fixedUsd.toFixed(2)}`, holds: s.fixedUsd <= DEV_SERVICE_IDLE_CEILING_USD });
        }
    }
    if (plan.env === "prod") {
        targets.push({ target: "prod capacity check holds", value: `${capacity.filter((c) => !c.holds).length} line(s) short`, holds: capacity.every((c) => c.holds) });
        const slowest = Math.max(...deployTime.stacks.map((s) => s.minutes));
        targets.push({ target: `prod slowest stack first deploy < ${PROD_DEPLOY_CEILING_MINUTES} min`, value: `${slowest} min`, holds: slowest < PROD_DEPLOY_CEILING_MINUTES });
        targets.push({ target: `prod whole environment first deploy < ${PROD_DEPLOY_CEILING_MINUTES} min (waves in sequence)`, value: `${deployTime.minutes} min`, holds: deployTime.minutes < PROD_DEPLOY_CEILING_MINUTES });
    }
    return { env: plan.env, cost, capacity, deployTime, targets };
}

/** The waves as scripts/lib/deploy-order.ts runs them; who calls whom from the service stacks' `calls` outputs. */
export function deployWaves(plan: EnvironmentPlan): WaveStep<string>[][] {
    const [platform, ...others] = plan.stacks.map((s) => s.project);
    const calls = new Map(plan.stacks.map((s) => [s.project, Array.isArray(s.outputs.calls) ? s.outputs.calls.map(String) : []]));
    return environmentWaves(platform, others, (name) => name, (name) => calls.get(name) ?? []);
}
