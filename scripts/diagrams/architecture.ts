import { EnvironmentPlan } from "../lib/plan-env";
import { CLASS_DEFS, Flowchart, FlowGroup, mermaidId, NodeShape } from "./mermaid";
import { input, PlanIndex, shortName, StackResource } from "../analysis/plan-index";

/** Store types a service stack may own, with how they are drawn. */
const STORES: readonly { readonly type: string; readonly kind: string; readonly label: (r: StackResource) => string }[] = [
    { type: "aws:dynamodb/table:Table", kind: "DynamoDB table", label: (r) => `${tableName(r)}` },
    { type: "aws:rds/instance:Instance", kind: "RDS", label: (r) => `${input(r, "engine") ?? "database"} ${input(r, "engineVersion") ?? ""}`.trim() + `, ${input(r, "multiAz") ? "Multi-AZ" : "single-AZ"}` },
    { type: "aws:elasticache/replicationGroup:ReplicationGroup", kind: "ElastiCache", label: (r) => `${input(r, "engine") ?? "cache"} ${input(r, "engineVersion") ?? ""}`.trim() + `, ${input(r, "numCacheClusters") ?? 1} node(s)` },
];

/** The buckets a distribution serves from (its origins), as against the one it logs to. */
function originBuckets(ix: PlanIndex, distribution: StackResource): StackResource[] {
    return ix.pointedAt(input(distribution, "origins")).filter((r) => r.type === "aws:s3/bucket:Bucket");
}

function tableName(r: StackResource): string {
    const name = input<string>(r, "name");
    return name ?? r.name;
}

function protectedClass(rs: readonly StackResource[]): string[] {
    return rs.some((r) => r.protect) ? ["protected"] : [];
}

function labelWithProtection(label: string, rs: readonly StackResource[]): string {
    return rs.some((r) => r.protect) ? `${label} (protected)` : label;
}

/**
 * The environment as one flowchart: each stack a group (the platform with its tiers and AZs, the
 * edge, each service with its stores), the edge chain from viewers to the services, the service
 * calls, and the observability pieces the alarms report to. Every box is drawn from planned
 * resources and names them in a `%% node` comment; every arrow is a reference between planned
 * resources (or a `calls` output of a service stack).
 */
