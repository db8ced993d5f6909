/**
 * The floor of the benchmark: what any offline plan pays before its own work — starting Node with
 * TypeScript (as the plan does), loading @pulumi/pulumi and @pulumi/aws as the programs do, and registering one resource
 * under the same mocks and runtime.
 */
import * as aws from "@pulumi/aws";
import { runStackUnderMocks } from "../lib/mock-runtime";

runStackUnderMocks({
    project: "floor",
    stack: "bench",
    config: { "aws:region": "us-east-1" },
    program: () => {
        new aws.sns.Topic("floor");
        return {};
    },
}).catch((e) => {
    console.error(e);
    process.exit(1);
});
