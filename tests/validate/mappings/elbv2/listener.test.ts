import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.lb.Listener", () => {
    it("becomes an AWS::ElasticLoadBalancingV2::Listener with its certificate, forward action and response-header attributes", () => {
        const lb = planned("aws:lb/loadBalancer:LoadBalancer", "dev-alb", {}, { id: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/dev-alb/0123456789abcdef" });
        const tg = planned("aws:lb/targetGroup:TargetGroup", "dev-app", {}, { id: "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-app/0123456789abcdef" });
        const listener = planned("aws:lb/listener:Listener", "dev-https", {
            loadBalancerArn: lb.id, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-0000-1111-2222-333344445555",
            defaultActions: [{ type: "forward", targetGroupArn: tg.id }],
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000",
            routingHttpResponseServerEnabled: false,
        }, { dependsOn: [lb.urn, tg.urn] });
        assert.deepStrictEqual(translated(listener, lb, tg), {
            Type: "AWS::ElasticLoadBalancingV2::Listener",
            Properties: {
                LoadBalancerArn: { Ref: "DevAlb" }, Port: 443, Protocol: "HTTPS", SslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
                Certificates: [{ CertificateArn: { "Fn::Sub": "arn:${AWS::Partition}:acm:${AWS::Region}:${AWS::AccountId}:certificate/0b1c2d3e-0000-1111-2222-333344445555" } }],
                DefaultActions: [{ Type: "forward", TargetGroupArn: { Ref: "DevApp" } }],
                ListenerAttributes: [
                    { Key: "routing.http.response.strict_transport_security.header_value", Value: "max-age=31536000" },
                    { Key: "routing.http.response.server.enabled", Value: "false" },
                ],
            },
        });
    });
});
