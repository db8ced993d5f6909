import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { azIdPrefixOfRegion } from "../../components/network/az-ids";

/**
 * Mocks that answer like AWS would, closely enough for programs that interpolate ids and ARNs:
 * ids carry the real prefixes (`vpc-`, `subnet-`, `sg-`...), ARNs have the real shape per service,
 * and the invokes the programs make (caller identity, region, partition, availability zones) get
 * plausible answers. Everything is derived from the resource's type and name, so two runs of the
 * same program give the same plan.
 */

export const MOCK_ACCOUNT_ID = "123456789012";

/** Id prefixes of EC2-style resources; other resources use their physical name as id, like AWS. */
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc-",
    "aws:ec2/subnet:Subnet": "subnet-",
    "aws:ec2/securityGroup:SecurityGroup": "sg-",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg-",
    "aws:ec2/routeTable:RouteTable": "rtb-",
    "aws:ec2/route:Route": "r-rtb-",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc-",
    "aws:ec2/internetGateway:InternetGateway": "igw-",
    "aws:ec2/natGateway:NatGateway": "nat-",
    "aws:ec2/eip:Eip": "eipalloc-",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
    "aws:ec2/networkAcl:NetworkAcl": "acl-",
    "aws:ec2/networkAclRule:NetworkAclRule": "nacl-",
    "aws:ec2/networkAclAssociation:NetworkAclAssociation": "aclassoc-",
    "aws:ec2/flowLog:FlowLog": "fl-",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "sgr-",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "sgr-",
    "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
    // API Gateway, Cognito app client, WAF and CloudFront ids are generated, not the resource's name.
    "aws:apigateway/restApi:RestApi": "",
    "aws:apigateway/resource:Resource": "",
    "aws:apigateway/authorizer:Authorizer": "",
    "aws:apigateway/deployment:Deployment": "",
    "aws:apigateway/vpcLink:VpcLink": "",
    "aws:apigatewayv2/vpcLink:VpcLink": "",
    "aws:cognito/userPoolClient:UserPoolClient": "",
    "aws:wafv2/webAcl:WebAcl": "",
    "aws:cloudfront/distribution:Distribution": "E",
};

/** ARN service and resource-type segments that differ from the Pulumi module name. */
const ARN_SERVICE: Record<string, string> = { cloudwatch: "cloudwatch", iam: "iam", s3: "s3", lb: "elasticloadbalancing", alb: "elasticloadbalancing" };

/** A permutation of zone letters, so that AZ names do not line up with AZ IDs, as in a real account. */
const ZONE_LETTERS = ["c", "a", "d", "b", "f", "e", "h", "g"];

export function hexOf(seed: string, length: number): string {
    return createHash("sha256").update(seed).digest("hex").slice(0, length);
}

