import { Policies } from "@pulumi/policy";
import { dataProtectionPolicies } from "./data-protection";
import { edgePolicies } from "./edge-tls";
import { encryptionPolicies } from "./encryption";
import { exposurePolicies } from "./exposure";
import { iamPolicies } from "./iam";
import { loggingPolicies } from "./logging";
import { productionPolicies } from "./production";
import { runtimePolicies } from "./runtimes-and-images";

/** Every policy of the pack, grouped by concern; plain objects, safe to import anywhere. */
export const ALL_POLICIES: Policies = [
    ...encryptionPolicies,
    ...loggingPolicies,
    ...exposurePolicies,
    ...iamPolicies,
    ...dataProtectionPolicies,
    ...runtimePolicies,
    ...edgePolicies,
    ...productionPolicies,
];
