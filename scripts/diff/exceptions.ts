/**
 * Where the Pulumi AWS provider decides replace-vs-update differently from the CloudFormation
 * resource specification, for properties this platform uses. The diff takes every other verdict
 * from the specification; each entry here overrides it for the listed inputs only, says why, and
 * names the provider code it was read from. `tests/diff/exceptions.test.ts` has a case per entry.
 */
export interface ProviderException {
    readonly pulumiType: string;
    /** Pulumi inputs the entry decides for. */
    readonly inputs: readonly string[];
    /** CloudFormation properties of the translated resource whose specification verdict the entry replaces. */
    readonly cfnProperties: readonly string[];
    /** What the provider does when one of the inputs changes, given the old and new inputs. */
    verdict(old: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>): "update" | "replace";
    readonly why: string;
}

/** Which kind of peer a standalone rule names: the provider cannot modify a rule into another kind. */
function peerKind(inputs: Readonly<Record<string, unknown>>): string {
    return ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].find((key) => inputs[key] !== undefined) ?? "none";
}

function securityGroupRule(pulumiType: string, peerGroup: string, peerPrefixList: string): ProviderException {
    return {
        pulumiType,
        inputs: ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId", "fromPort", "toPort", "ipProtocol", "description"],
        cfnProperties: ["CidrIp", "CidrIpv6", peerPrefixList, peerGroup, "FromPort", "ToPort", "IpProtocol", "Description"],
        verdict: (old, now) => (peerKind(old) === peerKind(now) ? "update" : "replace"),
        why: "CloudFormation replaces an AWS::EC2::SecurityGroupIngress/Egress on any change; the provider's "
            + "aws_vpc_security_group_*_rule modifies the rule in place (ModifySecurityGroupRules) and replaces it only "
            + "when the kind of peer changes (internal/service/ec2/vpc_security_group_ingress_rule.go: Update, ModifyPlan)",
    };
}

function randomValue(pulumiType: string): ProviderException {
    return {
        pulumiType,
        inputs: ["length", "special", "upper", "lower", "numeric", "minUpper", "minLower", "minNumeric", "minSpecial", "overrideSpecial", "keepers"],
        cfnProperties: [],
        verdict: () => "replace",
        why: "not an AWS resource (no CloudFormation type); every argument of the random provider's resources "
            + "requires replacement, which generates a new value (a new password for whatever reads it)",
    };
}

export const PROVIDER_EXCEPTIONS: readonly ProviderException[] = [
    securityGroupRule("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "SourceSecurityGroupId", "SourcePrefixListId"),
    securityGroupRule("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "DestinationSecurityGroupId", "DestinationPrefixListId"),
    randomValue("random:index/randomPassword:RandomPassword"),
    randomValue("random:index/randomString:RandomString"),
];

export function exceptionsFor(pulumiType: string, exceptions: readonly ProviderException[] = PROVIDER_EXCEPTIONS): ProviderException[] {
    return exceptions.filter((e) => e.pulumiType === pulumiType);
}
