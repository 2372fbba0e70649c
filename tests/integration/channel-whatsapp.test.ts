import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../engine/channels/whatsapp/adapter";
import { createFake } from "../../engine/channels/whatsapp/fake";
import { sampleSettings, WEBHOOK_URL } from "../../engine/channels/whatsapp/samples";
import type { FlowDocument } from "../../engine/contracts/flow";
import { createEngine, type Engine } from "../../engine/index";
import { channelDeps } from "../../engine/testing/channel-deps";
import { fakeClock } from "../../engine/testing/fake-clock";
import { type ServedFake, serveFake } from "../../engine/testing/serve-fake";
import { testDb } from "../../engine/testing/test-db";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";

const pos = { x: 0, y: 0 };
/** Answers a new conversation with a question and two quick replies. */
const askFlow: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "ask", type: "message.send", position: pos, settings: { text: "Was it you?", buttons: ["Yes", "No"] } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "out", target: "done" },
  ],
};

const CUSTOMER = { address: "+16505551234", name: "Sheena" };

describe("WhatsApp through the engine and real SQLite, against the fake Cloud API over HTTP", () => {
  const tmp = useTempDb("omniflow-whatsapp-");
  let served: ServedFake;
  let fake: ReturnType<typeof createFake>;
  let engine: Engine;
  beforeEach(async () => {
    const clock = fakeClock();
    fake = createFake(sampleSettings, { now: clock.now });
    served = await serveFake(fake);
    const whatsapp = createAdapter({ ...sampleSettings, baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
    engine = createEngine({ dbFile: tmp.file, clock: clock.now, channels: [whatsapp], background: false });
    await publishFlow(engine, "Ask", askFlow);
  });
  afterEach(async () => {
    await engine.close();
    await served.close();
  });

  const outbound = () =>
    testDb({ dbFile: tmp.file }).prepare(`SELECT providerId, status FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all() as {
      providerId: string | null;
      status: string;
    }[];
  const report = (providerMessageId: string, status: "delivered" | "read" | "failed") => {
    if (!fake.statusReport) throw new Error("the WhatsApp fake reports statuses");
    return engine.receiveRequest("whatsapp", fake.statusReport(providerMessageId, status, WEBHOOK_URL));
  };

  it("stores the customer's message once, replies with buttons through the Cloud API, and moves the reply's status on Meta's reports", async () => {
    const written = fake.customerWrites(CUSTOMER, "Someone paid with my card", WEBHOOK_URL);
    expect(await engine.receiveRequest("whatsapp", written)).toMatchObject({ kind: "json", status: 202, body: { status: "accepted", duplicate: false } });
    // Meta redelivers: ignored.
    expect(await engine.receiveRequest("whatsapp", written)).toMatchObject({ kind: "json", status: 200, body: { status: "duplicate" } });
    expect(countRows(engine, "Message", "direction = 'in'")).toBe(1);

    await engine.dispatch();
    const [reply] = fake.deliveries();
    expect(reply).toMatchObject({ address: CUSTOMER.address, text: "Was it you?", buttons: ["Yes", "No"] });
    expect(outbound()).toEqual([{ providerId: reply.providerMessageId, status: "sent" }]);

    expect(await report(reply.providerMessageId, "delivered")).toMatchObject({ kind: "json", status: 202 });
    expect(outbound()[0].status).toBe("delivered");
    await report(reply.providerMessageId, "read");
    expect(outbound()[0].status).toBe("read");

    // A tap on "No" comes back as the customer writing "No".
    await engine.receiveRequest("whatsapp", fake.customerWrites(CUSTOMER, "No", WEBHOOK_URL));
    const view = await engine.conversationFor("whatsapp", CUSTOMER.address);
    expect(view.messages.map((m) => [m.author, m.text])).toEqual([
      ["customer", "Someone paid with my card"],
      ["bot", "Was it you?"],
      ["customer", "No"],
    ]);
  });

  it("refuses a tampered webhook with 401 and writes nothing", async () => {
    const written = fake.customerWrites(CUSTOMER, "hello", WEBHOOK_URL);
    const tampered = { ...written, body: Buffer.from(written.body.toString().replace("hello", "HELLO")) };
    expect(await engine.receiveRequest("whatsapp", tampered)).toMatchObject({ kind: "json", status: 401, body: { error: "invalid_signature" } });
    expect(countRows(engine, "InboxMessage")).toBe(0);
    expect(countRows(engine, "Message")).toBe(0);
  });

  // Statuses only move forward, whatever order Meta's reports arrive in (issue 17).
  it("keeps a read message read when a late 'delivered' arrives", async () => {
    await engine.receiveRequest("whatsapp", fake.customerWrites(CUSTOMER, "hi", WEBHOOK_URL));
    await engine.dispatch();
    const [reply] = fake.deliveries();
    await report(reply.providerMessageId, "read");
    await report(reply.providerMessageId, "delivered");
    expect(outbound()[0].status).toBe("read");
  });
});
