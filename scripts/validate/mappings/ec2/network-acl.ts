import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { Companion, resourceMapping } from "../../mapping";
import { naclEntryProperties } from "./nacl-entries";

export const networkAcl = resourceMapping<aws.ec2.NetworkAclArgs>({
    pulumiType: "aws:ec2/networkAcl:NetworkAcl",
    cfnType: "AWS::EC2::NetworkAcl",
    attributes: { id: REF },
    translate: (i, ctx) => {
        // CloudFormation has no inline entries or subnet lists on a NACL: each is a resource of its own.
        const entries = [...(i.ingress ?? []).map((r) => ({ ...r, egress: false })), ...(i.egress ?? []).map((r) => ({ ...r, egress: true }))]
            .map((r): [string, Companion] => [`${r.egress ? "Out" : "In"}${r.ruleNo}`, {
                type: "AWS::EC2::NetworkAclEntry",
                properties: { NetworkAclId: ctx.self(), ...naclEntryProperties({ ...r, ruleNumber: r.ruleNo }) },
            }]);
        const associations = (i.subnetIds ?? []).map((subnetId, n): [string, Companion] => [`Association${n + 1}`, {
            type: "AWS::EC2::SubnetNetworkAclAssociation",
            properties: { NetworkAclId: ctx.self(), SubnetId: subnetId },
        }]);
        return {
            properties: { VpcId: ctx.orPlaceholder(i.vpcId, "vpcId", "vpcId"), Tags: ctx.tags(i.tags) },
            companions: Object.fromEntries([...entries, ...associations]),
        };
    },
});
