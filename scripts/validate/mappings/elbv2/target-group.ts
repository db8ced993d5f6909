import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { keyValueList, verbatim } from "../../values";

export const targetGroup = resourceMapping<aws.lb.TargetGroupArgs>({
    pulumiType: "aws:lb/targetGroup:TargetGroup",
    aliasTypes: ["aws:alb/targetGroup:TargetGroup"],
    cfnType: "AWS::ElasticLoadBalancingV2::TargetGroup",
    attributes: { id: REF, arn: REF, arnSuffix: "TargetGroupFullName", name: "TargetGroupName" },
    noEquivalent: { namePrefix: "CloudFormation generates target group names itself" },
    translate: (i, ctx) => {
        const hc = i.healthCheck;
        const stickiness = i.stickiness;
        const cookie = stickiness?.type === "app_cookie" ? "app_cookie" : "lb_cookie";
        const [failover] = i.targetFailovers ?? [];
        const [healthState] = i.targetHealthStates ?? [];
        const dns = i.targetGroupHealth?.dnsFailover;
        const routing = i.targetGroupHealth?.unhealthyStateRouting;
        return {
            properties: {
                Name: verbatim(i.name),
                TargetType: i.targetType,
                Protocol: i.protocol,
                ProtocolVersion: i.protocolVersion,
                Port: i.port,
                VpcId: i.vpcId,
                IpAddressType: i.ipAddressType,
                TargetControlPort: i.targetControlPort,
                HealthCheckEnabled: hc?.enabled,
                HealthCheckPath: hc?.path,
                HealthCheckPort: hc?.port,
                HealthCheckProtocol: hc?.protocol,
                HealthCheckIntervalSeconds: hc?.interval,
                HealthCheckTimeoutSeconds: hc?.timeout,
                HealthyThresholdCount: hc?.healthyThreshold,
                UnhealthyThresholdCount: hc?.unhealthyThreshold,
                // gRPC target groups match gRPC status codes; all others HTTP codes.
                Matcher: hc?.matcher === undefined ? undefined : i.protocolVersion === "GRPC" ? { GrpcCode: hc.matcher } : { HttpCode: hc.matcher },
                // Pulumi has an input per attribute; CloudFormation takes ELB's own attribute keys.
                TargetGroupAttributes: keyValueList({
                    "deregistration_delay.timeout_seconds": i.deregistrationDelay,
                    "deregistration_delay.connection_termination.enabled": i.connectionTermination,
                    "slow_start.duration_seconds": i.slowStart,
                    "load_balancing.algorithm.type": i.loadBalancingAlgorithmType,
                    "load_balancing.algorithm.anomaly_mitigation": i.loadBalancingAnomalyMitigation,
                    "load_balancing.cross_zone.enabled": i.loadBalancingCrossZoneEnabled,
                    "lambda.multi_value_headers.enabled": i.lambdaMultiValueHeadersEnabled,
                    "preserve_client_ip.enabled": i.preserveClientIp,
                    "proxy_protocol_v2.enabled": i.proxyProtocolV2,
                    "stickiness.enabled": stickiness?.enabled,
                    "stickiness.type": stickiness?.type,
                    [`stickiness.${cookie}.duration_seconds`]: stickiness?.cookieDuration,
                    "stickiness.app_cookie.cookie_name": stickiness?.cookieName,
                    "target_failover.on_deregistration": failover?.onDeregistration,
                    "target_failover.on_unhealthy": failover?.onUnhealthy,
                    "target_health_state.unhealthy.connection_termination.enabled": healthState?.enableUnhealthyConnectionTermination,
                    "target_health_state.unhealthy.draining_interval_seconds": healthState?.unhealthyDrainingInterval,
                    "target_group_health.dns_failover.minimum_healthy_targets.count": dns?.minimumHealthyTargetsCount,
                    "target_group_health.dns_failover.minimum_healthy_targets.percentage": dns?.minimumHealthyTargetsPercentage,
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": routing?.minimumHealthyTargetsCount,
                    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": routing?.minimumHealthyTargetsPercentage,
                }),
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
