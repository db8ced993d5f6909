import * as assert from "assert";
import { PlannedResource } from "../../scripts/lib/mock-runtime";
import { EnvironmentPlan } from "../../scripts/lib/plan-env";
import { analyzeReachability, flowSection } from "../../scripts/analysis/reachability";
import { Flow } from "../../scripts/analysis/types";

/**
 * Small hand-built networks: one VPC, a private and an isolated subnet (two of each when asked),
 * an ALB, a service and a database, with every control given explicitly so that each test removes
 * or bends exactly one.
 */
function r(type: string, name: string, inputs: Record<string, unknown>, state: Record<string, unknown> = {}, id = `${type.split(":").pop()!.toLowerCase()}-${name}`): PlannedResource {
    return { urn: `urn:pulumi:t::p::${type}::${name}`, type, name, custom: true, id, inputs, state: { ...inputs, ...state }, protect: false, retainOnDelete: false, dependsOn: [] };
}

const T = {
    vpc: "aws:ec2/vpc:Vpc", subnet: "aws:ec2/subnet:Subnet", rt: "aws:ec2/routeTable:RouteTable", rta: "aws:ec2/routeTableAssociation:RouteTableAssociation", route: "aws:ec2/route:Route",
    acl: "aws:ec2/networkAcl:NetworkAcl", aclRule: "aws:ec2/networkAclRule:NetworkAclRule", aclAssoc: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    sg: "aws:ec2/securityGroup:SecurityGroup", ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    legacyRule: "aws:ec2/securityGroupRule:SecurityGroupRule", lb: "aws:lb/loadBalancer:LoadBalancer", listener: "aws:lb/listener:Listener", listenerRule: "aws:lb/listenerRule:ListenerRule",
    svc: "aws:ecs/service:Service", td: "aws:ecs/taskDefinition:TaskDefinition", db: "aws:rds/instance:Instance", dbSubnets: "aws:rds/subnetGroup:SubnetGroup",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint", nat: "aws:ec2/natGateway:NatGateway",
};

const rule = (acl: string, n: number, egress: boolean, action: string, protocol: string, cidr: string, ports?: [number, number]) =>
    r(T.aclRule, `${acl}-${egress ? "out" : "in"}-${n}`, { networkAclId: `acl-${acl}`, ruleNumber: n, egress, ruleAction: action, protocol, cidrBlock: cidr, ...(ports ? { fromPort: ports[0], toPort: ports[1] } : {}) });
const sgRule = (kind: "ingress" | "egress", name: string, group: string, port: number, peer: Record<string, string>) =>
    r(kind === "ingress" ? T.ingress : T.egress, name, { securityGroupId: `sg-${group}`, ipProtocol: "tcp", fromPort: port, toPort: port, ...peer });

/** A service reaching its database across a private and an isolated subnet, every control open exactly as needed. */
function network(): PlannedResource[] {
    return [
        r(T.vpc, "vpc", { cidrBlock: "10.0.0.0/16" }),
        r(T.subnet, "priv", { cidrBlock: "10.0.0.0/20", tags: { tier: "private" } }, {}, "subnet-priv"),
        r(T.subnet, "iso", { cidrBlock: "10.0.128.0/20", tags: { tier: "isolated" } }, {}, "subnet-iso"),
        r(T.rt, "priv", {}, {}, "rtb-priv"), r(T.rta, "priv", { subnetId: "subnet-priv", routeTableId: "rtb-priv" }),
        r(T.rt, "iso", {}, {}, "rtb-iso"), r(T.rta, "iso", { subnetId: "subnet-iso", routeTableId: "rtb-iso" }),
        r(T.acl, "priv", {}, {}, "acl-priv"), r(T.aclAssoc, "priv", { subnetId: "subnet-priv", networkAclId: "acl-priv" }),
        r(T.acl, "iso", {}, {}, "acl-iso"), r(T.aclAssoc, "iso", { subnetId: "subnet-iso", networkAclId: "acl-iso" }),
        rule("priv", 100, false, "allow", "-1", "10.0.0.0/16"), rule("priv", 100, true, "allow", "-1", "10.0.0.0/16"),
        rule("iso", 110, false, "allow", "6", "10.0.0.0/20", [5432, 5432]), rule("iso", 110, true, "allow", "6", "10.0.0.0/20", [1024, 65535]),
        r(T.sg, "app", {}, {}, "sg-app"), r(T.sg, "db", {}, {}, "sg-db"),
        sgRule("egress", "app-to-db", "app", 5432, { referencedSecurityGroupId: "sg-db" }),
        sgRule("ingress", "db-from-app", "db", 5432, { referencedSecurityGroupId: "sg-app" }),
        r(T.dbSubnets, "db", { subnetIds: ["subnet-iso"] }, { name: "db-subnets" }),
        r(T.db, "db", { dbSubnetGroupName: "db-subnets", vpcSecurityGroupIds: ["sg-db"], port: 5432 }, { address: "db.example.internal" }),
        r(T.td, "orders", { containerDefinitions: JSON.stringify([{ name: "app", environment: [{ name: "DB_HOST", value: "db.example.internal" }] }]) }, { arn: "arn:td/orders" }),
        r(T.svc, "orders", { name: "orders", taskDefinition: "arn:td/orders", networkConfiguration: { subnets: ["subnet-priv"], securityGroups: ["sg-app"] } }),
    ];
}

