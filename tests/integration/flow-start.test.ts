import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const pos = { x: 0, y: 0 };
const greeter = (trigger: Record<string, unknown>, text: string): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: trigger },
    { id: "hello", type: "message.send", position: pos, settings: { text } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "done" },
  ],
});

const t = useTestEngine();

describe("which flow a new conversation starts", () => {
  it("starts a flow whose trigger was saved without settings, as its defaults (any channel) say", async () => {
    const { versionId } = await publishFlow(t.engine, "Bare trigger", greeter({}, "Hi!"));
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-1", "m-1", "hello"));
    expect(instanceId).not.toBeNull();
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ versionId, status: "completed" });
  });

  it("starts only a flow whose trigger claims the message's channel", async () => {
    await publishFlow(t.engine, "SMS only", greeter({ channel: "sms" }, "SMS hello"));
    const { versionId } = await publishFlow(t.engine, "Web chat", greeter({ channel: "webchat" }, "Web hello"));
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-2", "m-1", "hello"));
    expect(instanceRow(t.engine, instanceId!).versionId).toBe(versionId);
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Web hello"]);
    expect(countRows(t.engine, "Instance")).toBe(1);
  });
});

describe("the channels a published flow answers (the Sandbox says where nothing will)", () => {
  it("are those a trigger names, all of them for any channel, and none once nothing is published", async () => {
    expect(t.engine.answeredChannels()).toEqual([]);
    const sms = await publishFlow(t.engine, "SMS only", greeter({ channel: "sms" }, "SMS hello"));
    const telegram = await publishFlow(t.engine, "Telegram, first message", greeter({ channel: "telegram", on: "first-message" }, "Hi"));
    expect(t.engine.answeredChannels().toSorted()).toEqual(["sms", "telegram"]);
    const { id } = await t.engine.flows.create("Everything else", greeter({ channel: "any" }, "Hello"));
    await t.engine.flows.publish(id, { order: [sms.flowId, telegram.flowId, id] });
    expect(t.engine.answeredChannels()).toHaveLength(8);
  });
});

describe("when several published flows take a message", () => {
  it("the owner's order decides (publishing asks for it), even over a newer publish", async () => {
    const { supportChat } = await import("../../templates/support-chat");
    const demo = await publishFlow(t.engine, "Support chat", supportChat.document);
    const { id } = await t.engine.flows.create("Catch-all (newer)", supportChat.document);
    await t.engine.flows.publish(id, { order: [demo.flowId, id] });
    const { instanceId } = await t.engine.receive("webchat", { visitorId: "v-spec", messageId: "m-spec", text: "hours?" });
    expect(testDb(t.engine).prepare(`SELECT flowId FROM "Instance" WHERE id = ?`).get(instanceId)).toEqual({ flowId: demo.flowId });
  });
});
