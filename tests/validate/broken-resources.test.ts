import * as assert from "assert";
import { PlannedResource } from "../../scripts/validate/plan";
import { failures, ReportedFinding } from "../../scripts/validate/report";
import { validateStack } from "../../scripts/validate/validate-stack";
import { planned, stackOf } from "./fixtures";
import { sharedValidator } from "./validator";
import { budget } from "../helpers/budget";

/*
 * Deliberately broken resources, in the plan's format, through the whole path: translation, AWS's
 * validator, report. Each comes with its repaired twin, which must not draw the same finding, so
 * that a test cannot pass because the validator reports everything (or nothing reaches it).
 */

const container = JSON.stringify([{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", essential: true, portMappings: [{ containerPort: 8080 }] }]);

function fargateTask(name: string, cpu: string, memory: string): PlannedResource {
    return planned("aws:ecs/taskDefinition:TaskDefinition", name, {
        family: name, cpu, memory, networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], containerDefinitions: container,
    });
}

function postgres(name: string, overrides: Record<string, unknown>): PlannedResource {
    return planned("aws:rds/instance:Instance", name, {
        identifier: name, engine: "postgres", engineVersion: "16.4", instanceClass: "db.t4g.medium", allocatedStorage: 20,
        storageEncrypted: true, username: "app", manageMasterUserPassword: true, backupRetentionPeriod: 7, ...overrides,
    });
}

const VPC_ID = "vpc-0123456789abcdef0";
const lb = planned("aws:lb/loadBalancer:LoadBalancer", "alb", { internal: true, loadBalancerType: "application", subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }, {
    id: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/0123456789abcdef",
});

function targetGroup(name: string, protocol: string): PlannedResource {
    return planned("aws:lb/targetGroup:TargetGroup", name, { port: 8080, protocol, targetType: "ip", vpcId: VPC_ID }, {
        id: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${name}/0123456789abcdef`,
    });
}

function listener(name: string, protocol: string, port: number, group: PlannedResource): PlannedResource {
    return planned("aws:lb/listener:Listener", name, { loadBalancerArn: lb.id, port, protocol, defaultActions: [{ type: "forward", targetGroupArn: group.id }] }, { dependsOn: [lb.urn, group.urn] });
}

const brokenTargetGroup = targetGroup("tg-bad-protocol", "HTTPX");
const goodTargetGroup = targetGroup("tg-good", "HTTP");

const broken = [
    fargateTask("task-bad-size", "256", "4096"),
    postgres("db-bad-class", { instanceClass: "db.m5.huge" }),
    postgres("db-unencrypted", { storageEncrypted: false }),
    lb, brokenTargetGroup, goodTargetGroup,
    listener("https-without-certificate", "HTTPS", 443, goodTargetGroup),
];

const repaired = [
    fargateTask("task-bad-size", "512", "1024"),
    postgres("db-bad-class", {}),
    postgres("db-unencrypted", {}),
    lb, goodTargetGroup,
    listener("https-without-certificate", "HTTP", 80, goodTargetGroup),
];

function findingsOf(resources: PlannedResource[]): ReportedFinding[] {
    const { report } = validateStack(stackOf(...resources), sharedValidator(), [], []);
    return [...report.errors, ...report.warnings];
}

function rulesOn(findings: readonly ReportedFinding[], name: string): string[] {
    return findings.filter((f) => f.pulumiName === name).map((f) => f.ruleId);
}

describe("broken resources through translation and AWS's validator", () => {
    let brokenFindings: ReportedFinding[];
    let repairedFindings: ReportedFinding[];
    before(function () {
        this.timeout(budget(10_000)); // the first use loads AWS's validator (about 5 s of CPU)
        brokenFindings = findingsOf(broken);
        repairedFindings = findingsOf(repaired);
    });

    it("reports an incompatible Fargate CPU/memory pair on the task definition as an error (E3047)", () => {
        assert.ok(rulesOn(brokenFindings, "task-bad-size").includes("E3047"), JSON.stringify(brokenFindings));
        assert.ok(!rulesOn(repairedFindings, "task-bad-size").includes("E3047"));
    });

    it("reports a DB instance class that does not exist as an error (E3025)", () => {
        assert.ok(rulesOn(brokenFindings, "db-bad-class").includes("E3025"));
        assert.ok(!rulesOn(repairedFindings, "db-bad-class").includes("E3025"));
    });

    it("reports an HTTPS listener without a certificate as an error (E3676)", () => {
        assert.ok(rulesOn(brokenFindings, "https-without-certificate").includes("E3676"));
        assert.ok(!rulesOn(repairedFindings, "https-without-certificate").includes("E3676"));
    });

    it("reports a target group protocol that ELB does not have (W3030)", () => {
        assert.ok(rulesOn(brokenFindings, "tg-bad-protocol").includes("W3030"));
        assert.ok(!rulesOn(repairedFindings, "tg-good").includes("W3030"));
    });

    it("reports an unencrypted database (W9008)", () => {
        assert.ok(rulesOn(brokenFindings, "db-unencrypted").includes("W9008"));
        assert.ok(!rulesOn(repairedFindings, "db-unencrypted").includes("W9008"));
    });

    it("fails the stack on the errors, and passes the repaired one", () => {
        assert.deepStrictEqual(failures(validateStack(stackOf(...broken), sharedValidator(), [], []).report), ["3 error(s)"]);
        assert.deepStrictEqual(failures(validateStack(stackOf(...repaired), sharedValidator(), [], []).report), []);
    });
});
