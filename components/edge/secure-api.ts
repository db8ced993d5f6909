import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { serviceKeyPolicy } from "../kms/key-policy";
import { resolveSecureApiArgs, SecureApiArgs } from "./args";
import { createAuthorizer, createUserPool } from "./auth";
import { createCdn } from "./cdn";
import { createPrivateLink } from "./private-link";
import { createRestApi, createRestApiShell } from "./rest-api";
import { CLOUDFRONT_REGION, createWebAcl } from "./waf";

export { SecureApiArgs } from "./args";

/**
 * The public edge of the platform (E1-E6). A request flows:
 * client -> CloudFront (CLOUDFRONT web ACL in us-east-1, security headers, static assets from S3
 * through OAC, `/api/*` and service prefixes to the API origin with the secret `x-origin-verify`
 * header) -> API Gateway REST stage (REGIONAL web ACL: blocks anything without the secret, rate
 * limit, managed rules; TOKEN authorizer on authenticated routes; per-route throttling and cache)
 * -> VPC link V2 -> internal ALB (or VPC link V1 -> NLB -> ALB-type target group -> ALB) -> services.
 */
export class SecureApi extends pulumi.ComponentResource {
    public readonly url: pulumi.Output<string>;
    public readonly apiId: pulumi.Output<string>;
    /** The REST API's name: the `ApiName` dimension of its CloudWatch metrics. */
    public readonly apiName: pulumi.Output<string>;
    public readonly stageName: pulumi.Output<string>;
    /** The stage's own URL; it answers only requests that carry CloudFront's secret header. */
    public readonly stageInvokeUrl: pulumi.Output<string>;
    public readonly userPoolId: pulumi.Output<string>;
    public readonly userPoolClientId: pulumi.Output<string>;
    public readonly webBucketName: pulumi.Output<string>;
    public readonly distributionId: pulumi.Output<string>;
    /** Names of the web ACLs (the `WebACL` dimension of their metrics): the stage's and CloudFront's. */
    public readonly webAclNames: { readonly regional: pulumi.Output<string>; readonly cloudFront: pulumi.Output<string> };
    public readonly integrationMode: string;

    constructor(name: string, args: SecureApiArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:edge:SecureApi", name, {}, opts);
        let resolved;
        try {
            resolved = resolveSecureApiArgs(args);
        } catch (e) {
            throw new pulumi.ResourceError((e as Error).message, this);
        }
        const parent = this;

        const link = createPrivateLink(name, resolved, parent);
        const restApi = createRestApiShell(name, resolved, parent);
        const pool = createUserPool(name, resolved, parent);
        const { authorizer } = createAuthorizer(name, resolved, pool, restApi, parent);
        const { stage } = createRestApi(name, resolved, restApi, link, authorizer, parent);

        // The origin-verify value: proof of passage through CloudFront, not a credential to data. It
        // lives only where it is used (the distribution's origin header and the regional ACL's match)
        // and, encrypted, in the Pulumi state; no copy in Secrets Manager that nothing reads. Rotation:
        // CloudFront (origin header) and the REGIONAL ACL (byte match) change in one update, but
        // CloudFront takes minutes to propagate, so requests through edges still holding the old value
        // are blocked meanwhile. A hitless rotation needs the rule to accept the old and the new value
        // for one propagation period (two updates); bump `keepers` to rotate.
        const originSecret = new random.RandomPassword(`${name}-origin-secret`, { length: 48, special: false, keepers: { rotation: "1" } }, { parent });

        const regionalAcl = createWebAcl(name, resolved, { scope: "REGIONAL", logKmsKeyArn: resolved.logKmsKeyArn, originSecret: originSecret.result }, parent);
        new aws.wafv2.WebAclAssociation(`${name}-stage-waf`, { resourceArn: stage.arn, webAclArn: regionalAcl.arn }, { parent });
        const cloudFrontAcl = createWebAcl(name, resolved, { scope: "CLOUDFRONT", logKmsKeyArn: usEast1LogKey(name, resolved, parent) }, parent);

        const cdn = createCdn(name, resolved, { restApiId: restApi.id, stageName: stage.stageName }, cloudFrontAcl.arn, originSecret.result, parent);

        this.url = cdn.url;
        this.apiId = restApi.id;
        this.apiName = restApi.name;
        this.stageName = stage.stageName;
        this.stageInvokeUrl = stage.invokeUrl;
        this.userPoolId = pool.userPool.id;
        this.userPoolClientId = pool.client.id;
        this.webBucketName = cdn.webBucket.bucket;
        this.distributionId = cdn.distribution.id;
        this.webAclNames = { regional: regionalAcl.name, cloudFront: cloudFrontAcl.name };
        this.integrationMode = resolved.integrationMode;
        this.registerOutputs({
            url: this.url,
            apiId: this.apiId,
            stageName: this.stageName,
            userPoolId: this.userPoolId,
            userPoolClientId: this.userPoolClientId,
            webBucketName: this.webBucketName,
            distributionId: this.distributionId,
        });
    }
}

/**
 * A log key in us-east-1 for the CLOUDFRONT ACL's logs. KMS keys are regional: when the stack runs in
 * us-east-1 its log key serves; elsewhere the edge gets its own small key there.
 */
function usEast1LogKey(name: string, args: ReturnType<typeof resolveSecureApiArgs>, parent: pulumi.Resource): pulumi.Input<string> {
    if (args.region === CLOUDFRONT_REGION) {
        return args.logKmsKeyArn;
    }
    const identity = aws.getCallerIdentityOutput({}, { parent });
    const partition = aws.getPartitionOutput({}, { parent });
    const key = new aws.kms.Key(`${name}-edge-logs-key`, {
        description: "CloudWatch Logs of the CLOUDFRONT web ACL (us-east-1)",
        region: CLOUDFRONT_REGION,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: pulumi
            .all([identity.accountId, partition.partition])
            .apply(([accountId, p]) => JSON.stringify(serviceKeyPolicy({ accountId, region: CLOUDFRONT_REGION, partition: p }, ["logs"]))),
        tags: args.tags,
    }, { parent, protect: args.protect });
    return key.arn;
}
