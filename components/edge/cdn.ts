import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedSecureApiArgs } from "./args";
import { edgeRequestFunctionSource } from "./edge-function";
import { logBucketPolicy, webBucketPolicy } from "./edge-policies";
import { edgeBehaviours } from "./routes";
import { securityHeadersConfig } from "./security-headers";
import { CLOUDFRONT_REGION } from "./waf";
import { ORIGIN_VERIFY_HEADER } from "./waf-rules";
import { serviceKeyPolicy } from "../kms/key-policy";
import { createPrivateBucket } from "../storage/private-bucket";
import { dnsValidatedCertificate } from "../tls/certificate";

/** AWS managed CloudFront policies (fixed, documented ids). */
export const MANAGED_CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/** Forwards every viewer header but Host (API Gateway needs its own Host), all query strings and cookies; with caching disabled it also forwards Authorization. */
export const MANAGED_ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
export const ONE_YEAR_SECONDS = 31_536_000;

const API_ORIGIN = "api";
const WEB_ORIGIN = "web";
const READ_METHODS = ["GET", "HEAD"];
const ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];

export interface Cdn {
    readonly distribution: aws.cloudfront.Distribution;
    /** Encrypts the web and CloudFront log buckets (SSE-KMS with a bucket key). */
    readonly storageKey: aws.kms.Key;
    readonly webBucket: aws.s3.Bucket;
    readonly logBucket: aws.s3.Bucket;
    readonly headersPolicy: aws.cloudfront.ResponseHeadersPolicy;
    readonly requestFunction: aws.cloudfront.Function;
    /** The public URL: https://<custom domain or *.cloudfront.net>. */
    readonly url: pulumi.Output<string>;
}

/** The certificate of the custom domain: given, or requested in us-east-1 and validated through DNS. */
function certificateFor(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): pulumi.Input<string> | undefined {
    const domain = args.customDomain;
    if (domain === undefined) {
        return undefined;
    }
    return domain.certificateArn ?? dnsValidatedCertificate(`${name}-cert`, { domainName: domain.domainName, hostedZoneId: domain.hostedZoneId!, region: CLOUDFRONT_REGION, tags: args.tags }, parent);
}

