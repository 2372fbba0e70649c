import { describe, expect, it } from "vitest";
import type { FlowDocument } from "@/engine/contracts/flow";
import { flowTestCaseSchema } from "@/engine/contracts/simulation";
import { emptyScript, lineProblem, newLine, scriptFromTest, scriptSteps, taskOutcomes, type ScriptLine } from "./script";

const at = { x: 0, y: 0 };
const hooked: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.webhook", position: at, settings: { hook: "order-shipped", fields: ["orderId: string", "express?: boolean"] } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [{ id: "1", source: "start", sourcePort: "out", target: "end" }],
};

describe("script lines for start events and results", () => {
  it("start a fresh script the way the draft's trigger starts, the webhook prefilled from its declaration", () => {
    const [line] = emptyScript(hooked).lines;
    expect(line).toMatchObject({ do: "webhook", hook: "order-shipped" });
    expect(JSON.parse((line as Extract<ScriptLine, { do: "webhook" }>).payload)).toEqual({ orderId: "", express: false });
    expect(emptyScript({ nodes: [], edges: [] }).lines[0].do).toBe("message");
  });

  it("quote the JSON parser when a payload does not parse, and ask for an object", () => {
    const line = { ...newLine("webhook"), hook: "order-shipped" } as Extract<ScriptLine, { do: "webhook" }>;
    expect(lineProblem({ ...line, payload: '{"orderId": A-17}' })).toMatch(/^the payload must be valid JSON: /);
    expect(lineProblem({ ...line, payload: "[]" })).toBe("the payload must be a JSON object");
    expect(lineProblem({ ...newLine("subflow-result"), outputs: "nope" } as ScriptLine)).toMatch(/^the outputs must be valid JSON: /);
    expect(lineProblem({ ...line, hook: "" })).toBe("required");
    expect(lineProblem({ ...line, hook: "" }, "ru")).toBe("обязательное поле");
    expect(lineProblem({ ...newLine("message"), text: "" } as ScriptLine, "ru")).toBe("обязательное поле");
    expect(lineProblem(newLine("schedule"))).toBeNull();
  });

  it("turn a saved test case into lines and back into the same steps", () => {
    const test = flowTestCaseSchema.parse({
      id: "t",
      name: "every start",
      steps: [
        { do: "webhook", hook: "order-shipped", payload: { orderId: "A-17" } },
        { do: "schedule" },
        { do: "operator-start", note: "call back" },
        { do: "subflow-call", inputs: { amount: 12 } },
        { do: "subflow-result", outcome: null, outputs: { refundId: "R-9" } },
        { do: "subflow-result", outcome: "approved", outputs: {} },
      ],
    });
    const script = scriptFromTest(test);
    expect(script.lines.map((line) => lineProblem(line))).toEqual(test.steps.map(() => null));
    expect(scriptSteps(script)).toEqual(test.steps);
  });
});

describe("task outcomes offered to 'operator completes task'", () => {
  const tasks: FlowDocument = {
    nodes: [
      { id: "call", type: "routing.operator-task", position: at, settings: { queue: "fraud", outcomes: ["confirmed", "not-me", "confirmed"] } },
      { id: "block", type: "routing.operator-task", position: at, settings: { queue: "cards", outcomes: ["blocked"] } },
      { id: "end", type: "flow.end", position: at, settings: {} },
    ],
    edges: [],
  };

  it("lists each task node's outcomes once, and a new line starts on the first of them", () => {
    expect(taskOutcomes(tasks)).toEqual([
      { nodeId: "call", type: "routing.operator-task", outcomes: ["confirmed", "not-me"] },
      { nodeId: "block", type: "routing.operator-task", outcomes: ["blocked"] },
    ]);
    expect(newLine("complete-task", tasks)).toMatchObject({ outcome: "confirmed" });
    expect(newLine("complete-task", hooked)).toMatchObject({ outcome: "" });
  });
});
