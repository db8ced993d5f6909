import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.lb.TargetGroup", () => {
    it("becomes an AWS::ElasticLoadBalancingV2::TargetGroup with a flat health check and ELB's attribute keys", () => {
        const group = planned("aws:lb/targetGroup:TargetGroup", "dev-app", {
            port: 8080, protocol: "HTTP", targetType: "ip", vpcId: "vpc-0123456789abcdef0", deregistrationDelay: 30,
            healthCheck: { path: "/health", protocol: "HTTP", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
            stickiness: { type: "lb_cookie", enabled: true, cookieDuration: 3600 },
        });
        assert.deepStrictEqual(translated(group), {
            Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
            Properties: {
                TargetType: "ip", Protocol: "HTTP", Port: 8080, VpcId: "vpc-0123456789abcdef0",
                HealthCheckPath: "/health", HealthCheckProtocol: "HTTP", HealthCheckIntervalSeconds: 15, HealthCheckTimeoutSeconds: 5,
                HealthyThresholdCount: 2, UnhealthyThresholdCount: 3, Matcher: { HttpCode: "200-399" },
                TargetGroupAttributes: [
                    { Key: "deregistration_delay.timeout_seconds", Value: "30" },
                    { Key: "stickiness.enabled", Value: "true" },
                    { Key: "stickiness.type", Value: "lb_cookie" },
                    { Key: "stickiness.lb_cookie.duration_seconds", Value: "3600" },
                ],
            },
        });
    });

    it("matches gRPC codes for a gRPC target group", () => {
        const group = planned("aws:lb/targetGroup:TargetGroup", "g", { protocol: "HTTP", protocolVersion: "GRPC", healthCheck: { matcher: "0-99" } });
        assert.deepStrictEqual(translated(group).Properties.Matcher, { GrpcCode: "0-99" });
    });
});
