import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.lb.LoadBalancer", () => {
    it("becomes an AWS::ElasticLoadBalancingV2::LoadBalancer with a scheme and ELB's attribute keys", () => {
        const alb = planned("aws:lb/loadBalancer:LoadBalancer", "dev-alb", {
            name: "dev-alb", loadBalancerType: "application", internal: true, subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
            securityGroups: ["sg-0123456789abcdef0"], dropInvalidHeaderFields: true, idleTimeout: 60, enableDeletionProtection: false,
            accessLogs: { bucket: "dev-alb-logs", prefix: "alb" },
        });
        assert.deepStrictEqual(translated(alb), {
            Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
            Properties: {
                Name: "dev-alb", Type: "application", Scheme: "internal",
                Subnets: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"], SecurityGroups: ["sg-0123456789abcdef0"],
                LoadBalancerAttributes: [
                    { Key: "access_logs.s3.enabled", Value: "true" },
                    { Key: "access_logs.s3.bucket", Value: "dev-alb-logs" },
                    { Key: "access_logs.s3.prefix", Value: "alb" },
                    { Key: "deletion_protection.enabled", Value: "false" },
                    { Key: "idle_timeout.timeout_seconds", Value: "60" },
                    { Key: "routing.http.drop_invalid_header_fields.enabled", Value: "true" },
                ],
            },
        });
    });

    it("is internet-facing when Pulumi says it is not internal", () => {
        assert.strictEqual(translated(planned("aws:lb/loadBalancer:LoadBalancer", "nlb", { internal: false, loadBalancerType: "network" })).Properties.Scheme, "internet-facing");
    });
});
