import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const originAccessControl = resourceMapping<aws.cloudfront.OriginAccessControlArgs>({
    pulumiType: "aws:cloudfront/originAccessControl:OriginAccessControl",
    cfnType: "AWS::CloudFront::OriginAccessControl",
    attributes: { id: "Id" },
    translate: (i) => ({
        properties: {
            OriginAccessControlConfig: {
                Name: verbatim(i.name),
                Description: i.description,
                OriginAccessControlOriginType: i.originAccessControlOriginType,
                SigningBehavior: i.signingBehavior,
                SigningProtocol: i.signingProtocol,
            },
        },
    }),
});
