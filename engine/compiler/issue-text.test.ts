import { describe, expect, it } from "vitest";
import { KIT_MESSAGES, messageParams } from "../../nodes/_kit/messages";
import { nodeSpecs } from "../../nodes/registry";
import { supportChat } from "../../templates/support-chat";
import type { FlowDocument, FlowEdge, FlowIssue, FlowNode } from "../contracts/flow";
import { createFlowService } from "../flows/flow-service";
import { createAddressPolicy } from "../outbound/allow-list";
import { operatorAndTimer, parallelFlow, type ChainNode } from "../testing/parallel-flows";
import { schemaMessages } from "../testing/schema-messages";
import type { FlowRepository } from "../store/flows";
import { compileFlow } from "./compile";
import { issueText, plural } from "./issue-text";

/** Services here only validate: nothing is published and nothing waits. */
const NO_PUBLISHED = { candidates: () => [], ranks: () => new Map(), invalidate: () => {} };
const NO_WAITING = { count: () => 0, cancel: async () => 0 };

const at = { x: 0, y: 0 };
const node = (id: string, type: string, settings: Record<string, unknown> = {}): FlowNode => ({ id, type, position: at, settings });
const edge = (source: string, sourcePort: string, target: string, id = `${source}-${sourcePort}-${target}`): FlowEdge => ({ id, source, sourcePort, target });
const trigger = (id = "t") => node(id, "trigger.message-received", { channel: "any" });
const send = (id: string, text = "Hello") => node(id, "message.send", { text });
const end = (id: string) => node(id, "flow.end", { outcome: "done" });
const flow = (nodes: FlowNode[], edges: FlowEdge[]): FlowDocument => ({ nodes, edges });
const base = () => flow([trigger(), send("s"), end("e")], [edge("t", "out", "s"), edge("s", "out", "e")]);
const chainSend = (id: string): ChainNode => ({ id, type: "message.send", settings: { text: id } });
const waitReply = (id: string): ChainNode => ({ id, type: "message.wait-reply", settings: { timeoutSeconds: 0 }, out: "reply" });
const rewire = (doc: FlowDocument, source: string, port: string, target: string): FlowDocument => ({
  ...doc,
  edges: doc.edges.map((e) => (e.source === source && e.sourcePort === port ? { ...e, target } : e)),
});
const issuesOf = (doc: FlowDocument) => compileFlow(doc).issues;

/** One broken document per graph check, from the compiler's own test shapes. */
function brokenDocuments(): FlowDocument[] {
  const b = base();
  const side = parallelFlow([[chainSend("a")], [chainSend("b")]]);
  side.nodes.push(node("t2", "trigger.message-received", { channel: "webchat" }), node("s2", "message.send", { text: "side" }));
  side.edges.push(edge("t2", "out", "s2"), edge("s2", "out", "join"));
  const twoJoins = parallelFlow([[chainSend("a")], [chainSend("b")]]);
  twoJoins.nodes.push(node("join-2", "flow.join"));
  twoJoins.edges.push(edge("join-2", "out", "after"));
  twoJoins.edges = rewire(twoJoins, "b", "out", "join-2").edges;
  const endInBranch = parallelFlow([[chainSend("a")], [chainSend("b")]]);
  endInBranch.nodes.push(end("inner-end"));
  return [
    flow([send("s")], []), // no-trigger, unreachable-node, unconnected-port
    flow([trigger(), node("s", "message.fax")], [edge("t", "out", "s")]), // unknown-node-type
    flow([trigger(), send("s", "")], [edge("t", "out", "s")]), // invalid-settings (custom zod message)
    flow([trigger(), send("s", "Hi {{customer.surname}} {{nope.x}} {{vars}} {{ 1 }} {{x")], [edge("t", "out", "s")]), // template problems
    flow([...b.nodes, end("e2")], [...b.edges, edge("s", "out", "e2", "twice")]), // port-connected-twice
    flow([trigger(), send("a"), send("b")], [edge("t", "out", "a"), edge("a", "out", "b"), edge("b", "out", "a")]), // cycle-without-wait
    flow(b.nodes, [...b.edges, edge("s", "out", "ghost")]), // dangling-edge: missing node
    flow([...b.nodes, trigger("t2")], [...b.edges, edge("e", "out", "t2", "into-trigger")]), // dangling-edge: into a trigger
    flow(b.nodes, [...b.edges, edge("s", "nope", "e")]), // dangling-edge: no such output
    flow([...b.nodes, end("e")], b.edges), // duplicate-id
    flow([trigger(), send("s", "{{vars.missing}}"), end("e")], [edge("t", "out", "s"), edge("s", "out", "e")]), // unknown-variable
    flow(
      [
        trigger(),
        node("n", "data.set-variable", { name: "x", type: "number", value: "1" }),
        node("b", "data.set-variable", { name: "x", type: "string", value: "a" }),
        end("e"),
      ],
      [edge("t", "out", "n"), edge("n", "out", "b"), edge("b", "out", "e"), edge("n", "error", "e")],
    ), // variable-type (write)
    flow(
      [
        trigger(),
        node("n", "data.set-variable", { name: "x", type: "string", value: "a" }),
        node("d", "flow.call-subflow", { flowId: "child", inputs: [], outputs: ["x"] }),
        end("e"),
      ],
      [edge("t", "out", "n"), edge("n", "out", "d"), edge("d", "out", "e"), edge("d", "error", "e")],
    ),
    rewire(parallelFlow([[chainSend("a")], [chainSend("b")]]), "b", "out", "after"), // branch-without-join
    twoJoins, // branches-different-joins
    rewire(parallelFlow([[chainSend("a")], [chainSend("b")]]), "a", "out", "b"), // branch-crossing
    rewire(parallelFlow([[waitReply("w")], [chainSend("b")]]), "w", "reply", "b"), // crossing / entered from outside
    side, // branch-entered-from-outside (join)
    flow([trigger(), node("j", "flow.join"), end("e")], [edge("t", "out", "j"), edge("j", "out", "e")]), // join-without-parallel
    rewire(endInBranch, "a", "out", "inner-end"), // end-in-branch
    rewire(parallelFlow([[waitReply("w")], [chainSend("b")]]), "w", "reply", "par"), // parallel-loop
    rewire(operatorAndTimer(), "tell", "out", "par"),
    supportChat.document,
  ];
}

