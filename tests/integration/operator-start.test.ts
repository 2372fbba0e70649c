import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { DEMO_OPERATOR_ID } from "../../prisma/seed-staff";
import { seedStaff } from "../../prisma/seed";

const at = { x: 0, y: 0 };
const FOLLOW_UP: FlowDocument = {
  nodes: [
    { id: "op", type: "trigger.operator-started", position: at, settings: {} },
    { id: "say", type: "message.send", position: at, settings: { text: "Following up: {{vars.note}}" } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "op", sourcePort: "out", target: "say" },
    { id: "2", source: "say", sourcePort: "out", target: "end" },
  ],
};

describe("an operator starts a flow for a customer", () => {
  const t = useTestEngine(({ engine }) => seedStaff(engine));

  it("runs it in the customer's conversation, with the note as a variable", async () => {
    const { flowId } = await publishFlow(t.engine, "Follow-up", FOLLOW_UP);
    const { customerId } = await t.engine.receive("webchat", { visitorId: "v-9", messageId: "m-9", text: "hello" });
    expect(await t.engine.operatorStartable()).toEqual([{ id: flowId, name: "Follow-up" }]);
    const { instanceId } = await t.engine.startForCustomer(flowId, customerId!, DEMO_OPERATOR_ID, "your refund is approved");
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Following up: your refund is approved"]);
    expect(instanceRow(t.engine, instanceId).status).toBe("completed");
  });

  it("refuses a flow without that trigger, an unknown customer and an unknown operator, naming the field", async () => {
    const { flowId } = await publishFlow(t.engine, "Follow-up", FOLLOW_UP);
    await expect(t.engine.startForCustomer(flowId, "nobody", "op-typo")).rejects.toMatchObject({ field: "operatorId" });
    await expect(t.engine.startForCustomer(flowId, "nobody", DEMO_OPERATOR_ID)).rejects.toMatchObject({ field: "customerId" });
    const chat = FOLLOW_UP.nodes.map((n) =>
      n.id === "op" ? { ...n, type: "trigger.message-received" } : n.id === "say" ? { ...n, settings: { text: "Hello" } } : n,
    );
    const other = await publishFlow(t.engine, "Chat", { ...FOLLOW_UP, nodes: chat });
    const { customerId } = await t.engine.receive("webchat", { visitorId: "v-10", messageId: "m-10", text: "hi" });
    await expect(t.engine.startForCustomer(other.flowId, customerId!, DEMO_OPERATOR_ID)).rejects.toMatchObject({ field: "flowId" });
  });
});
