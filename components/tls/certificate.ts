import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface DnsValidatedCertificateArgs {
    /** The one name the certificate covers. */
    readonly domainName: string;
    /** Public Route 53 hosted zone of `domainName`; the validation record is written there. */
    readonly hostedZoneId: pulumi.Input<string>;
    /** Region of the certificate (CloudFront reads only us-east-1). @default the provider's */
    readonly region?: string;
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/**
 * A public ACM certificate for one name, validated through a DNS record in its hosted zone. The
 * returned ARN resolves only once ACM has issued it, so a listener or distribution that uses it
 * never sees a pending certificate. Resources: `<name>`, `<name>-validation`, `<name>-validated`.
 */
export function dnsValidatedCertificate(name: string, args: DnsValidatedCertificateArgs, parent: pulumi.Resource): pulumi.Output<string> {
    const region = args.region !== undefined ? { region: args.region } : {};
    const cert = new aws.acm.Certificate(name, {
        domainName: args.domainName,
        validationMethod: "DNS",
        // Public certificates must be logged in CT logs for browsers to trust them; say so explicitly.
        options: { certificateTransparencyLoggingPreference: "ENABLED" },
        ...region,
        tags: args.tags,
    }, { parent });
    // One domain name, so exactly one validation option.
    const option = cert.domainValidationOptions[0];
    const record = new aws.route53.Record(`${name}-validation`, {
        zoneId: args.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 300,
        allowOverwrite: true,
    }, { parent });
    const validation = new aws.acm.CertificateValidation(`${name}-validated`, {
        certificateArn: cert.arn,
        validationRecordFqdns: [record.fqdn],
        ...region,
    }, { parent });
    return validation.certificateArn;
}
