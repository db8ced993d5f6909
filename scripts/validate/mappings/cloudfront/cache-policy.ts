import type * as aws from "@pulumi/aws";
import { resourceMapping } from "../../mapping";
import { verbatim } from "../../values";

/** Pulumi wraps each list of cookie, header and query-string names in `{ items }`; CloudFormation does not. */
function names(list: { items?: string[] } | undefined) {
    return list?.items;
}

export const cachePolicy = resourceMapping<aws.cloudfront.CachePolicyArgs>({
    pulumiType: "aws:cloudfront/cachePolicy:CachePolicy",
    cfnType: "AWS::CloudFront::CachePolicy",
    attributes: { id: "Id" },
    translate: (i) => {
        const key = i.parametersInCacheKeyAndForwardedToOrigin;
        return {
            properties: {
                CachePolicyConfig: {
                    Name: verbatim(i.name),
                    Comment: i.comment,
                    DefaultTTL: i.defaultTtl,
                    MinTTL: i.minTtl,
                    MaxTTL: i.maxTtl,
                    ParametersInCacheKeyAndForwardedToOrigin: key && {
                        EnableAcceptEncodingBrotli: key.enableAcceptEncodingBrotli,
                        EnableAcceptEncodingGzip: key.enableAcceptEncodingGzip,
                        CookiesConfig: { CookieBehavior: key.cookiesConfig?.cookieBehavior, Cookies: names(key.cookiesConfig?.cookies) },
                        HeadersConfig: { HeaderBehavior: key.headersConfig?.headerBehavior, Headers: names(key.headersConfig?.headers) },
                        QueryStringsConfig: { QueryStringBehavior: key.queryStringsConfig?.queryStringBehavior, QueryStrings: names(key.queryStringsConfig?.queryStrings) },
                    },
                },
            },
        };
    },
});