export function architectureDiagram(plan: EnvironmentPlan): string {
    const ix = new PlanIndex(plan);
    const env = plan.env;
    const chart = new Flowchart("LR", CLASS_DEFS);
    const node = (rs: readonly StackResource[], label: string, group: FlowGroup | undefined, shape: NodeShape = "box", classes: string[] = []) =>
        chart.node({
            id: mermaidId(rs[0].stack, shortName(rs[0], env)),
            label: labelWithProtection(label, rs),
            shape,
            classes: [...classes, ...protectedClass(rs)],
            sources: rs.map((r) => r.urn),
        }, group);
    const stackGroup = (project: string, kind: string) => chart.group(mermaidId("stack", project), project === kind ? `${kind} stack` : `${kind} stack ${project}`);
    const idOf = (r: StackResource) => mermaidId(r.stack, shortName(r, env));

    const viewers = chart.node({ id: "viewers", label: "Viewers (internet)", shape: "stadium", sources: ["outside:internet"] });

    // Platform: network tiers per AZ, mesh, observability.
    const platformStack = plan.stacks.find((s) => s.kind === "platform");
    if (platformStack !== undefined) {
        const g = stackGroup(platformStack.project, "platform");
        for (const vpc of ix.ofType("aws:ec2/vpc:Vpc", platformStack.project)) {
            const vg = chart.group(mermaidId(platformStack.project, "vpc"), `VPC ${input(vpc, "cidrBlock")}`, g);
            const subnets = ix.ofType("aws:ec2/subnet:Subnet", platformStack.project);
            const tiers = [...new Set(subnets.map((s) => input<Record<string, string>>(s, "tags")?.tier ?? "untiered"))];
            // One box per tier listing its subnets by AZ ID: a box per subnet would dwarf the rest.
            for (const tier of tiers) {
                const inTier = subnets.filter((x) => (input<Record<string, string>>(x, "tags")?.tier ?? "untiered") === tier);
                const nats = tier === "public" ? ix.ofType("aws:ec2/natGateway:NatGateway", platformStack.project) : [];
                const lines = inTier.map((s) => `${input(s, "availabilityZoneId")}: ${input(s, "cidrBlock")}`);
                node(inTier, [`${tier} subnets`, ...lines].join("\n"), vg);
                nats.forEach((nat) => chart.node({ id: mermaidId(platformStack.project, shortName(nat, env)), label: "NAT gateway", shape: "hex", sources: [nat.urn] }, vg));
            }
            const interfaces = ix.ofType("aws:ec2/vpcEndpoint:VpcEndpoint", platformStack.project).filter((e) => input(e, "vpcEndpointType") === "Interface");
            const gateways = ix.ofType("aws:ec2/vpcEndpoint:VpcEndpoint", platformStack.project).filter((e) => input(e, "vpcEndpointType") === "Gateway");
            const service = (e: StackResource) => String(input(e, "serviceName")).split(".").slice(3).join(".");
            if (interfaces.length > 0) {
                node(interfaces, `${interfaces.length} interface endpoints: ${interfaces.map(service).join(", ")}`, vg, "hex");
            }
            if (gateways.length > 0) {
                node(gateways, `gateway endpoints: ${gateways.map(service).join(", ")}`, vg, "hex");
            }
            for (const alb of ix.ofType("aws:lb/loadBalancer:LoadBalancer", platformStack.project)) {
                const listeners = ix.referrers(alb, "aws:lb/listener:Listener");
                node([alb], `${input(alb, "internal") ? "internal" : "internet-facing"} ${input(alb, "loadBalancerType") === "network" ? "NLB" : "ALB"}; listeners ${listeners.map((l) => `${input(l, "protocol")}:${input(l, "port")}`).join(", ")}`, vg);
            }
        }
        const mesh = chart.group(mermaidId(platformStack.project, "mesh"), "mesh (ECS Service Connect)", g);
        for (const c of ix.ofType("aws:ecs/cluster:Cluster", platformStack.project)) {
            node([c], "ECS cluster (Fargate)", mesh);
        }
        for (const ns of ix.ofType("aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace", platformStack.project)) {
            node([ns], `Cloud Map namespace ${input(ns, "name")}`, mesh);
        }
        for (const ca of ix.ofType("aws:acmpca/certificateAuthority:CertificateAuthority", platformStack.project)) {
            node([ca], `Private CA (${input(ca, "usageMode") === "SHORT_LIVED_CERTIFICATE" ? "short-lived" : "general"}) for mesh TLS`, mesh);
        }
        const obs = chart.group(mermaidId(platformStack.project, "observability"), "observability", g);
        for (const t of ix.ofType("aws:sns/topic:Topic", platformStack.project)) {
            node([t], `SNS topic ${input(t, "name") ?? shortName(t, env)}`, obs, "stadium");
        }
        for (const k of ix.ofType("aws:kms/key:Key", platformStack.project)) {
            node([k], `KMS key ${shortName(k, env)}`, obs);
        }
        for (const t of ix.ofType("aws:cloudtrail/trail:Trail", platformStack.project)) {
            node([t], "CloudTrail (multi-region)", obs);
        }
        for (const x of ix.ofType("aws:xray/group:Group", platformStack.project)) {
            node([x], `X-Ray group ${input(x, "groupName")}`, obs);
        }
    }

    // Edge: CloudFront, WAF, REST API, authorizer, VPC link.
    for (const stack of plan.stacks.filter((s) => s.kind === "edge")) {
        const g = stackGroup(stack.project, "edge");
        const at = (suffix: string) => ix.ofType(suffix, stack.project);
        at("aws:cloudfront/distribution:Distribution").forEach((d) => node([d], "CloudFront distribution", g, "box", ["edge"]));
        at("aws:wafv2/webAcl:WebAcl").forEach((w) => node([w], `WAF web ACL (${input(w, "scope")})`, g, "hex", ["edge"]));
        at("aws:s3/bucket:Bucket").filter((b) => at("aws:cloudfront/distribution:Distribution").some((d) => originBuckets(ix, d).includes(b)))
            .forEach((b) => node([b], `S3 bucket ${shortName(b, env)}`, g, "db", ["store"]));
        for (const api of at("aws:apigateway/restApi:RestApi")) {
            const stages = ix.referrers(api, "aws:apigateway/stage:Stage");
            node([api, ...stages], `API Gateway REST ${input(api, "name")}, stage ${stages.map((s) => input(s, "stageName")).join(", ")}`, g, "box", ["edge"]);
        }
        for (const a of at("aws:apigateway/authorizer:Authorizer")) {
            const fn = at("aws:lambda/function:Function").filter((f) => String(input(a, "authorizerUri") ?? "").includes(String(f.state.arn)));
            node([a, ...fn], `${input(a, "type")} authorizer${fn.length ? ` (Lambda ${input(fn[0], "runtime")})` : ""}`, g);
        }
        at("aws:cognito/userPool:UserPool").forEach((u) => node([u], "Cognito user pool", g, "db", ["store"]));
        at("aws:apigatewayv2/vpcLink:VpcLink").forEach((l) => node([l], "VPC link V2", g, "hex"));
        at("aws:apigateway/vpcLink:VpcLink").forEach((l) => node([l], "VPC link V1", g, "hex"));
        at("aws:lb/loadBalancer:LoadBalancer").forEach((l) => node([l], "internal NLB", g));
    }

    // Services: the ECS service and its stores.
    const services = plan.stacks.filter((s) => s.kind === "service");
    for (const stack of services) {
        const g = stackGroup(stack.project, "service");
        for (const svc of ix.ofType("aws:ecs/service:Service", stack.project)) {
            const td = ix.ofType("aws:ecs/taskDefinition:TaskDefinition", stack.project)[0];
            const size = td ? `, ${Number(input(td, "cpu")) / 1024} vCPU / ${input(td, "memory")} MiB` : "";
            node([svc], `ECS service ${stack.project}${size}, ${input<{ strategy?: string }>(svc, "deploymentConfiguration")?.strategy ?? "ROLLING"} deploys`, g);
        }
        for (const store of STORES) {
            ix.ofType(store.type, stack.project).forEach((r) => node([r], `${store.kind} ${store.label(r)}`, g, "db", ["store"]));
        }
    }

    // Arrows: the edge chain.
    for (const d of ix.ofType("aws:cloudfront/distribution:Distribution")) {
        chart.edge({ from: viewers, to: idOf(d), label: "HTTPS" });
        for (const ref of ix.referencedBy(d)) {
            if (ref.type === "aws:wafv2/webAcl:WebAcl") {
                chart.edge({ from: idOf(ref), to: idOf(d), label: "filters", style: "dotted" });
            } else if (originBuckets(ix, d).includes(ref)) {
                chart.edge({ from: idOf(d), to: idOf(ref), label: "static files (OAC)" });
            } else if (ref.type === "aws:apigateway/restApi:RestApi") {
                chart.edge({ from: idOf(d), to: idOf(ref), label: "API paths + origin secret" });
            }
        }
    }
    for (const assoc of ix.ofType("aws:wafv2/webAclAssociation:WebAclAssociation")) {
        const refs = ix.referencedBy(assoc);
        const acl = refs.find((r) => r.type === "aws:wafv2/webAcl:WebAcl");
        const stage = refs.find((r) => r.type === "aws:apigateway/stage:Stage");
        const api = stage && ix.referencedBy(stage).find((r) => r.type === "aws:apigateway/restApi:RestApi");
        if (acl && api) {
            chart.edge({ from: idOf(acl), to: idOf(api), label: "filters", style: "dotted" });
        }
    }
    for (const a of ix.ofType("aws:apigateway/authorizer:Authorizer")) {
        const api = ix.referencedBy(a).find((r) => r.type === "aws:apigateway/restApi:RestApi");
        if (api) {
            chart.edge({ from: idOf(api), to: idOf(a), label: "Authorization header", style: "dotted" });
        }
        for (const pool of ix.ofType("aws:cognito/userPool:UserPool")) {
            const fn = ix.ofType("aws:lambda/function:Function").filter((f) => String(input(a, "authorizerUri") ?? "").includes(String(f.state.arn)));
            if (fn.some((f) => ix.refers(f, pool))) {
                chart.edge({ from: idOf(a), to: idOf(pool), label: "verifies JWTs of", style: "dotted" });
            }
        }
    }
    const listenerOf = (alb: StackResource) => ix.referrers(alb, "aws:lb/listener:Listener");
    for (const integ of ix.ofType("aws:apigateway/integration:Integration")) {
        const refs = ix.referencedBy(integ);
        const api = refs.find((r) => r.type === "aws:apigateway/restApi:RestApi");
        const link = refs.find((r) => r.type.endsWith("/vpcLink:VpcLink"));
        if (!api || !link) {
            continue;
        }
        chart.edge({ from: idOf(api), to: idOf(link), label: "private integration" });
        const target = refs.find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer")
            ?? ix.referencedBy(link).find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
        if (target) {
            chart.edge({ from: idOf(link), to: idOf(target), label: listenerOf(target).map((l) => `${input(l, "protocol")}:${input(l, "port")}`).join(", ") });
        }
    }
    // An NLB in front of the ALB forwards to an ALB-type target group attached to the ALB.
    for (const att of ix.ofType("aws:lb/targetGroupAttachment:TargetGroupAttachment")) {
        const alb = ix.referencedBy(att).find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
        const tg = ix.referencedBy(att).find((r) => r.type === "aws:lb/targetGroup:TargetGroup");
        const nlbListener = tg && ix.referrers(tg, "aws:lb/listener:Listener")[0];
        const nlb = nlbListener && ix.referencedBy(nlbListener).find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
        if (alb && nlb) {
            chart.edge({ from: idOf(nlb), to: idOf(alb), label: `TCP:${input(nlbListener!, "port")}` });
        }
    }
    // ALB listener rules forward paths to the services' target groups.
    for (const rule of ix.ofType("aws:lb/listenerRule:ListenerRule")) {
        const listener = ix.referencedBy(rule).find((r) => r.type === "aws:lb/listener:Listener");
        const alb = listener && ix.referencedBy(listener).find((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
        const groups = ix.referencedBy(rule).filter((r) => r.type === "aws:lb/targetGroup:TargetGroup");
        const svc = ix.ofType("aws:ecs/service:Service").find((s) => groups.some((tg) => ix.refers(s, tg)));
        if (alb && svc) {
            const paths = (input<{ pathPattern?: { values?: string[] } }[]>(rule, "conditions") ?? []).flatMap((c) => c.pathPattern?.values ?? []);
            chart.edge({ from: idOf(alb), to: idOf(svc), label: `priority ${input(rule, "priority")}: ${paths.join(" ")}` });
        }
    }
    // Service calls through the mesh, and each service's stores.
    const serviceNode = (project: string) => ix.ofType("aws:ecs/service:Service", project)[0];
    for (const stack of services) {
        const svc = serviceNode(stack.project);
        if (svc === undefined) {
            continue;
        }
        for (const callee of (stack.outputs.calls as string[] | undefined) ?? []) {
            const target = serviceNode(callee);
            const out = plan.stacks.find((s) => s.project === callee)?.outputs;
            if (target) {
                chart.edge({ from: idOf(svc), to: idOf(target), label: `mesh :${out?.meshIngressPort ?? "?"}${out?.meshTls ? " TLS" : ""}`, style: "thick" });
            }
        }
        for (const store of STORES) {
            for (const r of ix.ofType(store.type, stack.project)) {
                const port = input<number>(r, "port");
                chart.edge({ from: idOf(svc), to: idOf(r), label: port ? `:${port}` : "HTTPS (gateway endpoint)" });
            }
        }
    }
    // Alarms: which topic each stack's alarms notify.
    for (const stack of plan.stacks) {
        const alarms = [...ix.ofType("aws:cloudwatch/metricAlarm:MetricAlarm", stack.project), ...ix.ofType("aws:cloudwatch/compositeAlarm:CompositeAlarm", stack.project)];
        for (const topic of ix.ofType("aws:sns/topic:Topic")) {
            const n = alarms.filter((a) => ix.refers(a, topic)).length;
            if (n === 0 || !chart.has(idOf(topic))) {
                continue;
            }
            const from = stack.kind === "service" && serviceNode(stack.project) ? idOf(serviceNode(stack.project)) : mermaidId("stack", stack.project);
            chart.edge({ from, to: idOf(topic), label: `${n} alarm(s)`, style: "dotted" });
        }
    }
    return chart.render();
}
