import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudfront.Distribution", () => {
    it("becomes an AWS::CloudFront::Distribution with its configuration in CloudFront's spelling", () => {
        const behavior = { targetOriginId: "api", viewerProtocolPolicy: "https-only", allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], compress: true, cachePolicyId: "pol0" };
        const cdn = planned("aws:cloudfront/distribution:Distribution", "dev-cdn", {
            enabled: true, isIpv6Enabled: true, httpVersion: "http2and3", priceClass: "PriceClass_100", webAclId: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/cf/1",
            origins: [{ originId: "api", domainName: "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", originPath: "/v1", customHeaders: [{ name: "x-origin-verify", value: "s3cr3t" }],
                customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }],
            defaultCacheBehavior: { ...behavior, functionAssociations: [{ eventType: "viewer-request", functionArn: "arn:aws:cloudfront::123456789012:function/normalise" }] },
            orderedCacheBehaviors: [{ ...behavior, pathPattern: "/api/*", defaultTtl: 0 }],
            restrictions: { geoRestriction: { restrictionType: "none" } },
            viewerCertificate: { cloudfrontDefaultCertificate: true },
            loggingConfig: { bucket: "logs.s3.amazonaws.com", prefix: "cf/" },
            waitForDeployment: false,
        });
        const cached = { TargetOriginId: "api", ViewerProtocolPolicy: "https-only", AllowedMethods: ["GET", "HEAD"], CachedMethods: ["GET", "HEAD"], Compress: true, CachePolicyId: "pol0" };
        assert.deepStrictEqual(translated(cdn), {
            Type: "AWS::CloudFront::Distribution",
            Properties: {
                DistributionConfig: {
                    Enabled: true, HttpVersion: "http2and3", IPV6Enabled: true, PriceClass: "PriceClass_100",
                    WebACLId: { "Fn::Sub": "arn:${AWS::Partition}:wafv2:${AWS::Region}:${AWS::AccountId}:global/webacl/cf/1" },
                    Origins: [{
                        Id: "api", DomainName: "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", OriginPath: "/v1", OriginCustomHeaders: [{ HeaderName: "x-origin-verify", HeaderValue: "s3cr3t" }],
                        CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: "https-only", OriginSSLProtocols: ["TLSv1.2"] },
                    }],
                    DefaultCacheBehavior: { ...cached, FunctionAssociations: [{ EventType: "viewer-request", FunctionARN: { "Fn::Sub": "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:function/normalise" } }] },
                    CacheBehaviors: [{ PathPattern: "/api/*", ...cached, DefaultTTL: 0 }],
                    Logging: { Bucket: "logs.s3.amazonaws.com", Prefix: "cf/" },
                    Restrictions: { GeoRestriction: { RestrictionType: "none" } },
                    ViewerCertificate: { CloudFrontDefaultCertificate: true },
                },
            },
        });
    });
});
