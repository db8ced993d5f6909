import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { keyValueList, verbatim } from "../../values";

interface S3Logs {
    readonly bucket: string;
    readonly enabled?: boolean;
    readonly prefix?: string;
}

/** ELB keeps access, connection and health-check logs as three attributes each, under one prefix. */
function s3LogAttributes(prefix: string, logs: S3Logs | undefined): Record<string, unknown> {
    return logs === undefined ? {} : { [`${prefix}.s3.enabled`]: logs.enabled ?? true, [`${prefix}.s3.bucket`]: logs.bucket, [`${prefix}.s3.prefix`]: logs.prefix };
}

export const loadBalancer = resourceMapping<aws.lb.LoadBalancerArgs>({
    pulumiType: "aws:lb/loadBalancer:LoadBalancer",
    aliasTypes: ["aws:alb/loadBalancer:LoadBalancer"],
    cfnType: "AWS::ElasticLoadBalancingV2::LoadBalancer",
    // A load balancer's Pulumi id and Ref are both its ARN.
    attributes: { id: REF, arn: REF, arnSuffix: "LoadBalancerFullName", dnsName: "DNSName", zoneId: "CanonicalHostedZoneID" },
    noEquivalent: {
        customerOwnedIpv4Pool: "Outposts customer-owned IPs have no property on AWS::ElasticLoadBalancingV2::LoadBalancer",
        namePrefix: "CloudFormation generates load balancer names itself",
    },
    translate: (i, ctx) => ({
        properties: {
            Name: verbatim(i.name),
            Type: i.loadBalancerType,
            Scheme: i.internal === undefined ? undefined : i.internal ? "internal" : "internet-facing",
            IpAddressType: i.ipAddressType,
            Subnets: i.subnets,
            SubnetMappings: i.subnetMappings?.map((m) => ({
                SubnetId: m.subnetId,
                AllocationId: m.allocationId,
                IPv6Address: m.ipv6Address,
                PrivateIPv4Address: m.privateIpv4Address,
            })),
            SecurityGroups: i.securityGroups,
            Ipv4IpamPoolId: i.ipamPools?.ipv4IpamPoolId,
            MinimumLoadBalancerCapacity: i.minimumLoadBalancerCapacity && { CapacityUnits: i.minimumLoadBalancerCapacity.capacityUnits },
            EnablePrefixForIpv6SourceNat: i.enablePrefixForIpv6SourceNat,
            EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: i.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic,
            // Pulumi has an input per attribute; CloudFormation takes ELB's own attribute keys.
            LoadBalancerAttributes: keyValueList({
                ...s3LogAttributes("access_logs", i.accessLogs),
                ...s3LogAttributes("connection_logs", i.connectionLogs),
                ...s3LogAttributes("health_check_logs", i.healthCheckLogs),
                "client_keep_alive.seconds": i.clientKeepAlive,
                "deletion_protection.enabled": i.enableDeletionProtection,
                "dns_record.client_routing_policy": i.dnsRecordClientRoutingPolicy,
                "idle_timeout.timeout_seconds": i.idleTimeout,
                "load_balancing.cross_zone.enabled": i.enableCrossZoneLoadBalancing,
                "routing.http.desync_mitigation_mode": i.desyncMitigationMode,
                "routing.http.drop_invalid_header_fields.enabled": i.dropInvalidHeaderFields,
                "routing.http.preserve_host_header.enabled": i.preserveHostHeader,
                "routing.http.x_amzn_tls_version_and_cipher_suite.enabled": i.enableTlsVersionAndCipherSuiteHeaders,
                "routing.http.xff_client_port.enabled": i.enableXffClientPort,
                "routing.http.xff_header_processing.mode": i.xffHeaderProcessingMode,
                "routing.http2.enabled": i.enableHttp2,
                "secondary_ips.auto_assigned.per_subnet": i.secondaryIpsAutoAssignedPerSubnet,
                "waf.fail_open.enabled": i.enableWafFailOpen,
                "zonal_shift.config.enabled": i.enableZonalShift,
            }),
            Tags: ctx.tags(i.tags),
        },
    }),
});
