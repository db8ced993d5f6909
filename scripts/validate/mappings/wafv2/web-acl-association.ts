import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";

export const webAclAssociation = resourceMapping<aws.wafv2.WebAclAssociationArgs>({
    pulumiType: "aws:wafv2/webAclAssociation:WebAclAssociation",
    cfnType: "AWS::WAFv2::WebACLAssociation",
    attributes: {},
    translate: (i) => ({ properties: { ResourceArn: i.resourceArn, WebACLArn: i.webAclArn } }),
});
