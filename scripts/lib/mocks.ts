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
            default:
                return {};
        }
    }
}
