import type * as aws from "@pulumi/aws";

/**
 * Security response headers CloudFront adds to every answer (E1). `override: true` everywhere: the
 * edge's policy wins over whatever a service or an S3 object sets.
 */

/** One year, the minimum the HSTS preload list accepts. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * A strict CSP for a single-page app served from the same origin as its API: scripts, styles and
 * data only from self, no plugins, no framing, forms only to self.
 */
export const DEFAULT_CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
].join("; ");

export function securityHeadersConfig(contentSecurityPolicy: string = DEFAULT_CONTENT_SECURITY_POLICY): aws.types.input.cloudfront.ResponseHeadersPolicySecurityHeadersConfig {
    return {
        strictTransportSecurity: { accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS, includeSubdomains: true, preload: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
    };
}
