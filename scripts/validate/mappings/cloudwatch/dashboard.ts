import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const dashboard = resourceMapping<aws.cloudwatch.DashboardArgs>({
    pulumiType: "aws:cloudwatch/dashboard:Dashboard",
    cfnType: "AWS::CloudWatch::Dashboard",
    attributes: {},
    // The body is a JSON document kept as a string in both; ARNs in it become Fn::Sub like any other string.
    translate: (i) => ({ properties: { DashboardName: verbatim(i.dashboardName), DashboardBody: i.dashboardBody } }),
});