/** Broken settings for every node: wrong types, empty, too long, too many, plus each node's examples with one field broken. */
function brokenSettings(): { type: string; settings: Record<string, unknown> }[] {
  const bad: unknown[] = [
    "",
    "   ",
    "x".repeat(5000),
    "{{nope.x}} {{x",
    0,
    -1,
    1.5,
    1e9,
    true,
    [],
    Array.from({ length: 40 }, () => ""),
    ["a", "a"],
    { x: 1 },
    null,
  ];
  const out: { type: string; settings: Record<string, unknown> }[] = [];
  for (const spec of nodeSpecs) {
    const starts = [{}, ...(spec.examples ?? []).map((e) => e.settings as Record<string, unknown>)];
    for (const start of starts) {
      const parsed = spec.settings.safeParse(start);
      const fields = Object.keys(parsed.success ? parsed.data : start);
      for (const field of fields) for (const value of bad) out.push({ type: spec.type, settings: { ...start, [field]: value } });
    }
  }
  return out;
}

/** Node checks no schema fuzzing reaches: each node's own `validate` problems. */
const NODE_CASES: { type: string; settings: Record<string, unknown> }[] = [
  { type: "message.ask", settings: { question: "Q?", answer: "buttons", buttons: [] } },
  { type: "message.ask", settings: { question: "Q?", answer: "buttons", buttons: ["a", "A"] } },
  { type: "message.ask", settings: { question: "Q?", answer: "text", validation: "regex", pattern: "" } },
  { type: "message.ask", settings: { question: "Q?", answer: "text", validation: "regex", pattern: "(" } },
  { type: "message.offer-channel-switch", settings: { accept: "Yes!", decline: "yes" } },
  { type: "routing.escalate", settings: { to: "queue", queue: "", reason: "late" } },
  { type: "flow.parallel", settings: { branches: 2, labels: ["a", "b", "c"] } },
  { type: "timer.delay", settings: { amount: 100, unit: "days" } },
  { type: "logic.text-match", settings: { rules: [{ match: "regex", pattern: "(" }] } },
  { type: "logic.intent", settings: { intents: [{ name: "unknown", examples: ["a", "b"] }] } },
  {
    type: "logic.intent",
    settings: {
      intents: [
        { name: "a", examples: ["a", "b"] },
        { name: "A", examples: ["c", "d"] },
      ],
    },
  },
  { type: "logic.expression", settings: { expression: "vars.x >" } },
  { type: "logic.expression", settings: { expression: "foo.x > 1 and customer > 1 and customer.age > 1 and nope(1) and 'a' > 1" } },
  { type: "logic.expression", settings: { expression: 'message.text ~= message.text or message.text ~= "(?=a)" or message.text ~= "(a"' } },
  { type: "logic.text-match", settings: { rules: [{ match: "regex", pattern: "(?<=a)b" }] } },
  { type: "logic.sentiment", settings: { negativeBelow: 0.9, positiveAbove: -0.9 } },
  {
    type: "logic.ab-split",
    settings: {
      variants: [
        { name: "A", percent: 10 },
        { name: "a", percent: 10 },
      ],
    },
  },
  { type: "data.set-variable", settings: { name: "n", type: "number", value: "abc" } },
  { type: "data.set-variable", settings: { name: "n", type: "boolean", value: "maybe" } },
  { type: "trigger.subflow-called", settings: { outputs: ["error"] } },
  { type: "crm.update-customer", settings: { fields: ["tier = gold", "tier = {{nope.x}}"] } },
  { type: "logic.text-match", settings: { rules: [{ match: "keywords", pattern: "" }] } },
  { type: "logic.intent", settings: { intents: [{ name: "", examples: ["a"] }] } },
  { type: "logic.channel-is", settings: { channels: ["sms", "sms"] } },
  {
    type: "logic.ab-split",
    settings: {
      variants: [
        { name: "", percent: 50.5 },
        { name: "B", percent: 49.5 },
      ],
    },
  },
  { type: "message.send", settings: { text: "Hi", buttons: ["x".repeat(41)] } },
  { type: "crm.case", settings: { caseType: "", subject: "", details: ["a = {{customer}}"] } },
];

