import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { committedPlan } from "../helpers/plans";
import { budget } from "../helpers/budget";
import { architectureDiagram } from "../../scripts/diagrams/architecture";
import { flowDiagram } from "../../scripts/diagrams/flows";
import { routeSequence } from "../../scripts/diagrams/routes";
import { DOCS_ENV, docsDiagrams, readDocsPage, withGenerated } from "../../scripts/diagrams/docs";
import { Flow, FlowEndpoint, RouteTrace } from "../../scripts/analysis/types";
import { analyzeReachability } from "../../scripts/analysis/reachability";
import { runPlanSections } from "../../scripts/lib/plan-sections";
import { PLAN_SECTIONS } from "../../scripts/analysis";
import { diagramsMarkdown, earlierReports } from "../../scripts/diagrams";
import { mermaidId } from "../../scripts/diagrams/mermaid";
import { diffDiagram } from "../../scripts/diagrams/diff";
import { EnvironmentDiff, ResourceChange } from "../../scripts/diff/types";

const ROOT = path.resolve(__dirname, "../..");

/** What a flowchart declares: node ids with the sources they name, classes, and edges. */
function readFlowchart(text: string) {
    const sources = new Map<string, string[]>();
    for (const m of text.matchAll(/^\s*%% node (\S+) = (.+)$/gm)) {
        sources.set(m[1], [...(sources.get(m[1]) ?? []), m[2]]);
    }
    const nodes = [...text.matchAll(/^\s*([A-Za-z0-9_]+)(?:\[\(|\(\[|\{\{|\[|\()"([^"]*)"/gm)].map((m) => ({ id: m[1], label: m[2] }));
    const groups = [...text.matchAll(/^\s*subgraph (\S+)\["([^"]*)"\]/gm)].map((m) => ({ id: m[1], label: m[2] }));
    const classes = [...text.matchAll(/^\s*class (\S+) (\S+)$/gm)].map((m) => ({ id: m[1], cls: m[2] }));
    const edges = [...text.matchAll(/^\s*(\S+) (-->|-\.->|==>)(?:\|"([^"]*)"\|)? (\S+)$/gm)].map((m, index) => ({ from: m[1], arrow: m[2], label: m[3] ?? "", to: m[4], index }));
    const linkStyles = [...text.matchAll(/^\s*linkStyle (\d+) (.+)$/gm)].map((m) => ({ index: Number(m[1]), style: m[2] }));
    return { sources, nodes, groups, classes, edges, linkStyles };
}

const endpoint = (id: string, tier: string): FlowEndpoint => ({ id, label: id, tier });

describe("diagrams drawn from the plan", function () {
    this.timeout(budget(5000)); // the Mermaid parser loads in a few seconds idle

    for (const env of ["dev", "prod"]) {
        describe(`architecture of ${env}`, () => {
            it("draws every stack, ECS service and store of the plan, and nothing that is not in it", async () => {
                const plan = await committedPlan(env);
                const chart = readFlowchart(architectureDiagram(plan));
                const urns = new Set(plan.stacks.flatMap((s) => s.resources.map((r) => r.urn)));
                for (const stack of plan.stacks) {
                    assert.ok(chart.groups.some((g) => g.id === `stack_${stack.project}`), `no group for stack ${stack.project}`);
                }
                const mustDraw = plan.stacks.flatMap((s) => s.resources).filter((r) => ["aws:ecs/service:Service", "aws:dynamodb/table:Table", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:ec2/subnet:Subnet", "aws:cloudfront/distribution:Distribution", "aws:apigateway/restApi:RestApi", "aws:wafv2/webAcl:WebAcl", "aws:lb/loadBalancer:LoadBalancer"].includes(r.type));
                const drawn = new Set([...chart.sources.values()].flat());
                for (const r of mustDraw) {
                    assert.ok(drawn.has(r.urn), `${r.type} ${r.name} is not drawn`);
                }
                for (const [id, srcs] of chart.sources) {
                    for (const s of srcs.filter((x) => x.startsWith("urn:"))) {
                        assert.ok(urns.has(s), `node ${id} names ${s}, which is not in the plan`);
                    }
                }
                for (const n of chart.nodes) {
                    assert.ok(chart.sources.has(n.id), `node ${n.id} ("${n.label}") names no source`);
                }
                const declared = new Set([...chart.nodes.map((n) => n.id), ...chart.groups.map((g) => g.id)]);
                for (const e of chart.edges) {
                    assert.ok(declared.has(e.from) && declared.has(e.to), `edge ${e.from} -> ${e.to} has an undeclared end`);
                }
            });

            it("marks exactly the nodes that stand for protected resources", async () => {
                const plan = await committedPlan(env);
                const chart = readFlowchart(architectureDiagram(plan));
                const protectedUrns = new Set(plan.stacks.flatMap((s) => s.resources).filter((r) => r.protect).map((r) => r.urn));
                for (const n of chart.nodes) {
                    const isProtected = (chart.sources.get(n.id) ?? []).some((s) => protectedUrns.has(s));
                    assert.equal(chart.classes.some((c) => c.id === n.id && c.cls === "protected"), isProtected, `node ${n.id} protection class`);
                    assert.equal(n.label.includes("(protected)"), isProtected, `node ${n.id} protection label`);
                }
            });

            it("draws the edge chain to the ALB, a path rule to each service, each call and each store", async () => {
                const plan = await committedPlan(env);
                const chart = readFlowchart(architectureDiagram(plan));
                const idOf = (type: string, stack?: string) => {
                    const r = plan.stacks.filter((s) => stack === undefined || s.project === stack).flatMap((s) => s.resources).find((x) => x.type === type);
                    assert.ok(r, `no ${type} in ${stack ?? "the plan"}`);
                    return [...chart.sources].find(([, srcs]) => srcs.includes(r.urn))![0];
                };
                const edge = (from: string, to: string) => chart.edges.find((e) => e.from === from && e.to === to);
                const alb = idOf("aws:lb/loadBalancer:LoadBalancer", "platform");
                const api = idOf("aws:apigateway/restApi:RestApi");
                const cdn = idOf("aws:cloudfront/distribution:Distribution");
                assert.ok(edge("viewers", cdn));
                assert.ok(edge(cdn, api), "CloudFront -> API");
                const link = chart.edges.find((e) => e.from === api && e.label === "private integration")?.to;
                assert.ok(link && edge(link, alb), "API -> VPC link -> ALB");
                const services = plan.stacks.filter((s) => s.kind === "service");
                assert.ok(services.length > 0);
                for (const s of services) {
                    const svc = idOf("aws:ecs/service:Service", s.project);
                    const rule = plan.stacks.find((x) => x.project === s.project)!.resources.find((r) => r.type === "aws:lb/listenerRule:ListenerRule")!;
                    const paths = (rule.inputs.conditions as { pathPattern?: { values: string[] } }[]).flatMap((c) => c.pathPattern?.values ?? []);
                    assert.match(edge(alb, svc)?.label ?? "", new RegExp(`priority ${rule.inputs.priority}: ${paths.map((p) => p.replace(/[*/]/g, "\\$&")).join(" ")}`));
                    for (const callee of (s.outputs.calls as string[]) ?? []) {
                        assert.equal(edge(svc, idOf("aws:ecs/service:Service", callee))?.arrow, "==>", `${s.project} -> ${callee} through the mesh`);
                    }
                    for (const store of s.resources.filter((r) => ["aws:dynamodb/table:Table", "aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup"].includes(r.type))) {
                        const storeId = [...chart.sources].find(([, srcs]) => srcs.includes(store.urn))![0];
                        assert.ok(edge(svc, storeId), `${s.project} -> ${store.name}`);
                    }
                }
            });
        });
    }

    describe("request paths", () => {
        const ok: RouteTrace = {
            method: "GET", path: "/api/v1/things", service: "things",
            hops: [
                { kind: "cloudfront", name: "behaviour api/*" },
                { kind: "waf", name: "CLOUDFRONT web ACL" },
                { kind: "api-method", name: "GET /api/v1/things", detail: "authorizer: none; throttle 1000/s" },
                { kind: "integration", name: "sends GET /api/v1/things", detail: "HTTP_PROXY over VPC_LINK" },
                { kind: "vpc-link", name: "VPC link V2" },
                { kind: "alb-rule", name: "priority 100 /api/v1/things*" },
                { kind: "target-group", name: "things-tg" },
                { kind: "service", name: "service things" },
                { kind: "handler", name: "GET /api/v1/things" },
            ],
        };
        it("draws each hop in order between the participants that answer it", () => {
            const seq = routeSequence(ok);
            const participants = [...seq.matchAll(/participant (\S+) as (.+)/g)].map((m) => m[2]);
            assert.deepEqual(participants, ["Viewer", "CloudFront", "WAF", "API Gateway", "VPC link", "ALB", "service things"]);
            assert.match(seq, /viewer->>p1: GET \/api\/v1\/things, behaviour api\/\*/);
            assert.match(seq, /Note over p3: sends GET \/api\/v1\/things \(HTTP_PROXY over VPC_LINK\)/);
            assert.match(seq, /p3->>p4: VPC link V2/);
            assert.match(seq, /Note over p5: things-tg/);
            assert.match(seq, /p5->>p6: service things/);
            assert.match(seq, /Note over p6: GET \/api\/v1\/things/);
            assert.match(seq, /p6-->>viewer: response/);
            assert.doesNotMatch(seq, /NO HANDLER/);
        });
        it("ends a route that reaches no handler in a red block naming where it ends", () => {
            const seq = routeSequence({ ...ok, hops: ok.hops.slice(0, 3), failure: "API Gateway answers 403: no method on /api/v1/things" });
            assert.match(seq, /rect rgb\(255, 220, 220\)\n\s+Note over p3: NO HANDLER, API Gateway answers 403: no method on \/api\/v1\/things\n\s+end/);
            assert.doesNotMatch(seq, /-->>viewer/);
        });
    });

    describe("network flows", () => {
        const alb = endpoint("alb", "private");
        const svc = endpoint("service:things", "private");
        const db = endpoint("postgres:things", "isolated");
        const flow = (from: FlowEndpoint, to: FlowEndpoint, port: number, required: boolean, allowed: boolean, decidedBy?: string): Flow =>
            ({ from, to, port, protocol: "tcp", required, allowed, reason: "test", decidedBy });
        it("draws allowed required flows plainly, grouped by tier", () => {
            const chart = readFlowchart(flowDiagram({ flows: [flow(alb, svc, 8080, true, true), flow(svc, db, 5432, true, true)] }));
            assert.deepEqual(chart.groups.map((g) => g.label), ["isolated", "private"]);
            assert.deepEqual(chart.edges.map((e) => [e.from, e.to, e.label]), [["ep_alb", "ep_service_things", "tcp/8080"], ["ep_service_things", "ep_postgres_things", "tcp/5432"]]);
            assert.equal(chart.linkStyles.length, 0);
        });
        it("draws a planted blocked required flow in red, naming the rule that blocks it", () => {
            const chart = readFlowchart(flowDiagram({ flows: [flow(alb, svc, 8080, true, true), flow(svc, db, 5432, true, false, "isolated NACL rule 100 (tcp 0-0)")] }));
            const blocked = chart.edges.find((e) => e.to === "ep_postgres_things")!;
            assert.equal(blocked.label, "tcp/5432 BLOCKED by isolated NACL rule 100 (tcp 0-0)");
            assert.deepEqual(chart.linkStyles, [{ index: blocked.index, style: "stroke:#d00,stroke-width:2px,color:#d00" }]);
        });
        it("draws an open unintended flow in red and leaves closed ones out", () => {
            const internet = endpoint("internet", "outside");
            const chart = readFlowchart(flowDiagram({ flows: [flow(internet, db, 5432, false, true, "sg rule 0.0.0.0/0"), flow(internet, svc, 22, false, false)] }));
            assert.deepEqual(chart.edges.map((e) => e.label), ["tcp/5432 UNINTENDED, open by sg rule 0.0.0.0/0"]);
            assert.equal(chart.linkStyles.length, 1);
            assert.ok(!chart.nodes.some((n) => n.id === "ep_service_things"));
        });
    });

    describe("request paths of the real plans", () => {
        for (const env of ["dev", "prod"]) {
            it(`${env}: one sequence diagram per public route of the route analysis, through both web ACLs to the service`, async () => {
                const plan = await committedPlan(env);
                const results = await runPlanSections(plan, PLAN_SECTIONS.filter((s) => s.name !== "diagrams"));
                const { routes, flows } = earlierReports(new Map(results.map(({ section, result }) => [section.name, result])));
                assert.ok(routes && flows && routes.routes.length > 0);
                const md = diagramsMarkdown(plan, flows, routes);
                const headings = [...md.matchAll(/^### (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
                assert.deepEqual([...headings].sort(), routes.routes.map((r) => `${r.method} ${r.path}`).sort());
                for (const r of routes.routes) {
                    const block = md.split(`### ${r.method} ${r.path}\n`)[1].split("```")[1];
                    assert.match(block, /participant p\d+ as WAF/, `${r.method} ${r.path} passes no WAF`);
                    assert.match(block, new RegExp(`participant p\\d+ as service ${r.service}`), `${r.method} ${r.path} reaches no service`);
                    assert.match(block, /-->>viewer: response/);
                }
            });
        }
    });

    describe("network flows of the real plans", () => {
        for (const env of ["dev", "prod"]) {
            it(`${env}: draws every required flow of the reachability analysis between its endpoints, with its port`, async () => {
                const report = analyzeReachability(await committedPlan(env));
                const chart = readFlowchart(flowDiagram(report));
                const required = report.flows.filter((f) => f.required);
                assert.ok(required.length > 0);
                for (const f of required) {
                    const e = chart.edges.find((x) => x.from === mermaidId("ep", f.from.id) && x.to === mermaidId("ep", f.to.id) && x.label.split(", ").includes(`${f.protocol}/${f.port}`));
                    assert.ok(e, `required flow ${f.from.id} -> ${f.to.id} ${f.protocol}/${f.port} is not drawn`);
                }
                assert.equal(chart.linkStyles.length, 0, "nothing is red in a clean plan");
            });
        }
        it("a NACL rule planted without ports turns the database flow red, naming the rule", async () => {
            const plan = structuredClone(await committedPlan("prod"));
            const rule = plan.stacks.flatMap((s) => s.resources).find((r) => r.type === "aws:ec2/networkAclRule:NetworkAclRule" && r.inputs.ruleAction === "allow" && r.inputs.egress === false && r.inputs.fromPort === 5432);
            assert.ok(rule, "no isolated-tier rule admitting 5432");
            delete rule.inputs.fromPort;
            delete rule.inputs.toPort;
            const chart = readFlowchart(flowDiagram(analyzeReachability(plan)));
            const red = chart.edges.filter((e) => chart.linkStyles.some((l) => l.index === e.index));
            assert.ok(red.some((e) => e.to.startsWith("ep_postgres") && /^tcp\/5432 BLOCKED by .*no fromPort\/toPort/.test(e.label)), red.map((e) => e.label).join("\n"));
        });
    });

    describe("what a change does (--diff)", () => {
        const change = (action: ResourceChange["action"], name: string, extra: Partial<ResourceChange> = {}): ResourceChange =>
            ({ action, urn: `urn:pulumi:prod::svc::aws:x/y:Y::${name}`, type: "aws:dynamodb/table:Table", name, stateful: false, properties: [], ...extra });
        const diff: EnvironmentDiff = {
            env: "prod", base: "main", production: true, blocked: [], allowed: [],
            stacks: [
                { project: "svc", stack: "prod", unchanged: 40, permissions: [], changes: [
                    change("create", "new-alarm"),
                    change("update", "svc-service", { properties: [{ path: "desiredCount", old: "2", new: "3" }] }),
                    change("replace", "svc-table", { stateful: true, replacedBy: [{ property: "KeySchema", certainty: "always", basis: "cloudformation" }] }),
                    change("delete", "old-rule"),
                ] },
                { project: "quiet", stack: "prod", unchanged: 10, permissions: [], changes: [] },
            ],
        } as unknown as EnvironmentDiff;
        it("draws each changed resource in its stack, coloured by action, a replacement naming what forces it", () => {
            const chart = readFlowchart(diffDiagram(diff));
            assert.deepEqual(chart.groups.map((g) => g.label), ["svc: 4 change(s), 40 unchanged"]);
            const classOf = (id: string) => chart.classes.filter((c) => c.id === id).map((c) => c.cls);
            assert.deepEqual(classOf("svc_create_new_alarm"), ["create"]);
            assert.deepEqual(classOf("svc_update_svc_service"), ["update"]);
            assert.deepEqual(classOf("svc_replace_svc_table"), ["replace", "stateful"]);
            assert.deepEqual(classOf("svc_delete_old_rule"), ["delete"]);
            assert.match(chart.nodes.find((n) => n.id === "svc_replace_svc_table")!.label, /^replace Table svc-table \(stateful\)<br>forced by KeySchema$/);
            assert.match(chart.nodes.find((n) => n.id === "svc_update_svc_service")!.label, /<br>desiredCount$/);
            assert.deepEqual([...chart.sources.values()].flat().sort(), diff.stacks[0].changes.map((c) => c.urn).sort());
        });
        it("says so when nothing changes", () => {
            assert.match(diffDiagram({ ...diff, stacks: [diff.stacks[1]] }), /no_changes\["no changes in prod against main"\]/);
        });
    });

    it("every diagram of dev and prod parses with Mermaid's own parser, which fails a diagram that would not render", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "diagrams-"));
        try {
            const files = [];
            for (const env of ["dev", "prod"]) {
                files.push(path.join(dir, `${env}.md`));
                fs.writeFileSync(files[files.length - 1], await docsDiagrams(await committedPlan(env)));
            }
            files.push(path.join(dir, "diff.md"));
            fs.writeFileSync(files[files.length - 1], "```mermaid\n" + diffDiagram({ env: "prod", base: "main", production: true, blocked: [], allowed: [], stacks: [{ project: "p", stack: "prod", unchanged: 1, permissions: [], changes: [{ action: "replace", urn: "urn:x", type: "aws:s3/bucket:Bucket", name: "b", stateful: true, properties: [], replacedBy: [{ property: "BucketName", certainty: "always", basis: "cloudformation" }] }] }] } as unknown as EnvironmentDiff) + "\n```\n");
            // A broken twin in the same run (the parser loads once): it alone must fail.
            const bad = path.join(dir, "bad.md");
            fs.writeFileSync(bad, "```mermaid\nflowchart LR\n    a -->\n```\n");
            const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/diagrams/check-mermaid.mjs"), ...files, bad], { encoding: "utf8" });
            assert.equal(run.status, 1, run.stdout + run.stderr);
            const failed = run.stdout.split("\n").filter((l) => l.includes(": diagram "));
            assert.deepEqual(failed.map((l) => l.split(": diagram ")[0]), [bad], run.stdout);
            assert.match(failed[0], /Parse error/);
            const parsed = Number(/(\d+) diagram\(s\) parsed, 1 failed/.exec(run.stdout)?.[1]);
            assert.ok(parsed > 20, run.stdout);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    // The docs' copy was written by an earlier run: equal bytes now also show the output is deterministic.
    it(`the diagrams in the docs are the ones the code draws for ${DOCS_ENV} (npm run docs:diagrams rewrites them)`, async () => {
        const page = readDocsPage(ROOT);
        assert.equal(page, withGenerated(page, await docsDiagrams(await committedPlan(DOCS_ENV))), "docs/diagrams.md is stale: run npm run docs:diagrams");
    });
});
