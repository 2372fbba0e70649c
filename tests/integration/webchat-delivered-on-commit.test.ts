/**
 * Web chat's replies are delivered by the commit that writes them (contracts/channels.ts `deliveredOnCommit`):
 * the widget reads the conversation from the store, so there is nothing to perform after it. Through SQLite,
 * with the writer inline and on its thread: the reply is stored as sent with no outbox row, the visitor's
 * open feeds and the engine's delivery listeners are told once it is on disk, and a flow that waits for
 * the delivery result still gets it through the outbox.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../engine/channels/channel";
import type { FlowDocument } from "../../engine/contracts/flow";
import { createEngine, type Engine } from "../../engine/index";
import { ackFlow } from "../../engine/testing/flows";
import { countRows, publishFlow, tempDb } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";
import { buildWriterScript } from "./writer-script";

let writer: { script: string; dir: string };
beforeAll(async () => {
  writer = await buildWriterScript();
});
afterAll(() => rmSync(writer.dir, { recursive: true, force: true }));

const pos = { x: 0, y: 0 };
/** Sends and continues on the delivery result: "delivered" answers, "failed" apologises. */
const awaitingFlow: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "ask", type: "message.send", position: pos, settings: { text: "Did this reach you?", awaitDelivery: true } },
    { id: "yes", type: "message.send", position: pos, settings: { text: "It did." } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "delivered", target: "yes" },
    { id: "e3", source: "yes", sourcePort: "out", target: "done" },
    { id: "e4", source: "ask", sourcePort: "failed", target: "done" },
  ],
};

async function withEngine(onThread: boolean, doc: FlowDocument, run: (engine: Engine) => Promise<void>) {
  const tmp = tempDb("omniflow-webchat-commit-");
  const setup = createEngine({ dbFile: tmp.file, background: false });
  await publishFlow(setup, "Answer", doc);
  await setup.close();
  const engine = createEngine({ dbFile: tmp.file, ...(onThread && { writerThread: writer.script }) });
  try {
    if (onThread) for (let i = 0; i < 200 && engine.writerRunsOn() !== "thread"; i++) await new Promise((r) => setTimeout(r, 20));
    await run(engine);
  } finally {
    await engine.close();
    tmp.remove();
  }
}

const outbound = (engine: Engine) =>
  testDb(engine).prepare(`SELECT id, text, status, providerId FROM "Message" WHERE direction = 'out' ORDER BY id`).all() as {
    id: string;
    text: string;
    status: string;
    providerId: string | null;
  }[];

describe.each([
  ["inline", false],
  ["on its thread", true],
])("web chat replies, the writer %s", (_, onThread) => {
  it("are stored as sent by the step's own commit, with no outbox row, and their listeners told once", async () => {
    await withEngine(onThread, ackFlow("Hello from the flow"), async (engine) => {
      if (onThread) expect(engine.writerRunsOn()).toBe("thread");
      const { token, visitorId } = engine.webchat.newVisitor();
      const told: OutboundMessage[] = [];
      engine.onDelivered((m) => told.push(m));
      let woken = 0;
      const unwatch = engine.webchat.watch(visitorId, () => woken++);
      await engine.webchat.send(token, { text: "hi" });
      // The reply's commit is the message's: on disk before the visitor's message was acknowledged.
      const [reply] = outbound(engine);
      expect(reply).toEqual({ id: reply.id, text: "Hello from the flow", status: "sent", providerId: reply.id });
      expect(countRows(engine, "OutboxMessage")).toBe(0);
      for (let i = 0; i < 50 && told.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(told).toEqual([expect.objectContaining({ messageId: reply.id, channel: "webchat", address: visitorId, text: "Hello from the flow" })]);
      expect(woken).toBeGreaterThanOrEqual(1);
      expect(engine.webchat.feed(token).events.map((e) => e.message.text)).toEqual(["hi", "Hello from the flow"]);
      unwatch();
    });
  });

  it("go through the outbox when the flow waits for their delivery result, which it then gets", async () => {
    await withEngine(onThread, awaitingFlow, async (engine) => {
      const { token } = engine.webchat.newVisitor();
      await engine.webchat.send(token, { text: "hi" });
      expect(countRows(engine, "OutboxMessage", "status = 'pending'")).toBe(1);
      await engine.dispatch();
      expect(outbound(engine).map((m) => [m.text, m.status])).toEqual([
        ["Did this reach you?", "sent"],
        ["It did.", "sent"],
      ]);
      expect(countRows(engine, "OutboxMessage")).toBe(1); // only the awaited one
    });
  });
});