export function createCdn(
    name: string,
    args: ResolvedSecureApiArgs,
    api: { restApiId: pulumi.Input<string>; stageName: pulumi.Input<string> },
    webAclArn: pulumi.Input<string>,
    originSecret: pulumi.Input<string>,
    parent: pulumi.Resource,
): Cdn {
    const storageKey = createStorageKey(name, args, parent);
    const { bucket: webBucket } = createPrivateBucket(`${name}-web`, parent, { kmsKeyArn: storageKey.arn, protect: args.protect, forceDestroy: !args.protect, tags: args.tags });
    // CloudFront standard (legacy) logs are written through the bucket ACL, so this bucket keeps ACLs
    // enabled (BucketOwnerPreferred); CloudFront grants its awslogsdelivery account when the
    // distribution is created. The v2 logging (CloudWatch Logs delivery) would avoid ACLs; see the report.
    const { bucket: logBucket, ownership: logOwnership } = createPrivateBucket(`${name}-cdn-logs`, parent, {
        ownership: "BucketOwnerPreferred",
        kmsKeyArn: storageKey.arn,
        versioned: false,
        expireDays: Math.max(args.logRetentionDays, 30),
        policy: (bucketArn) => bucketArn.apply((arn) => JSON.stringify(logBucketPolicy(arn))),
        protect: args.protect,
        forceDestroy: !args.protect,
        tags: args.tags,
    });

    const oac = new aws.cloudfront.OriginAccessControl(`${name}-web-oac`, {
        name: `${name}-web-oac`,
        description: "CloudFront signs every request to the web bucket (SigV4)",
        originAccessControlOriginType: "s3",
        signingBehavior: "always",
        signingProtocol: "sigv4",
    }, { parent });

    const headersPolicy = new aws.cloudfront.ResponseHeadersPolicy(`${name}-security-headers`, {
        name: `${name}-security-headers`,
        comment: "HSTS, CSP, nosniff, frame DENY, strict referrer",
        securityHeadersConfig: securityHeadersConfig(),
    }, { parent });

    const requestFunction = new aws.cloudfront.Function(`${name}-normalise`, {
        name: `${name}-normalise`,
        runtime: "cloudfront-js-2.0",
        comment: "Normalise static asset requests (slashes, case, index.html, query strings)",
        code: edgeRequestFunctionSource(),
        publish: true,
    }, { parent });

    const staticPolicy = new aws.cloudfront.CachePolicy(`${name}-static-cache`, {
        name: `${name}-static-1y`,
        comment: "Static assets: one year (file names carry content hashes; deploys invalidate index.html)",
        minTtl: 0,
        defaultTtl: ONE_YEAR_SECONDS,
        maxTtl: ONE_YEAR_SECONDS,
        parametersInCacheKeyAndForwardedToOrigin: {
            enableAcceptEncodingGzip: true,
            enableAcceptEncodingBrotli: true,
            headersConfig: { headerBehavior: "none" },
            cookiesConfig: { cookieBehavior: "none" },
            queryStringsConfig: { queryStringBehavior: "all" },
        },
    }, { parent });

    const behaviours = edgeBehaviours(args.allRoutes);
    const cachedBehaviours = behaviours.cached.map(({ pattern, route }) => {
        // The key holds only the declared query strings, never Authorization: with a cache policy,
        // CloudFront forwards only what is in the key, so the token never reaches this shared cache
        // and the answer cannot depend on the caller (routes.ts: "optional"; caching + "required" is refused).
        const queries = route.cacheKeyQueryStrings ?? [];
        const policy = new aws.cloudfront.CachePolicy(`${name}-cache-${route.path.slice(1).replace(/[^A-Za-z0-9]+/g, "-")}`, {
            name: `${name}-${route.path.slice(1).replace(/[^A-Za-z0-9]+/g, "-")}`.slice(0, 128),
            comment: `API route ${route.path}: ${route.cacheTtlSeconds} s`,
            minTtl: 0,
            defaultTtl: route.cacheTtlSeconds,
            maxTtl: route.cacheTtlSeconds,
            parametersInCacheKeyAndForwardedToOrigin: {
                enableAcceptEncodingGzip: true,
                enableAcceptEncodingBrotli: true,
                headersConfig: { headerBehavior: "none" },
                cookiesConfig: { cookieBehavior: "none" },
                queryStringsConfig: queries.length > 0 ? { queryStringBehavior: "whitelist", queryStrings: { items: [...queries] } } : { queryStringBehavior: "none" },
            },
        }, { parent });
        return {
            pathPattern: pattern,
            targetOriginId: API_ORIGIN,
            viewerProtocolPolicy: "https-only",
            allowedMethods: READ_METHODS,
            cachedMethods: READ_METHODS,
            compress: true,
            cachePolicyId: policy.id,
            responseHeadersPolicyId: headersPolicy.id,
        };
    });
    const apiBehaviours = behaviours.uncached.map((pattern) => ({
        pathPattern: pattern,
        targetOriginId: API_ORIGIN,
        // API clients must not silently follow a redirect with a body or a token: refuse plain HTTP.
        viewerProtocolPolicy: "https-only",
        allowedMethods: ALL_METHODS,
        cachedMethods: READ_METHODS,
        compress: true,
        cachePolicyId: MANAGED_CACHING_DISABLED,
        originRequestPolicyId: MANAGED_ALL_VIEWER_EXCEPT_HOST,
        responseHeadersPolicyId: headersPolicy.id,
    }));

    const certificateArn = certificateFor(name, args, parent);
    const apiDomain = pulumi.interpolate`${api.restApiId}.execute-api.${args.region}.amazonaws.com`;
    const distribution = new aws.cloudfront.Distribution(`${name}-cdn`, {
        enabled: true,
        comment: `${name}: static web and API`,
        isIpv6Enabled: true,
        httpVersion: "http2and3",
        priceClass: "PriceClass_All",
        defaultRootObject: "index.html",
        aliases: args.customDomain ? [args.customDomain.domainName] : [],
        webAclId: webAclArn,
        origins: [
            {
                originId: API_ORIGIN,
                domainName: apiDomain,
                originPath: pulumi.interpolate`/${api.stageName}`,
                customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"], originReadTimeout: 30, originKeepaliveTimeout: 5 },
                // Proof of passage through CloudFront, checked by the REGIONAL web ACL on the stage.
                customHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: originSecret }],
            },
            { originId: WEB_ORIGIN, domainName: webBucket.bucketRegionalDomainName, originAccessControlId: oac.id },
        ],
        defaultCacheBehavior: {
            targetOriginId: WEB_ORIGIN,
            viewerProtocolPolicy: "redirect-to-https",
            allowedMethods: READ_METHODS,
            cachedMethods: READ_METHODS,
            compress: true,
            cachePolicyId: staticPolicy.id,
            responseHeadersPolicyId: headersPolicy.id,
            functionAssociations: [{ eventType: "viewer-request", functionArn: requestFunction.arn }],
        },
        orderedCacheBehaviors: [...cachedBehaviours, ...apiBehaviours],
        restrictions: { geoRestriction: { restrictionType: "none" } },
        // TLS 1.2+ to viewers needs a custom certificate: with the default *.cloudfront.net certificate
        // CloudFront always negotiates from TLSv1, whatever is set here (documented AWS limitation).
        viewerCertificate: certificateArn !== undefined
            ? { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" }
            : { cloudfrontDefaultCertificate: true },
        loggingConfig: { bucket: logBucket.bucketDomainName, prefix: "cloudfront/", includeCookies: false },
        tags: args.tags,
        // CloudFront grants its log-delivery account through the bucket ACL when logging is set up;
        // before the ownership controls apply, a new bucket has ACLs disabled and that grant fails.
    }, { parent, dependsOn: [logOwnership] });

    new aws.s3.BucketPolicy(`${name}-web-policy`, {
        bucket: webBucket.id,
        policy: pulumi.all([webBucket.arn, distribution.arn]).apply(([bucketArn, distributionArn]) => JSON.stringify(webBucketPolicy(bucketArn, distributionArn))),
    }, { parent });

    if (args.customDomain?.hostedZoneId !== undefined) {
        for (const type of ["A", "AAAA"]) {
            new aws.route53.Record(`${name}-alias-${type.toLowerCase()}`, {
                zoneId: args.customDomain.hostedZoneId,
                name: args.customDomain.domainName,
                type,
                aliases: [{ name: distribution.domainName, zoneId: distribution.hostedZoneId, evaluateTargetHealth: false }],
            }, { parent });
        }
    }
    const url = args.customDomain ? pulumi.output(`https://${args.customDomain.domainName}`) : pulumi.interpolate`https://${distribution.domainName}`;
    return { distribution, storageKey, webBucket, logBucket, headersPolicy, requestFunction, url };
}

/**
 * The edge's bucket key, in the stack's region like the buckets: CloudFront decrypts web assets
 * through origin access control, and its standard-log delivery encrypts log files. Uploaders of web
 * assets need `kms:GenerateDataKey` on it through their IAM policy (the account statement allows that).
 */
function createStorageKey(name: string, args: ResolvedSecureApiArgs, parent: pulumi.Resource): aws.kms.Key {
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const key = new aws.kms.Key(`${name}-edge-storage-key`, {
        description: `${name}: encrypts the web assets and CloudFront logs buckets`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, p]) =>
            JSON.stringify(serviceKeyPolicy({ accountId, region: args.region, partition: p }, ["cloudfront-origin", "cloudfront-logs"])),
        ),
        tags: args.tags,
    }, { parent, protect: args.protect });
    new aws.kms.Alias(`${name}-edge-storage-key`, { name: `alias/${name}-edge-storage`, targetKeyId: key.keyId }, { parent });
    return key;
}
