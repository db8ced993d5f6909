import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { naclEntryProperties } from "./nacl-entries";

export const networkAclRule = resourceMapping<aws.ec2.NetworkAclRuleArgs>({
    pulumiType: "aws:ec2/networkAclRule:NetworkAclRule",
    cfnType: "AWS::EC2::NetworkAclEntry",
    attributes: { id: REF },
    translate: (i, ctx) => ({
        properties: {
            NetworkAclId: ctx.orPlaceholder(i.networkAclId, "networkAclId", "networkAclId"),
            ...naclEntryProperties({ ...i, action: i.ruleAction }),
        },
    }),
});
