import type * as aws from "@pulumi/aws";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { keyValueList } from "../../values";
import { actionProperties } from "./actions";

function snakeCase(camel: string): string {
    return camel.replace(/[A-Z]/g, (c, at: number) => (at === 0 ? "" : "_") + c.toLowerCase());
}

/**
 * Pulumi has an input per listener attribute, named after ELB's key: `routingHttpResponseServerEnabled`
 * is `routing.http.response.server.enabled`.
 */
const HTTP_ATTRIBUTE = /^routingHttp(Request|Response)(.+?)(HeaderName|HeaderValue|Enabled)$/;

export const listener = resourceMapping<aws.lb.ListenerArgs>({
    pulumiType: "aws:lb/listener:Listener",
    aliasTypes: ["aws:alb/listener:Listener"],
    cfnType: "AWS::ElasticLoadBalancingV2::Listener",
    attributes: { id: REF, arn: REF },
    translate: (i, ctx) => {
        const httpAttributes = Object.keys(i).flatMap((key) => {
            const m = HTTP_ATTRIBUTE.exec(key);
            return m ? [[`routing.http.${m[1].toLowerCase()}.${snakeCase(m[2])}.${snakeCase(m[3])}`, (i as Record<string, unknown>)[key]] as const] : [];
        });
        return {
            properties: {
                LoadBalancerArn: ctx.orPlaceholder(i.loadBalancerArn, "loadBalancerArn", "loadBalancerArn"),
                Port: i.port,
                Protocol: i.protocol,
                SslPolicy: i.sslPolicy,
                Certificates: i.certificateArn === undefined ? undefined : [{ CertificateArn: i.certificateArn }],
                AlpnPolicy: i.alpnPolicy === undefined ? undefined : [i.alpnPolicy],
                DefaultActions: i.defaultActions?.map((a) => actionProperties(a, "string")),
                MutualAuthentication: i.mutualAuthentication && {
                    Mode: i.mutualAuthentication.mode,
                    TrustStoreArn: i.mutualAuthentication.trustStoreArn,
                    IgnoreClientCertificateExpiry: i.mutualAuthentication.ignoreClientCertificateExpiry,
                    AdvertiseTrustStoreCaNames: i.mutualAuthentication.advertiseTrustStoreCaNames,
                },
                ListenerAttributes: keyValueList({ ...Object.fromEntries(httpAttributes), "tcp.idle_timeout.seconds": i.tcpIdleTimeoutSeconds }),
                Tags: ctx.tags(i.tags),
            },
        };
    },
});
