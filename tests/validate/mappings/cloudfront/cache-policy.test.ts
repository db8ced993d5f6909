import * as assert from "assert";
import { planned, translated } from "../../fixtures";

describe("mapping aws.cloudfront.CachePolicy", () => {
    it("becomes an AWS::CloudFront::CachePolicy with TTLs in capitals and name lists unwrapped", () => {
        const policy = planned("aws:cloudfront/cachePolicy:CachePolicy", "api-data", {
            name: "api-data", defaultTtl: 60, maxTtl: 60, minTtl: 0,
            parametersInCacheKeyAndForwardedToOrigin: {
                cookiesConfig: { cookieBehavior: "none" }, headersConfig: { headerBehavior: "whitelist", headers: { items: ["Authorization"] } },
                queryStringsConfig: { queryStringBehavior: "whitelist", queryStrings: { items: ["id", "name"] } }, enableAcceptEncodingGzip: true,
            },
        });
        assert.deepStrictEqual(translated(policy), {
            Type: "AWS::CloudFront::CachePolicy",
            Properties: {
                CachePolicyConfig: {
                    Name: "api-data", DefaultTTL: 60, MinTTL: 0, MaxTTL: 60,
                    ParametersInCacheKeyAndForwardedToOrigin: {
                        EnableAcceptEncodingGzip: true, CookiesConfig: { CookieBehavior: "none" }, HeadersConfig: { HeaderBehavior: "whitelist", Headers: ["Authorization"] },
                        QueryStringsConfig: { QueryStringBehavior: "whitelist", QueryStrings: ["id", "name"] },
                    },
                },
            },
        });
    });
});
