import { describe, expect, it } from "vitest";
import { flowTestCaseSchema, simulationStepSchema } from "../contracts/simulation";

const problem = (step: unknown) => {
  const parsed = simulationStepSchema.safeParse(step);
  return parsed.success ? null : parsed.error.issues[0].message;
};

describe("script steps for start events and results", () => {
  it("fill in defaults", () => {
    expect(simulationStepSchema.parse({ do: "webhook", hook: "order-shipped" })).toEqual({ do: "webhook", hook: "order-shipped", payload: {} });
    expect(simulationStepSchema.parse({ do: "operator-start" })).toEqual({ do: "operator-start", note: "" });
    expect(simulationStepSchema.parse({ do: "subflow-call" })).toEqual({ do: "subflow-call", inputs: {} });
    expect(simulationStepSchema.parse({ do: "subflow-result" })).toEqual({ do: "subflow-result", outcome: null, outputs: {} });
  });

  it("say clearly what is wrong", () => {
    expect(problem({ do: "webhook", hook: " " })).toBe("required");
    expect(problem({ do: "webhook", hook: "Order Shipped" })).toBe("lower-case letters, digits and dashes");
    expect(problem({ do: "webhook", hook: "order-shipped", payload: [1] })).toBe("the payload must be a JSON object");
    expect(problem({ do: "webhook", hook: "order-shipped", payload: null })).toBe("the payload must be a JSON object");
    expect(problem({ do: "operator-start", note: "x".repeat(501) })).toMatch(/^Too big: expected string to have <=500 characters/);
    expect(problem({ do: "subflow-call", inputs: "amount=1" })).toBe("the inputs must be a JSON object");
    expect(problem({ do: "subflow-result", outcome: "ok", outputs: 3 })).toBe("the outputs must be a JSON object");
  });

  it("round-trip in a saved test case", () => {
    const test = flowTestCaseSchema.parse({
      id: "every-start",
      name: "Every start and result",
      steps: [
        { do: "webhook", hook: "order-shipped", payload: { orderId: "A-17", express: true } },
        { do: "schedule" },
        { do: "operator-start", note: "call back" },
        { do: "subflow-call", inputs: { amount: 12 } },
        { do: "subflow-result", outcome: "approved", outputs: { refundId: "R-9" } },
      ],
      expect: { status: "completed", path: ["start"] },
    });
    expect(flowTestCaseSchema.parse(JSON.parse(JSON.stringify(test)))).toEqual(test);
    expect(test.steps[0]).toEqual({ do: "webhook", hook: "order-shipped", payload: { orderId: "A-17", express: true } });
  });
});
