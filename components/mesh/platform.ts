import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import * as path from "path";
import { DEFAULT_ADOT_IMAGE } from "./container-definitions";
import { ecsInfrastructureTrustPolicy } from "./iam-policies";
import { createHardenedRepository } from "./repository";
import { denyInsecureTransport } from "../storage/bucket-policy";
import { createPrivateBucket } from "../storage/private-bucket";
import { dnsValidatedCertificate } from "../tls/certificate";

export interface ServiceMeshPlatformArgs {
    /** VPC of the namespace and the ALB. */
    vpcId: pulumi.Input<string>;
    /** Private subnets of the internal ALB (at least two AZs). */
    privateSubnetIds: pulumi.Input<string>[];
    /** The network's load-balancer tier group, given to the ALB. */
    loadBalancerSecurityGroupId: pulumi.Input<string>;
    /**
     * Service-to-service TLS: an AWS Private CA (root, short-lived certificate mode) and the role
     * ECS uses to issue certificates from it. A private CA costs a monthly fee, so dev turns it off.
     * @default true
     */
    serviceTls?: boolean;
    /**
     * Let services run on Fargate Spot: adds FARGATE_SPOT to the cluster's default strategy.
     * @default false
     */
    fargateSpot?: boolean;
    /**
     * Name on the ALB's certificate. Set, the ALB gets one HTTPS listener on 443 (TLS 1.2/1.3
     * policy) and no listener on 80, so plain HTTP is refused; API Gateway's private integration
     * sends this name as SNI and verifies the certificate against it. It needs no DNS record: the
     * VPC link reaches the ALB by ARN. @default "" (HTTP on 80, for dev: no domain, no certificate)
     */
    albHostName?: string;
    /** Public Route 53 zone to request and DNS-validate the certificate for `albHostName` in. Needed unless `albCertificateArn` is given. */
    hostedZoneId?: pulumi.Input<string>;
    /** An issued ACM certificate (in the ALB's region) covering `albHostName`, instead of requesting one. */
    albCertificateArn?: string;
    /** Days ALB access logs are kept before S3 deletes them. @default 365 */
    accessLogRetentionDays?: number;
    /** Name of the Service Connect namespace (a private DNS zone in the VPC). @default `<name>.mesh.internal` */
    namespaceName?: string;
    /**
     * The upstream ADOT collector image, pinned by tag, that the platform mirrors into its own ECR
     * repository at deploy time (tasks in subnets without internet egress cannot pull ECR Public).
     * @default DEFAULT_ADOT_IMAGE
     */
    adotSourceImage?: string;
    /** KMS key of the mirror repository. @default the AWS managed ECR key */
    repositoryKmsKeyArn?: pulumi.Input<string>;
    /** Production guards: ALB deletion protection, and `protect` on the log bucket, the CA and the mirror repository. @default true */
    protect?: boolean;
}

/** The folder of the mirror's Dockerfile (`ARG SOURCE_IMAGE` / `FROM ${SOURCE_IMAGE}`). */
export const SIDECAR_MIRROR_CONTEXT = path.join(__dirname, "sidecar-mirror");

/**
 * The tag of an image reference pinned by tag (`registry/repo:tag`), which the mirror keeps; throws
 * for a reference without a tag, or pinned by digest (an immutable repository needs a tag).
 */
