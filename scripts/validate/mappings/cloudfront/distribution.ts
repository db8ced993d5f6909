import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { REF } from "../../cfn";
import { resourceMapping } from "../../mapping";
import { pascalCaseKeys } from "../../values";

type CacheBehavior = pulumi.Unwrap<aws.types.input.cloudfront.DistributionOrderedCacheBehavior>;
type Origin = pulumi.Unwrap<aws.types.input.cloudfront.DistributionOrigin>;

/** A cache behaviour: CloudFront spells TTL and ARN in capitals, and the Lambda ARN differently. */
function cacheBehavior(b: Omit<CacheBehavior, "pathPattern"> & { pathPattern?: string }) {
    return {
        PathPattern: b.pathPattern,
        TargetOriginId: b.targetOriginId,
        ViewerProtocolPolicy: b.viewerProtocolPolicy,
        AllowedMethods: b.allowedMethods,
        CachedMethods: b.cachedMethods,
        Compress: b.compress,
        CachePolicyId: b.cachePolicyId,
        OriginRequestPolicyId: b.originRequestPolicyId,
        ResponseHeadersPolicyId: b.responseHeadersPolicyId,
        RealtimeLogConfigArn: b.realtimeLogConfigArn,
        FieldLevelEncryptionId: b.fieldLevelEncryptionId,
        SmoothStreaming: b.smoothStreaming,
        TrustedKeyGroups: b.trustedKeyGroups,
        TrustedSigners: b.trustedSigners,
        DefaultTTL: b.defaultTtl,
        MinTTL: b.minTtl,
        MaxTTL: b.maxTtl,
        ForwardedValues: pascalCaseKeys(b.forwardedValues),
        GrpcConfig: pascalCaseKeys(b.grpcConfig),
        FunctionAssociations: b.functionAssociations?.map((f) => ({ EventType: f.eventType, FunctionARN: f.functionArn })),
        LambdaFunctionAssociations: b.lambdaFunctionAssociations?.map((l) => ({ EventType: l.eventType, LambdaFunctionARN: l.lambdaArn, IncludeBody: l.includeBody })),
    };
}

function origin(o: Origin) {
    const custom = o.customOriginConfig;
    return {
        Id: o.originId,
        DomainName: o.domainName,
        OriginPath: o.originPath,
        OriginAccessControlId: o.originAccessControlId,
        ConnectionAttempts: o.connectionAttempts,
        ConnectionTimeout: o.connectionTimeout,
        ResponseCompletionTimeout: o.responseCompletionTimeout,
        OriginCustomHeaders: o.customHeaders?.map((h) => ({ HeaderName: h.name, HeaderValue: h.value })),
        CustomOriginConfig: custom && {
            HTTPPort: custom.httpPort,
            HTTPSPort: custom.httpsPort,
            OriginProtocolPolicy: custom.originProtocolPolicy,
            OriginSSLProtocols: custom.originSslProtocols,
            OriginKeepaliveTimeout: custom.originKeepaliveTimeout,
            OriginReadTimeout: custom.originReadTimeout,
            IpAddressType: custom.ipAddressType,
        },
        // CloudFront requires an S3 origin config, even an empty identity, when there is no custom one.
        S3OriginConfig: o.s3OriginConfig ? { OriginAccessIdentity: o.s3OriginConfig.originAccessIdentity } : undefined,
        OriginShield: o.originShield && { Enabled: o.originShield.enabled, OriginShieldRegion: o.originShield.originShieldRegion },
        VpcOriginConfig: pascalCaseKeys(o.vpcOriginConfig),
    };
}

export const distribution = resourceMapping<aws.cloudfront.DistributionArgs>({
    pulumiType: "aws:cloudfront/distribution:Distribution",
    cfnType: "AWS::CloudFront::Distribution",
    attributes: { id: REF, domainName: "DomainName" },
    noEquivalent: {
        retainOnDelete: "a Pulumi-side switch to disable instead of delete",
        waitForDeployment: "Pulumi's wait for the distribution to deploy; CloudFormation always waits",
    },
    translate: (i, ctx) => ({
        properties: {
            DistributionConfig: {
                Enabled: i.enabled,
                Comment: i.comment,
                Aliases: i.aliases,
                DefaultRootObject: i.defaultRootObject,
                HttpVersion: i.httpVersion,
                IPV6Enabled: i.isIpv6Enabled,
                PriceClass: i.priceClass,
                WebACLId: i.webAclId,
                Staging: i.staging,
                ContinuousDeploymentPolicyId: i.continuousDeploymentPolicyId,
                AnycastIpListId: i.anycastIpListId,
                CacheTagConfig: pascalCaseKeys(i.cacheTagConfig),
                ConnectionFunctionAssociation: pascalCaseKeys(i.connectionFunctionAssociation),
                ViewerMtlsConfig: pascalCaseKeys(i.viewerMtlsConfig),
                Origins: i.origins?.map(origin),
                // CloudFront's own list format, with a count next to each list.
                OriginGroups: i.originGroups && {
                    Quantity: i.originGroups.length,
                    Items: i.originGroups.map((g) => ({
                        Id: g.originId,
                        FailoverCriteria: { StatusCodes: { Quantity: g.failoverCriteria?.statusCodes?.length, Items: g.failoverCriteria?.statusCodes } },
                        Members: { Quantity: g.members?.length, Items: g.members?.map((m) => ({ OriginId: m.originId })) },
                    })),
                },
                DefaultCacheBehavior: i.defaultCacheBehavior && cacheBehavior(i.defaultCacheBehavior),
                CacheBehaviors: i.orderedCacheBehaviors?.map(cacheBehavior),
                CustomErrorResponses: i.customErrorResponses?.map((e) => ({
                    ErrorCode: e.errorCode,
                    ResponseCode: e.responseCode,
                    ResponsePagePath: e.responsePagePath,
                    ErrorCachingMinTTL: e.errorCachingMinTtl,
                })),
                Logging: i.loggingConfig && { Bucket: i.loggingConfig.bucket, IncludeCookies: i.loggingConfig.includeCookies, Prefix: i.loggingConfig.prefix },
                Restrictions: i.restrictions && {
                    GeoRestriction: { RestrictionType: i.restrictions.geoRestriction?.restrictionType, Locations: i.restrictions.geoRestriction?.locations },
                },
                ViewerCertificate: i.viewerCertificate && {
                    CloudFrontDefaultCertificate: i.viewerCertificate.cloudfrontDefaultCertificate,
                    AcmCertificateArn: i.viewerCertificate.acmCertificateArn,
                    IamCertificateId: i.viewerCertificate.iamCertificateId,
                    MinimumProtocolVersion: i.viewerCertificate.minimumProtocolVersion,
                    SslSupportMethod: i.viewerCertificate.sslSupportMethod,
                },
            },
            Tags: ctx.tags(i.tags),
        },
    }),
});