const planOf = (resources: PlannedResource[]): EnvironmentPlan => ({ env: "t", region: "us-east-1", stacks: [{ project: "orders", stack: "t", resources, outputs: {}, region: "us-east-1", kind: "service" }] });
const flows = (resources: PlannedResource[]) => analyzeReachability(planOf(resources)).flows;
const flow = (resources: PlannedResource[], from: string, to: string, port?: number): Flow => {
    const found = flows(resources).find((f) => f.from.id === from && f.to.id === to && (port === undefined || f.port === port));
    assert.ok(found, `no flow ${from} -> ${to}; flows: ${flows(resources).map((f) => `${f.from.id}->${f.to.id}:${f.port}`).join(", ")}`);
    return found;
};
/** The resources with the named one replaced by `change(resource)` (or dropped when it returns undefined). */
const edit = (resources: PlannedResource[], name: string, change: (x: PlannedResource) => PlannedResource | undefined) => {
    assert.ok(resources.some((x) => x.name === name), `no resource ${name}`);
    return resources.flatMap((x) => (x.name === name ? [change(x)].filter((y): y is PlannedResource => y !== undefined) : [x]));
};
const withInputs = (patch: Record<string, unknown>, drop: string[] = []) => (x: PlannedResource) => {
    const inputs = { ...x.inputs, ...patch };
    const state = { ...x.state, ...patch };
    drop.forEach((k) => {
        delete inputs[k];
        delete state[k];
    });
    return { ...x, inputs, state };
};