function issuesOfNode(type: string, settings: Record<string, unknown>): FlowIssue[] {
  return issuesOf(flow([trigger(), node("n", type, settings), end("e")], [edge("t", "out", "n")]));
}

/** What the flow service needs besides its repository: nothing published, no outbound allowances, only web chat delivers. */
const services = () => ({
  templates: [],
  published: NO_PUBLISHED,
  outbound: createAddressPolicy([]),
  waiting: NO_WAITING,
  deliverable: () => ["webchat" as const],
});

/** Each issue's Russian: present, Cyrillic, every `{param}` filled; its English the message itself. */
function expectRendered(issue: FlowIssue) {
  const ru = issueText(issue, "ru");
  const context = `${issue.code} ${JSON.stringify(issue.params)} ${issue.message}\n→ ${ru}`;
  expect(issueText(issue, "en"), context).toBe(issue.message);
  expect(issue.params, context).toBeDefined();
  expect(ru.trim().length, context).toBeGreaterThan(0);
  expect(ru, context).toMatch(/[А-Яа-яЁё]/);
  expect(ru, context).not.toMatch(/(?<!\{)\{[A-Za-z]\w*\}(?!\})/);
  expect(ru, context).not.toContain("undefined");
}

describe("issueText", () => {
  it("renders every graph check in Russian, and English as the message", () => {
    const issues = brokenDocuments().flatMap(issuesOf);
    const codes = new Set(issues.map((i) => i.code));
    for (const code of [
      "no-trigger",
      "unknown-node-type",
      "invalid-settings",
      "unconnected-port",
      "port-connected-twice",
      "unreachable-node",
      "cycle-without-wait",
      "dangling-edge",
      "duplicate-id",
      "unknown-variable",
      "variable-type",
      "branch-without-join",
      "branches-different-joins",
      "branch-crossing",
      "branch-entered-from-outside",
      "join-without-parallel",
      "end-in-branch",
      "parallel-loop",
    ] as const)
      expect(codes, code).toContain(code);
    for (const issue of issues) expectRendered(issue);
  });

  it("renders every settings problem of every node: zod's built-ins, custom messages, templates and validate()", () => {
    const issues = [...brokenSettings(), ...NODE_CASES].flatMap(({ type, settings }) => issuesOfNode(type, settings)).filter((i) => i.nodeId === "n");
    const keys = new Set(issues.filter((i) => i.code === "invalid-settings").map((i) => `${i.params?.node} ${i.params?.key}`));
    // Every node message key the fuzzing and the cases reach, plus the zod and template keys.
    expect([...keys].some((k) => k.includes("zod.too_small"))).toBe(true);
    expect([...keys].some((k) => k.includes("zod.invalid_type"))).toBe(true);
    expect([...keys].some((k) => k.includes("template."))).toBe(true);
    for (const issue of issues) expectRendered(issue);
    const unreached = nodeSpecs.flatMap((spec) => Object.keys(spec.messages ?? {}).map((key) => `${spec.type} ${key}`)).filter((k) => !keys.has(k));
    expect(unreached).toEqual([]);
  });

  it("renders the check of the flows a node calls", async () => {
    const child: FlowDocument = { nodes: [trigger()], edges: [] };
    const found = [[], [{ id: "child", name: "Refunds", versions: [] }], [{ id: "child", name: "Refunds", versions: [{ graph: JSON.stringify(child) }] }]];
    const messages: string[] = [];
    for (const live of found) {
      const repo = { liveWithLatestGraph: async () => live } as unknown as FlowRepository;
      const service = createFlowService(repo, services(), () => 0);
      const issues = await service.calledFlowIssues(flow([trigger(), node("call", "flow.call-subflow", { flowId: "child" })], []));
      expect(issues).toHaveLength(1);
      for (const issue of issues) expectRendered(issue);
      messages.push(issueText(issues[0], "ru"));
    }
    expect(messages[1]).toContain("«Refunds»");
    expect(messages[2]).toContain("«Вызван другим сценарием»");
  });

  it("renders the check of internal hosts a node calls", async () => {
    const repo = { liveWithLatestGraph: async () => [] } as unknown as FlowRepository;
    const service = createFlowService(repo, services(), () => 0);
    const [issue] = await service.serverIssues(flow([trigger(), node("call", "data.http-request", { url: "http://169.254.169.254/latest/meta-data" })], []));
    expectRendered(issue);
    expect(issue).toMatchObject({ code: "invalid-settings", nodeId: "call", field: "url" });
    expect(issue.message).toMatch(/^HTTP request: 169\.254\.169\.254 is an internal address/);
    expect(issueText(issue, "ru")).toMatch(/^HTTP-запрос: 169\.254\.169\.254 — внутренний адрес/);
  });

  it("renders the publish warning for a send on a channel that is off, and none for the conversation's channel", () => {
    const service = createFlowService({} as FlowRepository, services(), () => 0);
    const doc = flow(
      [trigger(), node("sms", "message.send", { text: "Hi", channel: "sms" }), send("chat"), end("e")],
      [edge("t", "out", "sms"), edge("sms", "out", "chat"), edge("chat", "out", "e")],
    );
    const [warning, ...others] = service.channelWarnings(doc);
    expect(others).toEqual([]);
    expectRendered(warning);
    expect(warning).toMatchObject({ code: "channel-off", nodeId: "sms", field: "channel", params: { channel: "sms" } });
    expect(warning.message).toMatch(/^Send reply: the sms channel is off/);
    expect(issueText(warning, "ru")).toMatch(/^Отправить ответ: канал «SMS» выключен/);
  });

  it("names nodes, fields and ports in Russian", () => {
    const [empty] = issuesOfNode("message.send", { text: "" });
    expect(empty.message).toBe("Send reply: text: write the message to send");
    expect(issueText(empty, "ru")).toBe("Отправить ответ: «Сообщение»: напишите текст сообщения");
    const loose = issuesOf(flow([trigger()], [])).find((i) => i.code === "unconnected-port")!;
    expect(issueText(loose, "ru")).toMatch(/^Сообщение получено: выход «.+» ни к чему не подключён\.$/);
  });

  it("falls back to the English message for an issue without params", () => {
    expect(issueText({ code: "invalid-settings", message: "Old: text: broken" }, "ru")).toBe("Old: text: broken");
  });

  it("says Russian counts", () => {
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => plural(n, ["символ", "символа", "символов"]))).toEqual([
      "символ",
      "символа",
      "символов",
      "символов",
      "символ",
      "символа",
      "символов",
    ]);
  });
});

