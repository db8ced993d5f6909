import * as assert from "assert";
import { ACCOUNT, cfnOf, planned, REGION, stackOf, translate, translated } from "./fixtures";
import { translateStack } from "../../scripts/validate/translate";

const VPC_ID = "vpc-0123456789abcdef0";
const vpc = planned("aws:ec2/vpc:Vpc", "dev-vpc", { cidrBlock: "10.0.0.0/16" }, { id: VPC_ID });
const logGroupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/vpc/flow-logs`;
const logGroup = planned("aws:cloudwatch/logGroup:LogGroup", "dev-flow-logs", { name: "/vpc/flow-logs" }, { id: "/vpc/flow-logs", state: { arn: logGroupArn } });
const role = planned("aws:iam/role:Role", "dev-role", { assumeRolePolicy: "{}" }, { id: "dev-role-1234567", state: { arn: `arn:aws:iam::${ACCOUNT}:role/dev-role-1234567` } });

function subnetOf(vpcId: unknown, dependsOn: string[]) {
    return planned("aws:ec2/subnet:Subnet", "dev-private-use1-az1", { vpcId, cidrBlock: "10.0.0.0/24", availabilityZoneId: "use1-az1" }, { dependsOn });
}

describe("translation of a planned stack", () => {
    describe("references", () => {
        it("turns an input equal to a dependency's id into a Ref, and one equal to its ARN into a Fn::GetAtt", () => {
            assert.deepStrictEqual(translated(subnetOf(VPC_ID, [vpc.urn]), vpc).Properties.VpcId, { Ref: "DevVpc" });
            const flowLog = planned("aws:ec2/flowLog:FlowLog", "dev-flow-log", { vpcId: VPC_ID, logDestination: logGroupArn }, { dependsOn: [vpc.urn, logGroup.urn] });
            assert.deepStrictEqual(translated(flowLog, vpc, logGroup).Properties.LogDestination, { "Fn::GetAtt": ["DevFlowLogs", "Arn"] });
        });

        it("writes a dependency's ARN inside a longer string as a Fn::Sub on its attribute", () => {
            const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: `${logGroupArn}:*` }] });
            const rolePolicy = planned("aws:iam/rolePolicy:RolePolicy", "dev-role-logs", { role: role.id, policy }, { dependsOn: [role.urn, logGroup.urn] });
            const document = translated(rolePolicy, role, logGroup).Properties.PolicyDocument as { Statement: { Resource: unknown }[] };
            assert.deepStrictEqual(document.Statement[0].Resource, { "Fn::Sub": "${DevFlowLogs.Arn}:*" });
        });

        it("leaves a value literal when the plan records no dependency on the resource it equals (no invented wiring or cycles)", () => {
            assert.strictEqual(translated(subnetOf(VPC_ID, []), vpc).Properties.VpcId, VPC_ID);
        });

        it("writes partition, region and account inside ARNs, and a bare account id, as pseudo-parameters", () => {
            const assume = JSON.stringify({
                Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } } }],
            });
            const document = translated(planned("aws:iam/role:Role", "r", { assumeRolePolicy: assume })).Properties.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] };
            assert.deepStrictEqual(document.Statement[0].Principal, { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" } });
            assert.deepStrictEqual(document.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } });
        });

        it("never reads tags as references", () => {
            const tagged = planned("aws:ec2/subnet:Subnet", "s", { vpcId: VPC_ID, cidrBlock: "10.0.1.0/24", tags: { vpc: VPC_ID } }, { dependsOn: [vpc.urn] });
            assert.deepStrictEqual(translated(tagged, vpc).Properties.Tags, [{ Key: "vpc", Value: VPC_ID }]);
        });
    });

    describe("coverage", () => {
        it("accounts for every AWS resource as translated or untranslated with a reason, and counts neither components nor providers", () => {
            const plan = stackOf(
                planned("pulumi:pulumi:Stack", "platform-test", {}, { custom: false }),
                planned("platform:network:Network", "dev", {}, { custom: false }),
                planned("pulumi:providers:aws", "dev-aws", { region: REGION }),
                vpc,
                planned("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "dev-default-sg", { vpcId: VPC_ID }),
                planned("aws:example/unmapped:Thing", "dev-thing"),
            );
            const t = translateStack(plan);
            assert.strictEqual(t.awsResources, 3);
            assert.strictEqual(t.translated, 1);
            assert.deepStrictEqual(t.untranslated.map((u) => u.type), ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:example/unmapped:Thing"]);
            assert.match(t.untranslated[0].reason, /default security group/);
            assert.match(t.untranslated[1].reason, /not mapped yet/);
        });

        it("reports an input that the mapping neither carries over nor declares as having no equivalent", () => {
            const t = translate(planned("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.0.0.0/16", enableNetworkAddressUsageMetrics: true, someFutureInput: 1 }));
            assert.deepStrictEqual(t.droppedInputs, [{ type: "aws:ec2/vpc:Vpc", name: "v", inputs: ["someFutureInput"] }]);
        });

        it("fills a required input the plan left unknown with a placeholder of the right format, and reports it", () => {
            const t = translate(planned("aws:ec2/route:Route", "r", { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }));
            assert.match(String(cfnOf(t, "r")[0][1].Properties.RouteTableId), /^rtb-[0-9a-f]{17}$/);
            assert.deepStrictEqual(t.placeholders, [{ type: "aws:ec2/route:Route", name: "r", inputs: ["routeTableId"] }]);
        });
    });

    describe("folds", () => {
        const attachment = (dependsOn: string[]) => planned("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "dev-role-ssm", {
            role: role.id,
            policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        }, { dependsOn });

        it("writes a Pulumi resource that CloudFormation keeps on another resource onto that resource", () => {
            const t = translate(role, attachment([role.urn]));
            assert.deepStrictEqual(cfnOf(t, "dev-role")[0][1].Properties.ManagedPolicyArns, [{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore" }]);
            assert.strictEqual(t.translated, 2);
        });

        it("lists a fold whose target is not in the stack as untranslated", () => {
            const t = translate(attachment([]));
            assert.strictEqual(t.translated, 0);
            assert.match(t.untranslated[0].reason, /not a resource of this stack/);
        });
    });

    describe("resource options", () => {
        it("writes DependsOn only for dependencies that no reference already expresses", () => {
            const igw = planned("aws:ec2/internetGateway:InternetGateway", "dev-igw", { vpcId: VPC_ID }, { id: "igw-0123456789abcdef0", dependsOn: [vpc.urn] });
            const eip = planned("aws:ec2/eip:Eip", "dev-nat", { domain: "vpc" }, { id: "eipalloc-0123456789abcdef0" });
            const nat = planned("aws:ec2/natGateway:NatGateway", "dev-nat-gw", { allocationId: eip.id }, { dependsOn: [eip.urn, igw.urn] });
            const t = translate(vpc, igw, eip, nat);
            assert.deepStrictEqual(cfnOf(t, "dev-nat-gw")[0][1].DependsOn, ["DevIgw"]);
            assert.strictEqual(cfnOf(t, "dev-igw")[0][1].DependsOn, undefined, "the VPC is referenced by the gateway's attachment");
        });

        it("keeps protected and retained resources with DeletionPolicy and UpdateReplacePolicy Retain", () => {
            const key = planned("aws:kms/key:Key", "k", { description: "x" }, { protect: true });
            assert.deepStrictEqual([translated(key).DeletionPolicy, translated(key).UpdateReplacePolicy], ["Retain", "Retain"]);
            assert.strictEqual(translated(planned("aws:kms/key:Key", "k")).DeletionPolicy, undefined);
        });

        it("tags a resource with its provider's default tags under its own", () => {
            const provider = planned("pulumi:providers:aws", "dev-aws", { region: REGION, defaultTags: JSON.stringify({ tags: { environment: "dev", owner: "team" } }) }, { id: "p1" });
            const tagged = planned("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.0.0.0/16", tags: { owner: "network" } }, { provider: `${provider.urn}::p1` });
            assert.deepStrictEqual(translated(tagged, provider).Properties.Tags, [{ Key: "environment", Value: "dev" }, { Key: "owner", Value: "network" }]);
        });

        it("gives resources that share a Pulumi name distinct alphanumeric logical ids", () => {
            const t = translate(planned("aws:iam/role:Role", "dev-app", { assumeRolePolicy: "{}" }), planned("aws:ec2/securityGroup:SecurityGroup", "dev-app", { vpcId: VPC_ID }));
            assert.deepStrictEqual(Object.keys(t.origins), ["DevApp", "DevAppSecurityGroup"]);
        });

        it("puts a resource pinned to another region into that region's template, where references to it cannot reach", () => {
            const waf = planned("aws:ec2/vpc:Vpc", "edge", { cidrBlock: "10.9.0.0/16", region: "eu-west-1" }, { id: "vpc-0fedcba9876543210" });
            const subnet = planned("aws:ec2/subnet:Subnet", "s", { vpcId: waf.id, cidrBlock: "10.9.0.0/24" }, { dependsOn: [waf.urn] });
            const t = translate(waf, subnet);
            assert.deepStrictEqual(t.templates.map((x) => [x.region, Object.keys(x.template.Resources)]), [["eu-west-1", ["Edge"]], [REGION, ["S"]]]);
            assert.strictEqual(cfnOf(t, "s")[0][1].Properties.VpcId, waf.id);
        });
    });
});
