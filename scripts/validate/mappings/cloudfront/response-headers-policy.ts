import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys, verbatim } from "../../values";

export const responseHeadersPolicy = resourceMapping<aws.cloudfront.ResponseHeadersPolicyArgs>({
    pulumiType: "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",
    cfnType: "AWS::CloudFront::ResponseHeadersPolicy",
    attributes: { id: "Id" },
    translate: (i) => {
        // Pulumi's names are CloudFront's in camelCase, except XSS, which CloudFront capitalises.
        const { xssProtection, ...security } = i.securityHeadersConfig ?? {};
        return {
            properties: {
                ResponseHeadersPolicyConfig: {
                    Name: verbatim(i.name),
                    Comment: i.comment,
                    SecurityHeadersConfig: i.securityHeadersConfig && { ...(pascalCaseKeys(security) as object), XSSProtection: pascalCaseKeys(xssProtection) },
                    CorsConfig: pascalCaseKeys(i.corsConfig),
                    CustomHeadersConfig: pascalCaseKeys(i.customHeadersConfig),
                    RemoveHeadersConfig: pascalCaseKeys(i.removeHeadersConfig),
                    ServerTimingHeadersConfig: pascalCaseKeys(i.serverTimingHeadersConfig),
                },
            },
        };
    },
});
