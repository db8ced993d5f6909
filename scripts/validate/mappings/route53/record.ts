import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";

export const route53Record = resourceMapping<aws.route53.RecordArgs>({
    pulumiType: "aws:route53/record:Record",
    cfnType: "AWS::Route53::RecordSet",
    // A record set's Ref is its domain name.
    attributes: { fqdn: REF, name: REF },
    noEquivalent: {
        allowOverwrite: "Pulumi may take over a record that exists; CloudFormation fails on one it did not create",
    },
    translate: (i) => ({
        properties: {
            HostedZoneId: i.zoneId,
            Name: i.name,
            Type: i.type,
            // CloudFormation takes the TTL as a string, and none for alias records.
            TTL: i.ttl?.toString(),
            ResourceRecords: i.records,
            AliasTarget: i.aliases?.[0] && { DNSName: i.aliases[0].name, HostedZoneId: i.aliases[0].zoneId, EvaluateTargetHealth: i.aliases[0].evaluateTargetHealth },
            SetIdentifier: i.setIdentifier,
            HealthCheckId: i.healthCheckId,
            MultiValueAnswer: i.multivalueAnswerRoutingPolicy,
            Weight: i.weightedRoutingPolicies?.[0]?.weight,
            Failover: i.failoverRoutingPolicies?.[0]?.type,
            Region: i.latencyRoutingPolicies?.[0]?.region,
            GeoLocation: i.geolocationRoutingPolicies?.[0] && {
                ContinentCode: i.geolocationRoutingPolicies[0].continent,
                CountryCode: i.geolocationRoutingPolicies[0].country,
                SubdivisionCode: i.geolocationRoutingPolicies[0].subdivision,
            },
            CidrRoutingConfig: i.cidrRoutingPolicy && { CollectionId: i.cidrRoutingPolicy.collectionId, LocationName: i.cidrRoutingPolicy.locationName },
        },
    }),
});
