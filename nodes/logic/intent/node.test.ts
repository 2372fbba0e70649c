import { describe, expect, it } from "vitest";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, tinyFlow, TRIGGER_ID } from "../../../engine/testing/run-node";
import { classify, train } from "./classifier";

const TYPE = "logic.intent";
const settings = {
  intents: [
    { name: "block card", examples: ["хочу заблокировать карту", "карту украли", "потерял карточку", "block my card", "my card was stolen", "I lost my card"] },
    { name: "callback", examples: ["перезвоните мне", "позвоните мне пожалуйста", "call me back", "can you call me"] },
    { name: "operator", examples: ["соедините с оператором", "хочу поговорить с живым человеком", "talk to a human", "agent please"] },
    { name: "hours", examples: ["когда вы работаете", "часы работы", "what are your opening hours", "when are you open"] },
  ],
  minConfidence: 0.35,
};

describe("logic.intent", () => {
  it("has one output per intent plus Unknown", () => {
    expect(portsOf(TYPE, settings)).toEqual(["intent-1", "intent-2", "intent-3", "intent-4", "unknown"]);
  });

  it.each([
    ["заблокируйте мою карту", "intent-1"],
    ["Блокировка карты, срочно!", "intent-1"],
    ["у меня украли карточку", "intent-1"],
    ["please block the card", "intent-1"],
    ["someone stole my cards", "intent-1"],
    ["Перезвоните, пожалуйста", "intent-2"],
    ["можете мне позвонить?", "intent-2"],
    ["calling me back would be great", "intent-2"],
    ["позовите оператора", "intent-3"],
    ["нужен живой человек", "intent-3"],
    ["I need a human", "intent-3"],
    ["connect me to an agent", "intent-3"],
    ["до скольки вы работаете?", "intent-4"],
    ["are you open on Sunday?", "intent-4"],
    ["Hello, good morning, I'd like to block my card because I lost it on the bus", "intent-1"],
  ])("routes %j (not an example) to %s", (text, port) => {
    const run = runNode(TYPE, settings, text);
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, `sink-${portsOf(TYPE, settings).indexOf(port) + 1}`]);
    expect(run.effects).toEqual([]);
  });

  it.each(["asdkjh qwe zzz", "фывап олдж", "погода сегодня хорошая", "what is the weather like", "12345", ""])(
    "sends gibberish or unrelated text %j to Unknown",
    (text) => {
      const run = runNode(TYPE, settings, text);
      expect(run.port).toBe("unknown");
      expect(run.state.context.vars.intent).toBe("unknown");
      expect(run.state.context.vars.intentConfidence).toBeLessThan(0.35);
    },
  );

  it("records the intent and its confidence in vars", () => {
    const { vars } = runNode(TYPE, settings, "заблокируйте мою карту").state.context;
    expect(vars.intent).toBe("block card");
    expect(vars.intentConfidence).toBeGreaterThanOrEqual(0.35);
    expect(vars.intentConfidence).toBeLessThanOrEqual(1);
  });

  it("declares the variables it writes, so later nodes may read them", () => {
    const doc = tinyFlow(TYPE, settings);
    doc.nodes.find((n) => n.id === "sink-1")!.settings = { outcome: "done" };
    doc.nodes.push({ id: "say", type: "message.send", position: { x: 600, y: 0 }, settings: { text: "{{vars.intent}} ({{vars.intentConfidence}})" } });
    doc.edges = doc.edges.map((e) => (e.target === "sink-1" ? { ...e, target: "say" } : e));
    doc.edges.push({ id: "e-say", source: "say", sourcePort: "out", target: "sink-1" });
    expect(compileFlow(doc).issues).toEqual([]);
  });

  it("goes to Unknown when the best intent is below the minimum confidence", () => {
    expect(runNode(TYPE, { ...settings, minConfidence: 0.99 }, "someone stole my cards").port).toBe("unknown");
  });

  it("trains once per set of intents and answers quickly", () => {
    const model = train(settings.intents);
    const started = performance.now();
    for (let i = 0; i < 2000; i++) classify(model, "добрый день, хочу заблокировать мою карточку, её украли вчера вечером");
    expect((performance.now() - started) / 2000).toBeLessThan(1); // ms per message
  });

  it("rejects no intents, an intent with fewer than two examples, duplicate and reserved names", () => {
    expect(nodeIssues(TYPE, { intents: [] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "intents" }]);
    expect(nodeIssues(TYPE, { intents: [{ name: "x", examples: ["only one"] }] })).toMatchObject([{ code: "invalid-settings", field: "intents.0.examples" }]);
    expect(nodeIssues(TYPE, { intents: [{ name: "", examples: ["a b", "c d"] }] })).toMatchObject([{ code: "invalid-settings", field: "intents.0.name" }]);
    const duplicate = nodeIssues(TYPE, { intents: [settings.intents[0], { ...settings.intents[1], name: "Block Card" }] });
    expect(duplicate).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "intents.1.name" }]);
    expect(duplicate[0].message).toMatch(/^Intent 2: another intent is already called/);
    expect(nodeIssues(TYPE, { intents: [{ ...settings.intents[0], name: "Unknown" }] })).toMatchObject([{ code: "invalid-settings", field: "intents.0.name" }]);
  });

  it("rejects a minimum confidence outside 0..1", () => {
    expect(nodeIssues(TYPE, { ...settings, minConfidence: 1.5 })).toMatchObject([{ code: "invalid-settings", field: "minConfidence" }]);
  });
});
