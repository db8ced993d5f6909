import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { wafCase } from "./web-acl";

export const webAclLoggingConfiguration = resourceMapping<aws.wafv2.WebAclLoggingConfigurationArgs>({
    pulumiType: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    cfnType: "AWS::WAFv2::LoggingConfiguration",
    attributes: {},
    translate: (i) => ({
        properties: {
            ResourceArn: i.resourceArn,
            LogDestinationConfigs: i.logDestinationConfigs,
            RedactedFields: wafCase(i.redactedFields),
            LoggingFilter: wafCase(i.loggingFilter),
        },
    }),
});
