import * as aws from "@pulumi/aws";
import * as assert from "assert";
import { runStackUnderMocks } from "../../scripts/lib/mock-runtime";
import { StackValidation, validateStack } from "../../scripts/validate/validate-stack";
import { REGION } from "./fixtures";
import { sharedValidator } from "./validator";
import { budget } from "../helpers/budget";

/**
 * The broken resources again, this time declared with `@pulumi/aws` and recorded by the mock
 * harness, as `npm run plan` records a program: Pulumi's real input names and the mocks' ids and
 * ARNs go through the translation.
 */
function brokenProgram() {
    const exec = new aws.iam.Role("exec", {
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    });
    new aws.ecs.TaskDefinition("task-bad-size", {
        family: "task-bad-size", cpu: "256", memory: "4096", networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], executionRoleArn: exec.arn,
        containerDefinitions: JSON.stringify([{ name: "app", image: "public.ecr.aws/nginx/nginx:1.27", essential: true }]),
    });
    new aws.rds.Instance("db-bad-class", {
        engine: "postgres", engineVersion: "16.4", instanceClass: "db.m5.huge", allocatedStorage: 20, storageEncrypted: false,
        username: "app", manageMasterUserPassword: true, skipFinalSnapshot: true,
    });
    const alb = new aws.lb.LoadBalancer("alb", { internal: true, loadBalancerType: "application", subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] });
    const group = new aws.lb.TargetGroup("tg-bad-protocol", { port: 8080, protocol: "HTTPX", targetType: "ip", vpcId: "vpc-0123456789abcdef0" });
    new aws.lb.Listener("https-without-certificate", { loadBalancerArn: alb.arn, port: 443, protocol: "HTTPS", defaultActions: [{ type: "forward", targetGroupArn: group.arn }] });
    return {};
}

describe("broken resources recorded by the mock harness", () => {
    let validation: StackValidation;
    before(async function () {
        this.timeout(budget(10_000)); // the first use loads AWS's validator (about 5 s of CPU)
        const run = await runStackUnderMocks({ project: "broken", stack: "test", config: { "aws:region": REGION }, program: brokenProgram });
        validation = validateStack({ project: run.project, stack: run.stack, region: REGION, resources: run.resources }, sharedValidator(), [], []);
    });

    it("reports each broken resource under its Pulumi name", () => {
        const { errors, warnings } = validation.report;
        const found = [...errors, ...warnings].map((f) => `${f.pulumiName} ${f.ruleId}`);
        for (const expected of ["task-bad-size E3047", "db-bad-class E3025", "db-bad-class W9008", "tg-bad-protocol W3030", "https-without-certificate E3676"]) {
            assert.ok(found.includes(expected), `${expected} not in ${found.join(", ")}`);
        }
    });

    it("wires the mocks' ARNs into references", () => {
        const resources = validation.translation.templates[0].template.Resources;
        assert.deepStrictEqual(resources.HttpsWithoutCertificate.Properties.LoadBalancerArn, { Ref: "Alb" });
        assert.deepStrictEqual(resources.TaskBadSize.Properties.ExecutionRoleArn, { "Fn::GetAtt": ["Exec", "Arn"] });
        assert.deepStrictEqual(validation.translation.droppedInputs, []);
    });
});
