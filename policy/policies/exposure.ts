import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";
import { hasCompanion } from "./common";

/** No public exposure: open security groups, public IPs, public load balancers, databases or buckets. */

const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

export const noOpenIngress: ResourceValidationPolicy = {
    name: "security-group-no-internet-ingress",
    description: "No security group admits traffic from 0.0.0.0/0 or ::/0; the public edge is CloudFront and API Gateway (FSBP EC2.18, EC2.19, EC2.53, EC2.54, AwsSolutions-EC23).",
    enforcementLevel: "mandatory",
    tags: ["FSBP EC2.18", "FSBP EC2.19", "FSBP EC2.53", "FSBP EC2.54", "AwsSolutions-EC23"],
    validateResource: [
        validateResourceOfType(aws.vpc.SecurityGroupIngressRule, (rule, _a, report) => {
            const source = rule.cidrIpv4 ?? rule.cidrIpv6;
            if (source !== undefined && ANYWHERE.has(source)) {
                report(`ingress from ${source} (port ${rule.fromPort ?? "all"}).`);
            }
        }),
        validateResourceOfType(aws.ec2.SecurityGroupRule, (rule, _a, report) => {
            const open = [...(rule.cidrBlocks ?? []), ...(rule.ipv6CidrBlocks ?? [])].filter((c) => ANYWHERE.has(c));
            if (rule.type === "ingress" && open.length > 0) {
                report(`ingress from ${open.join(", ")} (port ${rule.fromPort}).`);
            }
        }),
        validateResourceOfType(aws.ec2.SecurityGroup, (sg, _a, report) => {
            const open = (sg.ingress ?? []).flatMap((i) => [...(i.cidrBlocks ?? []), ...(i.ipv6CidrBlocks ?? [])]).filter((c) => ANYWHERE.has(c));
            if (open.length > 0) {
                report(`inline ingress from ${open.join(", ")}.`);
            }
        }),
    ],
};

export const defaultSecurityGroupClosed: ResourceValidationPolicy = {
    name: "default-security-group-closed",
    description: "The VPC's default security group allows no traffic (FSBP EC2.2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP EC2.2"],
    validateResource: validateResourceOfType(aws.ec2.DefaultSecurityGroup, (sg, _a, report) => {
        if ((sg.ingress ?? []).length > 0 || (sg.egress ?? []).length > 0) {
            report("the default security group must have no ingress and no egress rules.");
        }
    }),
};

export const noPublicAddresses: ResourceValidationPolicy = {
    name: "no-public-addresses",
    description:
        "Nothing gets a public address: ECS tasks (FSBP ECS.2), subnets' auto-assign (FSBP EC2.15), load balancers are internal, databases and caches are not publicly accessible (FSBP RDS.2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP ECS.2", "FSBP EC2.15", "FSBP RDS.2"],
    validateResource: [
        validateResourceOfType(aws.ecs.Service, (svc, _a, report) => {
            if (svc.networkConfiguration?.assignPublicIp === true) {
                report("networkConfiguration.assignPublicIp must be false.");
            }
        }),
        validateResourceOfType(aws.ec2.Subnet, (subnet, _a, report) => {
            if (subnet.mapPublicIpOnLaunch === true) {
                report("mapPublicIpOnLaunch must be false.");
            }
        }),
        validateResourceOfType(aws.lb.LoadBalancer, (lb, _a, report) => {
            if (lb.internal !== true) {
                report("load balancers must be internal: the public entry is CloudFront -> API Gateway -> VPC link.");
            }
        }),
        validateResourceOfType(aws.rds.Instance, (db, _a, report) => {
            if (db.publiclyAccessible === true) {
                report("publiclyAccessible must be false.");
            }
        }),
    ],
};

export const lambdaNotPublic: ResourceValidationPolicy = {
    name: "lambda-permission-not-public",
    description: "Lambda permissions name a principal and a source; no function is invocable by anyone (FSBP Lambda.1).",
    enforcementLevel: "mandatory",
    tags: ["FSBP Lambda.1"],
    validateResource: validateResourceOfType(aws.lambda.Permission, (perm, _a, report) => {
        if (perm.principal === "*" || (!perm.sourceArn && !perm.sourceAccount && !perm.principalOrgId)) {
            report("a Lambda permission must name its principal and restrict sourceArn or sourceAccount.");
        }
    }),
};

export const bucketPublicAccessBlock: ResourceValidationPolicy = {
    name: "s3-block-public-access",
    description: "Every public access block sets all four flags (FSBP S3.8, AwsSolutions-S2).",
    enforcementLevel: "mandatory",
    tags: ["FSBP S3.8", "AwsSolutions-S2"],
    validateResource: validateResourceOfType(aws.s3.BucketPublicAccessBlock, (pab, _a, report) => {
        const off = (["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const).filter((k) => pab[k] !== true);
        if (off.length > 0) {
            report(`${off.join(", ")} must be true.`);
        }
    }),
};

/** The companion resources every bucket needs, and why. */
const BUCKET_COMPANIONS: [string, string][] = [
    ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "a BucketPublicAccessBlock (FSBP S3.8)"],
    ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "a BucketServerSideEncryptionConfiguration"],
    ["aws:s3/bucketPolicy:BucketPolicy", "a BucketPolicy that denies plain HTTP (FSBP S3.5)"],
];

export const bucketBaseline: StackValidationPolicy = {
    name: "s3-bucket-baseline",
    description: "Every bucket has its public access block, encryption configuration and TLS-only bucket policy (FSBP S3.8, S3.5, AwsSolutions-S2, AwsSolutions-S10).",
    enforcementLevel: "mandatory",
    tags: ["FSBP S3.8", "FSBP S3.5", "AwsSolutions-S2", "AwsSolutions-S10"],
    validateStack: (args, report) => {
        for (const bucket of args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket")) {
            const missing = BUCKET_COMPANIONS.filter(([type]) => !hasCompanion(args.resources, type, bucket)).map(([, what]) => what);
            if (missing.length > 0) {
                report(`bucket ${bucket.name} lacks ${missing.join(", ")}.`, bucket.urn);
            }
        }
    },
};

export const exposurePolicies: (ResourceValidationPolicy | StackValidationPolicy)[] = [noOpenIngress, defaultSecurityGroupClosed, noPublicAddresses, lambdaNotPublic, bucketPublicAccessBlock, bucketBaseline];