describe("reachability: hand-built networks", () => {
    it("derives service -> database from the endpoint in the task definition and allows it when every control does", () => {
        const f = flow(network(), "service:orders", "postgres:orders", 5432);
        assert.deepStrictEqual([f.required, f.allowed, f.decidedBy], [true, true, undefined]);
        assert.deepStrictEqual(flowSection(analyzeReachability(planOf(network()))).failures, []);
    });

    it("derives nothing for a database no task definition names", () => {
        const none = edit(network(), "orders", (x) => (x.type === T.td ? withInputs({ containerDefinitions: "[]" })(x) : x));
        assert.ok(!flows(none).some((f) => f.required && f.to.id === "postgres:orders"));
    });

    it("NACLs are stateless: without the reply rule out of the isolated subnet, the flow is blocked there", () => {
        const f = flow(edit(network(), "iso-out-110", () => undefined), "service:orders", "postgres:orders");
        assert.strictEqual(f.allowed, false);
        assert.match(f.decidedBy!, /iso outbound: no rule allows tcp 1024-3388,3390-65535 to 10\.0\.0\.0\/20, so the implicit deny/);
    });

    it("a TCP NACL rule without ports admits port 0 only, and the message names it", () => {
        const f = flow(edit(network(), "iso-in-110", withInputs({}, ["fromPort", "toPort"])), "service:orders", "postgres:orders");
        assert.strictEqual(f.allowed, false);
        assert.match(f.decidedBy!, /iso inbound: no rule allows tcp 5432 from 10\.0\.0\.0\/20.*iso-in-110 \(#110 allow tcp 0-0 \(no fromPort\/toPort given/);
    });

    it("rules apply in number order: a deny below the allow blocks, a deny above it does not", () => {
        const denyAt = (n: number) => [...network(), rule("iso", n, false, "deny", "6", "0.0.0.0/0", [5432, 5432])];
        const blocked = flow(denyAt(105), "service:orders", "postgres:orders");
        assert.strictEqual(blocked.allowed, false);
        assert.match(blocked.decidedBy!, /iso-in-105 \(#105 deny tcp 5432-5432 from 0\.0\.0\.0\/0\) denies/);
        assert.strictEqual(flow(denyAt(120), "service:orders", "postgres:orders").allowed, true);
    });

    it("security groups: a rule on the wrong port blocks and is named as the near miss; a CIDR rule or a legacy rule covering the client works too", () => {
        const wrong = flow(edit(network(), "db-from-app", withInputs({ fromPort: 5433, toPort: 5433 })), "service:orders", "postgres:orders");
        assert.strictEqual(wrong.allowed, false);
        assert.match(wrong.decidedBy!, /no ingress rule of db admits tcp\/5432 from orders tasks; rules for that peer are on other ports: db-from-app \(tcp 5433-5433 from sg-app\)/);
        const byCidr = edit(network(), "db-from-app", withInputs({ cidrIpv4: "10.0.0.0/20" }, ["referencedSecurityGroupId"]));
        assert.strictEqual(flow(byCidr, "service:orders", "postgres:orders").allowed, true);
        const tooNarrow = edit(network(), "db-from-app", withInputs({ cidrIpv4: "10.0.0.0/24" }, ["referencedSecurityGroupId"]));
        assert.strictEqual(flow(tooNarrow, "service:orders", "postgres:orders").allowed, false, "a CIDR covering part of the client subnet does not prove the flow");
        const legacy = [...edit(network(), "app-to-db", () => undefined), r(T.legacyRule, "legacy", { type: "egress", securityGroupId: "sg-app", protocol: "tcp", fromPort: 5432, toPort: 5432, sourceSecurityGroupId: "sg-db" })];
        assert.strictEqual(flow(legacy, "service:orders", "postgres:orders").allowed, true);
        const noEgress = flow(edit(network(), "app-to-db", () => undefined), "service:orders", "postgres:orders");
        assert.match(noEgress.decidedBy!, /no egress rule of app admits tcp\/5432 to db/);
    });

    it("traffic inside one subnet crosses no NACL", () => {
        const sameSubnet = [...edit(edit(network(), "iso-in-110", () => undefined), "db", (x) => (x.type === T.dbSubnets ? withInputs({ subnetIds: ["subnet-priv"] })(x) : x))];
        assert.strictEqual(flow(sameSubnet, "service:orders", "postgres:orders").allowed, true);
    });

    it("a required flow must pass between every pair of subnets: one AZ's missing NACL rule blocks it", () => {
        const twoAz = [...network(), r(T.subnet, "iso2", { cidrBlock: "10.0.144.0/20", tags: { tier: "isolated" } }, {}, "subnet-iso2"),
            r(T.aclAssoc, "iso2", { subnetId: "subnet-iso2", networkAclId: "acl-iso" })];
        const spread = edit(twoAz, "db", (x) => (x.type === T.dbSubnets ? withInputs({ subnetIds: ["subnet-iso", "subnet-iso2"] })(x) : x));
        const f = flow(spread, "service:orders", "postgres:orders");
        assert.strictEqual(f.allowed, true, f.decidedBy);
        const oneAz = flow(edit(spread, "iso-in-110", withInputs({ cidrBlock: "10.0.0.0/24" })), "service:orders", "postgres:orders");
        assert.strictEqual(oneAz.allowed, false);
        assert.match(oneAz.decidedBy!, /^priv -> iso:/);
    });

    it("derives the ALB -> service flow from the listener rule's target group and checks the ALB's egress", () => {
        const withAlb = [...network(),
            r(T.sg, "lb", {}, {}, "sg-lb"), r(T.lb, "alb", { loadBalancerType: "application", subnets: ["subnet-priv"], securityGroups: ["sg-lb"] }, { arn: "arn:lb/alb" }),
            r(T.listener, "http", { loadBalancerArn: "arn:lb/alb", port: 80 }, { arn: "arn:listener/http" }),
            r(T.listenerRule, "orders", { listenerArn: "arn:listener/http", actions: [{ type: "forward", forward: { targetGroups: [{ arn: "arn:tg/orders" }] } }] }),
            sgRule("ingress", "app-from-lb", "app", 8080, { referencedSecurityGroupId: "sg-lb" })];
        const svcWithTg = edit(withAlb, "orders", (x) => (x.type === T.svc ? withInputs({ loadBalancers: [{ targetGroupArn: "arn:tg/orders", containerPort: 8080 }] })(x) : x));
        const f = flow(svcWithTg, "alb", "service:orders", 8080);
        assert.strictEqual(f.allowed, false);
        assert.match(f.decidedBy!, /no egress rule of lb admits tcp\/8080 to orders tasks/);
        assert.strictEqual(flow([...svcWithTg, sgRule("egress", "lb-to-app", "lb", 8080, { referencedSecurityGroupId: "sg-app" })], "alb", "service:orders", 8080).allowed, true);
    });

    it("gateway endpoints: the prefix list needs the SG rule, the route table association and the NACL's 0.0.0.0/0 both ways", () => {
        const base = [...network(),
            r(T.endpoint, "s3", { vpcEndpointType: "Gateway", serviceName: "com.amazonaws.us-east-1.s3", routeTableIds: ["rtb-priv"] }, { prefixListId: "pl-s3" }, "vpce-s3"),
            sgRule("egress", "app-to-s3", "app", 443, { prefixListId: "pl-s3" }),
            rule("priv", 200, true, "allow", "6", "0.0.0.0/0", [443, 443]), rule("priv", 200, false, "allow", "6", "0.0.0.0/0", [1024, 65535])];
        assert.strictEqual(flow(base, "service:orders", "gateway:s3").allowed, true);
        const unrouted = flow(edit(base, "s3", withInputs({ routeTableIds: [] })), "service:orders", "gateway:s3");
        assert.match(unrouted.decidedBy!, /route table priv has no route to pl-s3/);
        const noReply = flow(edit(base, "priv-in-200", () => undefined), "service:orders", "gateway:s3");
        assert.match(noReply.decidedBy!, /priv inbound: no rule allows tcp 1024-3388,3390-65535 from pl-s3/);
    });

    it("NAT egress goes through the NAT's subnet and its route to the internet gateway", () => {
        const withNat = [...network(),
            r(T.subnet, "pub", { cidrBlock: "10.0.64.0/20", tags: { tier: "public" } }, {}, "subnet-pub"),
            r(T.rt, "pub", {}, {}, "rtb-pub"), r(T.rta, "pub", { subnetId: "subnet-pub", routeTableId: "rtb-pub" }),
            r(T.route, "pub-default", { routeTableId: "rtb-pub", destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }),
            r(T.nat, "nat", { subnetId: "subnet-pub" }, {}, "nat-1"),
            r(T.route, "priv-default", { routeTableId: "rtb-priv", destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }),
            sgRule("egress", "app-to-https", "app", 443, { cidrIpv4: "0.0.0.0/0" }),
            rule("priv", 200, true, "allow", "6", "0.0.0.0/0", [443, 443]), rule("priv", 200, false, "allow", "6", "0.0.0.0/0", [1024, 65535])];
        // No NACL on the public subnet: the VPC's default one, which allows everything.
        assert.strictEqual(flow(withNat, "service:orders", "internet", 443).allowed, true);
        const noIgw = flow(edit(withNat, "pub-default", () => undefined), "service:orders", "internet", 443);
        assert.match(noIgw.decidedBy!, /NAT gateway's subnet pub has no default route to an internet gateway/);
    });

    it("probes data ports from non-clients and administration ports from the internet, reporting what opens them", () => {
        const clean = flows(network()).filter((f) => !f.required);
        assert.ok(clean.length > 0 && clean.every((f) => !f.allowed), JSON.stringify(clean.filter((f) => f.allowed)));
        const rdp = flows(edit(network(), "iso-in-110", withInputs({ cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 })))
            .find((f) => f.from.id === "internet" && f.to.id === "tier:isolated" && f.port === 3389)!;
        assert.strictEqual(rdp.allowed, true);
        assert.match(rdp.decidedBy!, /iso-in-110 \(#110 allow tcp 1024-65535 from 0\.0\.0\.0\/0\)/);
        const section = flowSection(analyzeReachability(planOf(edit(network(), "iso-in-110", withInputs({ cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 })))));
        assert.ok(section.failures.some((m) => /^unintended flow internet -> tier:isolated tcp\/3389 is open/.test(m)), section.failures.join("\n"));
        const open = flows([...network(), sgRule("ingress", "db-from-vpc", "db", 5432, { cidrIpv4: "10.0.0.0/16" })]).find((f) => f.from.id === "vpc-host" && f.to.id === "postgres:orders" && f.port === 5432)!;
        assert.strictEqual(open.allowed, true);
        assert.match(open.decidedBy!, /db-from-vpc/);
    });

    it("prints the counts, a line per blocked flow and stores the report per stack", () => {
        const section = flowSection(analyzeReachability(planOf(edit(network(), "iso-out-110", () => undefined))));
        assert.match(section.lines[0], /^flows: 1 required, 0 allowed; 0 unintended \(\d+ checked\)$/);
        assert.ok(section.lines.some((l) => l.startsWith("  BLOCKED service:orders -> postgres:orders tcp/5432")));
        assert.deepStrictEqual(section.failures.length, 1);
        assert.ok((section.perStack?.orders as { flows: Flow[] }).flows.length > 0);
    });
});