describe("node messages", () => {
  it("every custom message of a node's settings schema has a key, in the node's messages or the shared ones", () => {
    const shared = new Set<string>(Object.values(KIT_MESSAGES.en));
    for (const spec of nodeSpecs) {
      const own = new Set(Object.values(spec.messages ?? {}));
      for (const message of schemaMessages(spec.settings)) expect(own.has(message) || shared.has(message), `${spec.type}: "${message}"`).toBe(true);
    }
  });

  it("every node message has its Russian with the same params, and no Russian is stale", () => {
    for (const spec of nodeSpecs) {
      const en = spec.messages ?? {};
      const ru = spec.ru.messages ?? {};
      expect(Object.keys(ru).sort(), spec.type).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(ru)) {
        expect(text, `${spec.type} ${key}`).toMatch(/[А-Яа-яЁё]/);
        const allowed = new Set([...messageParams(en[key]), "title"]);
        for (const name of messageParams(text)) expect(allowed, `${spec.type} ${key}: {${name}}`).toContain(name);
      }
    }
  });

  it("the shared messages have their Russian with the same params", () => {
    expect(Object.keys(KIT_MESSAGES.ru).sort()).toEqual(Object.keys(KIT_MESSAGES.en).sort());
    for (const [key, text] of Object.entries(KIT_MESSAGES.ru)) {
      const allowed = new Set([...messageParams(KIT_MESSAGES.en[key as keyof typeof KIT_MESSAGES.en]), "title", "triggerTitle"]);
      for (const name of messageParams(text)) expect(allowed, `${key}: {${name}}`).toContain(name);
    }
  });
});