export function imageTagOf(image: string): string {
    const match = /^[^@\s]+\/[^@\s:/]+(?:\/[^@\s:/]+)*:([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/.exec(image);
    if (!match) {
        throw new Error(`adotSourceImage ${JSON.stringify(image)}: an image pinned by tag, <registry>/<repository>:<tag> (no digest, not "latest")`);
    }
    if (match[1] === "latest") {
        throw new Error(`adotSourceImage ${JSON.stringify(image)}: pin a version, not "latest"`);
    }
    return match[1];
}

/**
 * What every mesh service of an environment shares: the ECS cluster, the Service Connect
 * namespace, the optional private CA for mesh TLS, and the internal ALB with its listener.
 */
export class ServiceMeshPlatform extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    public readonly clusterArn: pulumi.Output<string>;
    public readonly namespaceArn: pulumi.Output<string>;
    public readonly namespaceName: pulumi.Output<string>;
    /** ARN of the active private CA; "" when TLS is off. */
    public readonly privateCaArn: pulumi.Output<string>;
    /** Role ECS assumes to issue Service Connect certificates; "" when TLS is off. */
    public readonly serviceConnectTlsRoleArn: pulumi.Output<string>;
    public readonly albArn: pulumi.Output<string>;
    public readonly albArnSuffix: pulumi.Output<string>;
    public readonly albDnsName: pulumi.Output<string>;
    public readonly albListenerArn: pulumi.Output<string>;
    /** Port and protocol of that listener: 443/HTTPS with a host name, 80/HTTP without. */
    public readonly albListenerPort: number;
    public readonly albListenerProtocol: "HTTP" | "HTTPS";
    /** The name private integrations must call the ALB by: the certificate's name, or the ALB's DNS name over HTTP. */
    public readonly albHostName: pulumi.Output<string>;
    public readonly albSecurityGroupId: pulumi.Output<string>;
    public readonly accessLogBucket: pulumi.Output<string>;
    /** The ADOT collector image in the platform's private ECR repository, for MeshService's `adotImage`. */
    public readonly adotImageUri: pulumi.Output<string>;
    /** That repository, for MeshService's `sidecarRepositoryArns` (the execution roles' pull permission). */
    public readonly adotRepositoryArn: pulumi.Output<string>;

    constructor(name: string, args: ServiceMeshPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:mesh:ServiceMeshPlatform", name, {}, opts);
        const retention = args.accessLogRetentionDays ?? 365;
        if (!Number.isInteger(retention) || retention < 1) {
            throw new pulumi.ResourceError(`accessLogRetentionDays ${retention}: a whole number of days, at least 1`, this);
        }
        const hostName = args.albHostName ?? "";
        if (hostName === "" ? (args.albCertificateArn ?? "") !== "" : (args.albCertificateArn ?? "") === "" && args.hostedZoneId === undefined) {
            throw new pulumi.ResourceError(`albHostName ${JSON.stringify(hostName)}: an HTTPS listener needs both a host name and a certificate (albCertificateArn, or hostedZoneId to request one)`, this);
        }
        const sourceImage = args.adotSourceImage ?? DEFAULT_ADOT_IMAGE;
        let adotTag: string;
        try {
            adotTag = imageTagOf(sourceImage);
        } catch (e) {
            throw new pulumi.ResourceError((e as Error).message, this);
        }
        const parent = this;
        const protect = args.protect ?? true;
        const identity = aws.getCallerIdentityOutput({}, { parent });
        const partition = aws.getPartitionOutput({}, { parent });

        const namespace = new aws.servicediscovery.PrivateDnsNamespace(`${name}-namespace`, {
            name: args.namespaceName ?? `${name}.mesh.internal`,
            vpc: args.vpcId,
            description: `${name}: ECS Service Connect namespace`,
        }, { parent });
        const cluster = new aws.ecs.Cluster(`${name}-cluster`, {
            // Enhanced adds per-task and per-container metrics, which the service dashboards use.
            settings: [{ name: "containerInsights", value: "enhanced" }],
            serviceConnectDefaults: { namespace: namespace.arn },
        }, { parent });
        new aws.ecs.ClusterCapacityProviders(`${name}-capacity`, {
            clusterName: cluster.name,
            capacityProviders: ["FARGATE", "FARGATE_SPOT"],
            defaultCapacityProviderStrategies: args.fargateSpot ?? false
                ? [{ capacityProvider: "FARGATE", base: 1, weight: 1 }, { capacityProvider: "FARGATE_SPOT", weight: 3 }]
                : [{ capacityProvider: "FARGATE", base: 1, weight: 1 }],
        }, { parent });

        const tls = args.serviceTls ?? true ? createPrivateCa(name, parent, protect, identity.accountId, partition.partition) : undefined;
        const alb = createAlb(name, parent, args, protect, retention, identity.accountId);

        // The sidecar's mirror: pulled from ECR Public by the deployer (internet and Docker), pushed
        // here unchanged under the upstream tag; tasks pull it through the ECR endpoints.
        const adotRepository = createHardenedRepository(`${name}-adot-repo`, parent, { kmsKeyArn: args.repositoryKmsKeyArn, protect });
        const adotImage = new awsx.ecr.Image(`${name}-adot-image`, {
            repositoryUrl: adotRepository.repositoryUrl,
            context: SIDECAR_MIRROR_CONTEXT,
            dockerfile: path.join(SIDECAR_MIRROR_CONTEXT, "Dockerfile"),
            args: { SOURCE_IMAGE: sourceImage },
            imageTag: adotTag,
            platform: "linux/amd64",
        }, { parent });

        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.namespaceArn = namespace.arn;
        this.namespaceName = namespace.name;
        this.privateCaArn = tls?.caArn ?? pulumi.output("");
        this.serviceConnectTlsRoleArn = tls?.roleArn ?? pulumi.output("");
        this.albArn = alb.loadBalancer.arn;
        this.albArnSuffix = alb.loadBalancer.arnSuffix;
        this.albDnsName = alb.loadBalancer.dnsName;
        this.albListenerArn = alb.listener.arn;
        this.albListenerPort = alb.https ? 443 : 80;
        this.albListenerProtocol = alb.https ? "HTTPS" : "HTTP";
        this.albHostName = alb.https ? pulumi.output(hostName) : alb.loadBalancer.dnsName;
        this.albSecurityGroupId = pulumi.output(args.loadBalancerSecurityGroupId);
        this.accessLogBucket = alb.bucket.bucket;
        this.adotImageUri = adotImage.imageUri;
        this.adotRepositoryArn = adotRepository.arn;
        this.registerOutputs({
            clusterArn: this.clusterArn,
            namespaceArn: this.namespaceArn,
            privateCaArn: this.privateCaArn,
            albArn: this.albArn,
            albListenerArn: this.albListenerArn,
            albHostName: this.albHostName,
            adotImageUri: this.adotImageUri,
            adotRepositoryArn: this.adotRepositoryArn,
        });
    }
}

/**
 * A root CA in short-lived certificate mode: Service Connect supports both modes but recommends
 * short-lived (certificates live 7 days and rotate every 5, no revocation needed), and that mode
 * costs less per month than general purpose. The CA signs its own 10-year root certificate
 * (Private CA does not apply the 7-day limit to root certificates) and is activated with it.
 */
function createPrivateCa(name: string, parent: pulumi.Resource, protect: boolean, accountId: pulumi.Output<string>, partition: pulumi.Output<string>) {
    const ca = new aws.acmpca.CertificateAuthority(`${name}-mesh-ca`, {
        type: "ROOT",
        usageMode: "SHORT_LIVED_CERTIFICATE",
        certificateAuthorityConfiguration: {
            // Service Connect accepts 256-bit ECDSA and 2048-bit RSA; ECDSA is the faster handshake.
            keyAlgorithm: "EC_prime256v1",
            signingAlgorithm: "SHA256WITHECDSA",
            subject: { commonName: `${name} service connect`, organization: name },
        },
        permanentDeletionTimeInDays: protect ? 30 : 7,
    }, { parent, protect });
    const root = new aws.acmpca.Certificate(`${name}-mesh-ca-root`, {
        certificateAuthorityArn: ca.arn,
        certificateSigningRequest: ca.certificateSigningRequest,
        signingAlgorithm: "SHA256WITHECDSA",
        templateArn: pulumi.interpolate`arn:${partition}:acm-pca:::template/RootCACertificate/V1`,
        validity: { type: "YEARS", value: "10" },
    }, { parent });
    const activation = new aws.acmpca.CertificateAuthorityCertificate(`${name}-mesh-ca-activation`, {
        certificateAuthorityArn: ca.arn,
        certificate: root.certificate,
        certificateChain: root.certificateChain,
    }, { parent });
    const role = new aws.iam.Role(`${name}-service-connect-tls`, {
        description: `${name}: lets ECS issue Service Connect TLS certificates from the mesh CA`,
        assumeRolePolicy: accountId.apply((a) => JSON.stringify(ecsInfrastructureTrustPolicy(a))),
    }, { parent });
    new aws.iam.RolePolicyAttachment(`${name}-service-connect-tls`, {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity`,
    }, { parent });
    // Services must not reference the CA before it is active: the ARN is released only after activation.
    const caArn = pulumi.all([ca.arn, activation.id]).apply(([arn]) => arn);
    return { caArn, roleArn: role.arn };
}

/** The access-log bucket's policy: ELB may write its logs under AWSLogs/<account>/, nobody may use plain HTTP. */
export function accessLogBucketPolicy(bucketArn: string, accountId: string, elbAccountArn: string, prefix: string): object {
    const logObjects = `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`;
    return {
        Version: "2012-10-17",
        Statement: [
            // Regions opened since August 2022 deliver as this service principal...
            { Sid: "ElbLogDelivery", Effect: "Allow", Principal: { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }, Action: "s3:PutObject", Resource: logObjects },
            // ...older regions (us-east-1 among them) as the region's Elastic Load Balancing account.
            { Sid: "ElbRegionalAccount", Effect: "Allow", Principal: { AWS: elbAccountArn }, Action: "s3:PutObject", Resource: logObjects },
            denyInsecureTransport(bucketArn),
        ],
    };
}

const ACCESS_LOG_PREFIX = "alb";
/** TLS 1.3 and 1.2 with forward-secret ciphers only. */
export const ALB_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

function createAlb(name: string, parent: pulumi.Resource, args: ServiceMeshPlatformArgs, protect: boolean, retentionDays: number, accountId: pulumi.Output<string>) {
    const elbAccount = aws.elb.getServiceAccountOutput({}, { parent });
    // ALB access logs support only SSE-S3 on the target bucket, hence no KMS key.
    const { bucket, policy } = createPrivateBucket(`${name}-alb-logs`, parent, {
        expireDays: retentionDays,
        expirePrefix: `${ACCESS_LOG_PREFIX}/`,
        policy: (bucketArn) => pulumi.all([bucketArn, accountId, elbAccount.arn]).apply(([arn, account, elbArn]) => JSON.stringify(accessLogBucketPolicy(arn, account, elbArn, ACCESS_LOG_PREFIX))),
        protect,
    });

    const loadBalancer = new aws.lb.LoadBalancer(`${name}-alb`, {
        loadBalancerType: "application",
        internal: true,
        subnets: args.privateSubnetIds,
        securityGroups: [args.loadBalancerSecurityGroupId],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: protect,
        desyncMitigationMode: "strictest",
        idleTimeout: 60,
        accessLogs: { bucket: bucket.bucket, prefix: ACCESS_LOG_PREFIX, enabled: true },
    }, { parent, dependsOn: [policy!] });
    const hostName = args.albHostName ?? "";
    const https = albListenerProtocolOf(hostName) === "HTTPS";
    const certificateArn = !https ? undefined : (args.albCertificateArn ?? "") !== ""
        ? args.albCertificateArn
        : dnsValidatedCertificate(`${name}-alb-cert`, { domainName: hostName, hostedZoneId: args.hostedZoneId! }, parent);
    // One listener only: with HTTPS there is nothing on 80, so plain HTTP is refused, not redirected
    // (the only client is API Gateway, which must never send a request in clear text first).
    const listener = new aws.lb.Listener(`${name}-alb-${https ? "https" : "http"}`, {
        loadBalancerArn: loadBalancer.arn,
        ...(https
            ? { port: 443, protocol: "HTTPS", certificateArn, sslPolicy: ALB_TLS_POLICY }
            : { port: 80, protocol: "HTTP" }),
        defaultActions: [{
            type: "fixed-response",
            fixedResponse: { statusCode: "404", contentType: "application/json", messageBody: JSON.stringify({ message: "Not Found" }) },
        }],
    }, { parent });
    return { bucket, loadBalancer, listener, https };
}

/** The internal ALB's listener protocol: HTTPS on 443 when it has a host name for its certificate, else HTTP on 80 (dev). */
export function albListenerProtocolOf(albHostName: string): "HTTP" | "HTTPS" {
    return albHostName !== "" ? "HTTPS" : "HTTP";
}