function uuidOf(seed: string): string {
    const h = hexOf(seed, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** `aws:ec2/vpc:Vpc` -> { module: "ec2", resource: "vpc" }. */
function tokenParts(type: string): { module: string; resource: string } {
    const [, path = "", cls = ""] = type.split(":");
    const module = path.split("/")[0];
    return { module, resource: cls.charAt(0).toLowerCase() + cls.slice(1) };
}

export interface MockOptions {
    /** Region of the stack (the provider's); resources with an explicit `region` input use theirs. */
    readonly region: string;
    /** Outputs of other stacks, by the fully qualified stack name a `StackReference` asks for. */
    readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
}

export class PlanMocks implements pulumi.runtime.Mocks {
    constructor(private readonly options: MockOptions) {}

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        if (args.type === "pulumi:pulumi:StackReference") {
            const stackName = String(args.inputs.name);
            const outputs = this.options.stackOutputs?.[stackName];
            if (outputs === undefined) {
                throw new Error(`StackReference to "${stackName}": no such stack in this plan (known: ${Object.keys(this.options.stackOutputs ?? {}).join(", ") || "none"})`);
            }
            return { id: stackName, state: { name: stackName, outputs, secretOutputNames: [] } };
        }
        const region: string = typeof args.inputs.region === "string" ? args.inputs.region : this.options.region;
        const seed = `${args.type}::${args.name}`;
        const physicalName: string = typeof args.inputs.name === "string" ? args.inputs.name : `${args.name}-${hexOf(seed, 7)}`;
        const prefix = ID_PREFIX[args.type];
        const id = prefix !== undefined ? `${prefix}${hexOf(seed, 17)}` : physicalName;
        const state: Record<string, unknown> = {
            ...args.inputs,
            name: physicalName,
            arn: this.arnOf(args.type, physicalName, id, region, seed),
            ...this.extraState(args, id, region, seed),
        };
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const region = this.options.region;
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/plan`, userId: "AIDAPLAN", id: MOCK_ACCOUNT_ID };
            case "aws:index/getRegion:getRegion":
                return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
            case "aws:elb/getServiceAccount:getServiceAccount":
                // us-east-1's Elastic Load Balancing account; other regions differ, the shape does not.
                return { id: "127311923021", arn: "arn:aws:iam::127311923021:root", region };
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                const prefix = azIdPrefixOfRegion(region);
                const numbers = [1, 2, 3, 4, 5, 6];
                return {
                    id: region,
                    zoneIds: numbers.map((n) => `${prefix}-az${n}`),
                    names: numbers.map((n) => `${region}${ZONE_LETTERS[n - 1]}`),
                    groupNames: numbers.map(() => region),
                };
            }
            default:
                throw new Error(`the plan's mocks do not answer the invoke ${args.token}; add it to scripts/lib/mocks.ts`);
        }
    }

    private arnOf(type: string, physicalName: string, id: string, region: string, seed: string): string {
        const { module, resource } = tokenParts(type);
        const account = MOCK_ACCOUNT_ID;
        switch (module) {
            case "iam":
                return `arn:aws:iam::${account}:${resource === "role" ? "role" : resource === "policy" ? "policy" : resource}/${physicalName}`;
            case "s3":
                return `arn:aws:s3:::${physicalName}`;
            case "kms":
                return resource === "alias" ? `arn:aws:kms:${region}:${account}:${physicalName}` : `arn:aws:kms:${region}:${account}:key/${uuidOf(seed)}`;
            case "cloudwatch":
                return resource === "logGroup" ? `arn:aws:logs:${region}:${account}:log-group:${physicalName}` : `arn:aws:cloudwatch:${region}:${account}:${resource}:${physicalName}`;
            case "sns":
                return `arn:aws:sns:${region}:${account}:${physicalName}`;
            default:
                return `arn:aws:${ARN_SERVICE[module] ?? module}:${region}:${account}:${resource.toLowerCase()}/${id}`;
        }
    }

    /** Computed attributes that programs read from specific resource types. */
    private extraState(args: pulumi.runtime.MockResourceArgs, id: string, region: string, seed: string): Record<string, unknown> {
        switch (args.type) {
            case "aws:ec2/vpc:Vpc":
                return { defaultSecurityGroupId: `sg-${hexOf(seed + "sg", 17)}`, mainRouteTableId: `rtb-${hexOf(seed + "rtb", 17)}`, defaultNetworkAclId: `acl-${hexOf(seed + "acl", 17)}` };
            case "aws:ec2/subnet:Subnet": {
                const azId = String(args.inputs.availabilityZoneId ?? "");
                const n = Number(azId.split("-az")[1]);
                return Number.isInteger(n) ? { availabilityZone: `${region}${ZONE_LETTERS[n - 1]}` } : {};
            }
            case "aws:ec2/vpcEndpoint:VpcEndpoint":
                return args.inputs.vpcEndpointType === "Gateway"
                    ? { prefixListId: `pl-${hexOf(seed, 8)}` }
                    : { dnsEntries: [{ dnsName: `${id}.${String(args.inputs.serviceName).split(".").slice(3).join(".")}.${region}.vpce.amazonaws.com`, hostedZoneId: "Z7HUB22UULQXV" }] };
            case "aws:ec2/eip:Eip":
                return { allocationId: id, publicIp: `203.0.113.${parseInt(hexOf(seed, 2), 16) % 250}` };
            case "aws:kms/key:Key":
                return { keyId: uuidOf(seed) };
            case "aws:iam/role:Role":
                return { uniqueId: `AROA${hexOf(seed, 16).toUpperCase()}` };
            case "aws:ecr/repository:Repository":
                return { repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${id}`, registryId: MOCK_ACCOUNT_ID, arn: `arn:aws:ecr:${region}:${MOCK_ACCOUNT_ID}:repository/${id}` };
            case "aws:lb/loadBalancer:LoadBalancer": {
                const suffix = `app/${id.slice(0, 32)}/${hexOf(seed, 16)}`;
                return {
                    arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:loadbalancer/${suffix}`,
                    arnSuffix: suffix,
                    dnsName: `internal-${id.slice(0, 32)}-${parseInt(hexOf(seed, 8), 16)}.${region}.elb.amazonaws.com`,
                    zoneId: "Z35SXDOTRQ7X7K",
                };
            }
            case "aws:lb/targetGroup:TargetGroup": {
                const suffix = `targetgroup/${id.slice(0, 32)}/${hexOf(seed, 16)}`;
                return { arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:${suffix}`, arnSuffix: suffix };
            }
            case "aws:lb/listener:Listener":
                return { arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:listener/app/${hexOf(seed + "lb", 8)}/${hexOf(seed, 16)}/${hexOf(seed + "l", 16)}` };
            case "aws:lb/listenerRule:ListenerRule":
                return { arn: `arn:aws:elasticloadbalancing:${region}:${MOCK_ACCOUNT_ID}:listener-rule/app/${hexOf(seed + "lb", 8)}/${hexOf(seed, 16)}/${hexOf(seed + "l", 16)}/${hexOf(seed + "r", 16)}` };
            case "aws:ecs/cluster:Cluster":
                return { arn: `arn:aws:ecs:${region}:${MOCK_ACCOUNT_ID}:cluster/${id}` };
            case "aws:ecs/service:Service":
                return { arn: `arn:aws:ecs:${region}:${MOCK_ACCOUNT_ID}:service/${hexOf(seed + "cluster", 8)}/${id}` };
            case "aws:ecs/taskDefinition:TaskDefinition":
                return { arn: `arn:aws:ecs:${region}:${MOCK_ACCOUNT_ID}:task-definition/${String(args.inputs.family ?? id)}:1`, revision: 1 };
            case "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace": {
                const nsId = `ns-${hexOf(seed, 16)}`;
                return { arn: `arn:aws:servicediscovery:${region}:${MOCK_ACCOUNT_ID}:namespace/${nsId}`, hostedZone: `Z${hexOf(seed + "zone", 12).toUpperCase()}` };
            }
            case "aws:acmpca/certificateAuthority:CertificateAuthority":
                return { arn: `arn:aws:acm-pca:${region}:${MOCK_ACCOUNT_ID}:certificate-authority/${uuidOf(seed)}`, certificateSigningRequest: "-----BEGIN CERTIFICATE REQUEST-----\nMOCK\n-----END CERTIFICATE REQUEST-----" };
            case "aws:acmpca/certificate:Certificate":
                return { certificate: "-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----", certificateChain: "" };
            case "aws:s3/bucket:Bucket":
                // An auto-named bucket's name is its id; trails and policies read `bucket`.
                return { bucket: id, bucketDomainName: `${id}.s3.amazonaws.com`, bucketRegionalDomainName: `${id}.s3.${region}.amazonaws.com`, region };
            case "aws:dynamodb/table:Table":
                return args.inputs.streamEnabled === true ? { streamArn: `arn:aws:dynamodb:${region}:${MOCK_ACCOUNT_ID}:table/${id}/stream/2025-01-01T00:00:00.000`, streamLabel: "2025-01-01T00:00:00.000" } : {};
            case "aws:rds/instance:Instance": {
                const identifier = String(args.inputs.identifier ?? id);
                const address = `${identifier}.c${hexOf(seed, 11)}.${region}.rds.amazonaws.com`;
                const port = Number(args.inputs.port ?? 5432);
                return {
                    arn: `arn:aws:rds:${region}:${MOCK_ACCOUNT_ID}:db:${identifier}`,
                    address,
                    port,
                    endpoint: `${address}:${port}`,
                    resourceId: `db-${hexOf(seed, 26).toUpperCase()}`,
                    masterUserSecrets: args.inputs.manageMasterUserPassword === true
                        ? [{ secretArn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:rds!db-${uuidOf(seed)}-${secretSuffixOf(seed)}`, kmsKeyId: args.inputs.masterUserSecretKmsKeyId, secretStatus: "active" }]
                        : [],
                };
            }
            case "aws:elasticache/replicationGroup:ReplicationGroup": {
                const groupId = String(args.inputs.replicationGroupId ?? id);
                const host = `${groupId}.${hexOf(seed, 6)}.${azIdPrefixOfRegion(region)}.cache.amazonaws.com`;
                return { arn: `arn:aws:elasticache:${region}:${MOCK_ACCOUNT_ID}:replicationgroup:${groupId}`, primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}` };
            }
            case "aws:secretsmanager/secret:Secret":
                return { arn: `arn:aws:secretsmanager:${region}:${MOCK_ACCOUNT_ID}:secret:${id}-${secretSuffixOf(seed)}` };
            case "random:index/randomPassword:RandomPassword":
                return { result: `Mock-${hexOf(seed, 40)}-0`, bcryptHash: "" };
            case "aws:apigateway/restApi:RestApi":
                return { rootResourceId: hexOf(seed + "root", 10), executionArn: `arn:aws:execute-api:${region}:${MOCK_ACCOUNT_ID}:${id}`, arn: `arn:aws:apigateway:${region}::/restapis/${id}` };
            case "aws:apigateway/stage:Stage": {
                const api = String(args.inputs.restApi ?? "");
                const stage = String(args.inputs.stageName ?? id);
                return {
                    arn: `arn:aws:apigateway:${region}::/restapis/${api}/stages/${stage}`,
                    invokeUrl: `https://${api}.execute-api.${region}.amazonaws.com/${stage}`,
                    executionArn: `arn:aws:execute-api:${region}:${MOCK_ACCOUNT_ID}:${api}/${stage}`,
                };
            }
            case "aws:lambda/function:Function": {
                const fnArn = `arn:aws:lambda:${region}:${MOCK_ACCOUNT_ID}:function:${String(args.inputs.name ?? id)}`;
                return { arn: fnArn, invokeArn: `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fnArn}/invocations`, qualifiedArn: `${fnArn}:$LATEST`, version: "$LATEST" };
            }
            case "aws:cognito/userPool:UserPool":
                return { arn: `arn:aws:cognito-idp:${region}:${MOCK_ACCOUNT_ID}:userpool/${id}`, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` };
            case "aws:wafv2/webAcl:WebAcl":
                return { arn: `arn:aws:wafv2:${region}:${MOCK_ACCOUNT_ID}:${args.inputs.scope === "CLOUDFRONT" ? "global" : "regional"}/webacl/${String(args.inputs.name ?? id)}/${id}` };
            case "aws:cloudfront/distribution:Distribution":
                return { arn: `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:distribution/${id}`, domainName: `d${hexOf(seed, 13)}.cloudfront.net`, hostedZoneId: "Z2FDTNDATAQYW2", status: "Deployed" };
            case "aws:cloudfront/function:Function":
                return { arn: `arn:aws:cloudfront::${MOCK_ACCOUNT_ID}:function/${String(args.inputs.name ?? id)}`, status: "UNASSOCIATED" };
            case "aws:acm/certificate:Certificate": {
                const domain = String(args.inputs.domainName ?? "example.com");
                return {
                    arn: `arn:aws:acm:${region}:${MOCK_ACCOUNT_ID}:certificate/${uuidOf(seed)}`,
                    domainValidationOptions: [{ domainName: domain, resourceRecordName: `_${hexOf(seed + "n", 32)}.${domain}.`, resourceRecordType: "CNAME", resourceRecordValue: `_${hexOf(seed + "v", 32)}.acm-validations.aws.` }],
                };
            }
            case "awsx:ecr:Image":
                // The built image's URI as awsx reports it: the repository with the pushed tag.
                return { imageUri: `${String(args.inputs.repositoryUrl ?? `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${id}`)}:${String(args.inputs.imageTag ?? "latest")}` };
            case "aws:route53/record:Record":
                return { fqdn: String(args.inputs.name ?? id) };
            default:
                return {};
        }
    }
}

/** Secrets Manager appends six random characters to a secret's name in its ARN. */
function secretSuffixOf(seed: string): string {
    return Buffer.from(hexOf(seed, 12), "hex").toString("base64").replace(/[^A-Za-z0-9]/g, "x").slice(0, 6);
}
