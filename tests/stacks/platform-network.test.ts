import * as assert from "assert";
import * as path from "path";
import { readStackConfig } from "../../scripts/lib/stack-config";
import { platformProgram } from "../../stacks/platform/program";
import { Graph, runProgram, stackConfig } from "../helpers/graph";
import { committedStack } from "../helpers/plans";

const ROOT = path.resolve(__dirname, "../..");
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT = "aws:ec2/natGateway:NatGateway";
const ROUTE = "aws:ec2/route:Route";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

function platform(stack: "dev" | "prod", overrides: Record<string, string> = {}): Promise<Graph> {
    return runProgram(() => platformProgram(), { project: "platform", stack, config: stackConfig(ROOT, stack, overrides) });
}

function subnetsOfTier(g: Graph, tier: string) {
    return g.ofType(SUBNET).filter((s) => (s.inputs.tags as Record<string, string>).tier === tier);
}

describe("platform stack: network", () => {
    let dev: Graph;
    let prod: Graph;
    before(async () => {
        dev = await committedStack("dev", "platform");
        prod = await committedStack("prod", "platform");
    });

    it("creates one empty security group per platform:services entry in the VPC, and exports them by name", () => {
        for (const [env, g] of [["dev", dev], ["prod", prod]] as const) {
            const groups = g.outputs.serviceSecurityGroupIds as Record<string, string>;
            const listed = JSON.parse(readStackConfig(ROOT, env)["platform:services"]) as string[];
            assert.ok(listed.length > 0);
            assert.deepStrictEqual(Object.keys(groups).sort(), [...listed].sort());
            const vpc = g.one("aws:ec2/vpc:Vpc");
            for (const [svc, id] of Object.entries(groups)) {
                const sg = g.named(`${env}-svc-${svc}`);
                assert.strictEqual(sg.id, id);
                assert.strictEqual(sg.inputs.vpcId, vpc.id);
                assert.strictEqual(g.resources.filter((r) => r.type.startsWith("aws:vpc/securityGroup") && r.inputs.securityGroupId === id).length, 0, "rules come from the service stacks");
            }
        }
    });

    it("places every subnet by AZ ID, never by AZ name, in 2 AZs in dev and 3 in prod", () => {
        for (const [g, azs] of [[dev, ["use1-az1", "use1-az2"]], [prod, ["use1-az1", "use1-az2", "use1-az4"]]] as const) {
            for (const s of g.ofType(SUBNET)) {
                assert.strictEqual(s.inputs.availabilityZone, undefined, `${s.name} uses an AZ name`);
                assert.ok((azs as readonly string[]).includes(String(s.inputs.availabilityZoneId)), s.name);
            }
            for (const tier of ["private", "isolated"]) {
                assert.deepStrictEqual(subnetsOfTier(g, tier).map((s) => s.inputs.availabilityZoneId).sort(), [...azs].sort(), tier);
            }
        }
    });

    it("builds the public tier only when egress needs NAT: dev (single-nat) has it, prod (none) does not", () => {
        assert.strictEqual(subnetsOfTier(dev, "public").length, 2);
        assert.strictEqual(subnetsOfTier(prod, "public").length, 0);
        assert.strictEqual(dev.ofType("aws:ec2/internetGateway:InternetGateway").length, 1);
        assert.strictEqual(prod.ofType("aws:ec2/internetGateway:InternetGateway").length, 0);
    });

    it("creates as many NAT gateways as the egress mode asks, each in a public subnet", async () => {
        const perAz = await platform("prod", { "platform:egress": "nat-per-az" });
        for (const [g, n] of [[prod, 0], [dev, 1], [perAz, 3]] as const) {
            const nats = g.ofType(NAT);
            assert.strictEqual(nats.length, n);
            for (const nat of nats) {
                const subnet = g.referenced(nat.inputs.subnetId);
                assert.strictEqual((subnet?.inputs.tags as Record<string, string>).tier, "public");
            }
        }
        // With a NAT per AZ, each private route table uses the NAT of its own AZ.
        for (const route of perAz.ofType(ROUTE).filter((r) => r.name.includes("-private-"))) {
            const nat = perAz.referenced(route.inputs.natGatewayId)!;
            assert.ok(route.name.includes(nat.name.replace("prod-nat-", "")), `${route.name} -> ${nat.name}`);
        }
    });

    it("gives isolated subnets a route table with no route out, and keeps gateway endpoints off it", () => {
        for (const g of [dev, prod]) {
            const isolatedTable = g.named(`${g.run.stack}-rt-isolated`);
            assert.ok(!g.ofType(ROUTE).some((r) => r.inputs.routeTableId === isolatedTable.id));
            for (const gateway of g.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Gateway")) {
                assert.ok(!(gateway.inputs.routeTableIds as string[]).includes(isolatedTable.id!));
            }
            for (const s of subnetsOfTier(g, "isolated")) {
                const assoc = g.ofType("aws:ec2/routeTableAssociation:RouteTableAssociation").find((a) => a.inputs.subnetId === s.id)!;
                assert.strictEqual(assoc.inputs.routeTableId, isolatedTable.id);
            }
        }
    });

    it("has S3 and DynamoDB gateway endpoints everywhere, and prod's interface endpoints with private DNS in every private subnet", () => {
        for (const g of [dev, prod]) {
            const gateways = g.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Gateway").map((e) => e.inputs.serviceName).sort();
            assert.deepStrictEqual(gateways, ["com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"]);
        }
        const interfaces = prod.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
        const services = interfaces.map((e) => String(e.inputs.serviceName).replace("com.amazonaws.us-east-1.", "")).sort();
        assert.deepStrictEqual(services, ["ecr.api", "ecr.dkr", "kms", "logs", "monitoring", "secretsmanager", "ssm", "ssmmessages", "sts", "xray"]);
        const privateIds = subnetsOfTier(prod, "private").map((s) => s.id).sort();
        const endpointsSg = prod.named("prod-endpoints-sg");
        for (const e of interfaces) {
            assert.strictEqual(e.inputs.privateDnsEnabled, true);
            assert.deepStrictEqual([...(e.inputs.subnetIds as string[])].sort(), privateIds);
            assert.deepStrictEqual(e.inputs.securityGroupIds, [endpointsSg.id]);
        }
        assert.strictEqual(dev.ofType(ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface").length, 0);
    });

    it("encrypts flow logs of all traffic with a rotating KMS key and keeps them for the configured retention", () => {
        for (const [g, days] of [[dev, 7], [prod, 365]] as const) {
            const flowLog = g.one("aws:ec2/flowLog:FlowLog");
            assert.strictEqual(flowLog.inputs.trafficType, "ALL");
            const group = g.referenced(flowLog.inputs.logDestination)!;
            assert.strictEqual(group.type, "aws:cloudwatch/logGroup:LogGroup");
            assert.strictEqual(group.inputs.retentionInDays, days);
            const key = g.referenced(group.inputs.kmsKeyId)!;
            assert.strictEqual(key.type, "aws:kms/key:Key");
            assert.strictEqual(key.inputs.enableKeyRotation, true);
            const policy = JSON.parse(String(key.inputs.policy));
            const logs = policy.Statement.find((s: { Principal?: { Service?: string } }) => s.Principal?.Service === "logs.us-east-1.amazonaws.com");
            assert.ok(logs, "the key policy lets CloudWatch Logs use the key");
            assert.match(JSON.stringify(logs.Condition), /arn:aws:logs:us-east-1:123456789012:log-group:\*/);
        }
    });

    it("manages the default security group with no rules at all", () => {
        for (const g of [dev, prod]) {
            const sg = g.one("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            assert.strictEqual(sg.inputs.ingress, undefined);
            assert.strictEqual(sg.inputs.egress, undefined);
        }
    });

    it("chains the security-group tiers: the app tier admits only the load-balancer tier, the data tier only the app tier", () => {
        const ingress = prod.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        const sources = (tier: string) =>
            ingress.filter((r) => r.inputs.securityGroupId === prod.named(`prod-${tier}-sg`).id).map((r) => [prod.referenced(r.inputs.referencedSecurityGroupId)?.name ?? r.inputs.cidrIpv4, r.inputs.fromPort]);
        // Production's target groups are HTTPS on the app's TLS port, so the tier admits that port, not 8080.
        assert.deepStrictEqual(sources("app"), [["prod-loadBalancer-sg", 8081]]);
        const devApp = dev.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.securityGroupId === dev.named("dev-app-sg").id);
        assert.deepStrictEqual(devApp.map((r) => [dev.referenced(r.inputs.referencedSecurityGroupId)?.name, r.inputs.fromPort]), [["dev-loadBalancer-sg", 8080]]);
        assert.deepStrictEqual(sources("data"), [["prod-app-sg", 5432], ["prod-app-sg", 6379]]);
        assert.deepStrictEqual(sources("endpoints"), [["10.30.0.0/16", 443]]);
    });

    it("associates every subnet with its tier's network ACL", () => {
        for (const g of [dev, prod]) {
            const assocs = g.ofType("aws:ec2/networkAclAssociation:NetworkAclAssociation");
            assert.strictEqual(assocs.length, g.ofType(SUBNET).length);
            for (const a of assocs) {
                const subnet = g.referenced(a.inputs.subnetId)!;
                const acl = g.referenced(a.inputs.networkAclId)!;
                assert.strictEqual((acl.inputs.tags as Record<string, string>).tier, (subnet.inputs.tags as Record<string, string>).tier);
            }
        }
    });

    it("encrypts the flow logs with the environment's observability key, not a key of their own", () => {
        for (const g of [dev, prod]) {
            const group = g.one("aws:cloudwatch/logGroup:LogGroup", "-flow-logs");
            assert.strictEqual(group.inputs.kmsKeyId, g.outputs.observabilityKeyArn);
        }
    });

    it("protects the flow-log group and the key that encrypts it in prod only", () => {
        for (const [g, protect] of [[dev, false], [prod, true]] as const) {
            const group = g.one("aws:cloudwatch/logGroup:LogGroup", "-flow-logs");
            assert.strictEqual(group.protect, protect);
            assert.strictEqual(g.referenced(group.inputs.kmsKeyId)?.protect, protect);
        }
    });

    it("tags every resource through the provider's default tags", () => {
        for (const g of [dev, prod]) {
            const provider = g.one("pulumi:providers:aws");
            const tags = JSON.parse(String(provider.inputs.defaultTags)).tags;
            assert.deepStrictEqual(Object.keys(tags).sort(), ["cost-center", "environment", "managed-by", "owner", "project"]);
            assert.strictEqual(tags.environment, g.run.stack);
            for (const r of g.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
                // A provider reference is "<provider urn>::<provider id>".
                assert.ok(r.provider?.startsWith(`${provider.urn}::`), `${r.name} does not use the tagged provider`);
            }
        }
    });

    it("keeps the existing subnets' ranges and names when an AZ is added", async () => {
        const wider = await platform("dev", { "platform:azIds": '["use1-az2","use1-az6","use1-az1"]' });
        const before = new Map(dev.ofType(SUBNET).map((s) => [s.name, s.inputs.cidrBlock]));
        const after = new Map(wider.ofType(SUBNET).map((s) => [s.name, s.inputs.cidrBlock]));
        for (const [name, cidr] of before) {
            assert.strictEqual(after.get(name), cidr, `${name} would be replaced`);
        }
        assert.strictEqual(after.size, before.size + 3);
    });

    it("exports the AZ IDs with the AZ names they map to in the account, and the ids later stacks need", () => {
        assert.deepStrictEqual(prod.outputs.azIds, ["use1-az1", "use1-az2", "use1-az4"]);
        // The mocks map az1->c, az2->a, az4->b, as an account would, differently from the IDs' order.
        assert.deepStrictEqual(prod.outputs.azNames, ["us-east-1c", "us-east-1a", "us-east-1b"]);
        assert.deepStrictEqual(prod.outputs.privateSubnetIds, subnetsOfTier(prod, "private").map((s) => s.id));
        assert.deepStrictEqual(prod.outputs.publicSubnetIds, []);
        assert.strictEqual(prod.outputs.vpcId, prod.one("aws:ec2/vpc:Vpc").id);
        for (const tier of ["loadBalancer", "app", "data", "endpoints"]) {
            assert.strictEqual((prod.outputs.securityGroupIds as Record<string, string>)[tier], prod.named(`prod-${tier}-sg`).id);
        }
    });

    it("exports the ADOT sidecar's private mirror (image URI and repository) for the service stacks; protected in prod only", () => {
        for (const g of [dev, prod]) {
            const repo = g.named(`${g.run.outputs.environment}-adot-repo`);
            assert.strictEqual(repo.type, "aws:ecr/repository:Repository");
            assert.strictEqual(g.outputs.adotRepositoryArn, repo.state.arn);
            assert.strictEqual(g.outputs.adotImageUri, `${repo.state.repositoryUrl}:v0.40.0`);
            assert.strictEqual(repo.protect, g === prod);
        }
    });
});
