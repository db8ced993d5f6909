import { PolicyPack } from "@pulumi/policy";
import { ALL_POLICIES } from "./policies";

// The only place that constructs the pack: constructing it starts the analyzer's gRPC server, which
// only the Pulumi CLI should do (`pulumi preview --policy-pack policy`). The offline plan and the
// tests call the policies in ./policies directly (scripts/lib/policy-runner.ts).
new PolicyPack("platform-baseline", { policies: ALL_POLICIES });
