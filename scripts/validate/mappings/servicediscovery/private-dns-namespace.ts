import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

export const privateDnsNamespace = resourceMapping<aws.servicediscovery.PrivateDnsNamespaceArgs>({
    pulumiType: "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace",
    cfnType: "AWS::ServiceDiscovery::PrivateDnsNamespace",
    attributes: { id: "Id", arn: "Arn", hostedZone: "HostedZoneId" },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            Description: i.description,
            Vpc: ctx.orPlaceholder(i.vpc, "vpc", "vpcId"),
            Tags: ctx.tags(i.tags),
        },
    }),
});
