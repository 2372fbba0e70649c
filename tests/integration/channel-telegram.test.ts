import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RawRequest } from "../../engine/channels/channel";
import { createAdapter } from "../../engine/channels/telegram/adapter";
import { createFake, type TelegramFake } from "../../engine/channels/telegram/fake";
import { LONG_LABEL, sampleSettings } from "../../engine/channels/telegram/samples";
import type { FlowDocument } from "../../engine/contracts/flow";
import { createEngine, type Engine } from "../../engine/index";
import { channelDeps } from "../../engine/testing/channel-deps";
import { fakeClock } from "../../engine/testing/fake-clock";
import { serveFake, type ServedFake } from "../../engine/testing/serve-fake";
import { testDb } from "../../engine/testing/test-db";
import { chat, countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { handleIngress } from "../../server/ingress-routes";

const pos = { x: 0, y: 0 };
/** Greets a new Telegram conversation with two quick replies, then echoes the choice. */
const menuFlow: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "telegram" } },
    { id: "menu", type: "message.send", position: pos, settings: { text: "How can we help?", buttons: ["Track my parcel", LONG_LABEL] } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 0 } },
    { id: "echo", type: "message.send", position: pos, settings: { text: "You chose: {{message.text}}" } },
    { id: "end", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "1", source: "start", sourcePort: "out", target: "menu" },
    { id: "2", source: "menu", sourcePort: "out", target: "wait" },
    { id: "3", source: "wait", sourcePort: "reply", target: "echo" },
    { id: "4", source: "echo", sourcePort: "out", target: "end" },
  ],
};

describe("Telegram through the engine (real SQLite, the fake Telegram over HTTP)", () => {
  const tmp = useTempDb("omniflow-telegram-");
  let engine: Engine;
  let fake: TelegramFake;
  let served: ServedFake;
  let server: http.Server;
  let webhookUrl: string;
  const ann = { address: "2222222", name: "Ann" };

  beforeEach(async () => {
    const clock = fakeClock();
    fake = createFake(sampleSettings, clock.now);
    served = await serveFake(fake);
    const telegram = createAdapter({ ...sampleSettings, baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
    engine = createEngine({ dbFile: tmp.file, clock: clock.now, channels: [telegram], background: false });
    await publishFlow(engine, "Menu", menuFlow);
    server = http.createServer((req, res) => void handleIngress(engine, req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/channels/telegram/inbound`;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    await served.close();
    await engine.close();
  });

  /** Posts the fake's webhook over HTTP as Telegram would (the header spelled as the setWebhook docs spell it). */
  async function deliver(request: RawRequest, headers: Record<string, string> = {}) {
    const { "x-telegram-bot-api-secret-token": secret, ...rest } = request.headers;
    const res = await fetch(request.url, {
      method: "POST",
      headers: { ...rest, ...(secret !== undefined && { "X-Telegram-Bot-Api-Secret-Token": secret }), ...headers } as Record<string, string>,
      body: new Uint8Array(request.body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const outbound = () =>
    testDb(engine).prepare(`SELECT text, status, providerId FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all() as {
      text: string;
      status: string;
      providerId: string | null;
    }[];

  it("a customer's message is stored once, the flow's menu reaches Telegram as buttons, and a tap answers it", async () => {
    const hello = fake.customerWrites(ann, "hello", webhookUrl);
    expect(await deliver(hello)).toMatchObject({ status: 202, body: { status: "accepted" } });
    // Telegram retrying the same update: a duplicate, nothing written again.
    expect(await deliver(hello)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(countRows(engine, "Message", "direction = 'in'")).toBe(1);
    expect(countRows(engine, "Instance")).toBe(1);

    await engine.dispatch();
    expect(fake.deliveries()).toMatchObject([{ address: "2222222", text: "How can we help?", buttons: ["Track my parcel", LONG_LABEL] }]);
    // Telegram reports no delivery statuses to bots: "sent" with Telegram's message id is where a message stays.
    expect(outbound()).toEqual([{ text: "How can we help?", status: "sent", providerId: "2" }]);
    expect(fake.statusReport).toBeUndefined();

    expect(await deliver(fake.customerPresses(ann, LONG_LABEL, webhookUrl))).toMatchObject({ status: 202 });
    await engine.dispatch();
    expect(fake.deliveries().at(-1)).toMatchObject({ text: `You chose: ${LONG_LABEL}`, buttons: [] });
    await vi.waitFor(() => expect(fake.answeredPresses()).toHaveLength(1));
    const conversation = await engine.conversationFor("telegram", "2222222");
    expect(conversation.messages.map((m) => m.text)).toEqual(["hello", "How can we help?", LONG_LABEL, `You chose: ${LONG_LABEL}`]);
  });

  it("refuses a wrong or missing secret token (401) and a malformed update (400 naming the field), writing nothing", async () => {
    const hello = fake.customerWrites(ann, "hello", webhookUrl);
    expect(await deliver(hello, { "X-Telegram-Bot-Api-Secret-Token": "not-the-secret" })).toMatchObject({
      status: 401,
      body: { error: "invalid_secret_token" },
    });
    const { "x-telegram-bot-api-secret-token": _, ...unsigned } = hello.headers;
    expect(await deliver({ ...hello, headers: unsigned })).toMatchObject({ status: 401, body: { error: "missing_secret_token" } });
    const malformed = fake.customerSends(ann, { location: { latitude: 123, longitude: 2 } }, webhookUrl);
    expect(await deliver(malformed)).toMatchObject({ status: 400, body: { error: "invalid_payload", issues: [{ field: "message.location.latitude" }] } });
    expect(countRows(engine, "InboxMessage")).toBe(0);
    expect(countRows(engine, "Customer")).toBe(0);
  });

  it("acknowledges an update kind it does not take (an edit) without writing, so Telegram stops sending it", async () => {
    const edit = fake.customerWrites(ann, "hello", webhookUrl);
    const update = JSON.parse(edit.body.toString());
    const body = Buffer.from(JSON.stringify({ update_id: update.update_id, edited_message: { ...update.message, edit_date: 1 } }));
    expect((await deliver({ ...edit, body })).status).toBe(202);
    expect(countRows(engine, "InboxMessage")).toBe(0);
  });

  it("a shared contact is text in the timeline, and the customer's own phone becomes their phone identity", async () => {
    const contact = { phone_number: "33612345678", first_name: "Ann", user_id: 2222222 };
    expect((await deliver(fake.customerSends(ann, { contact }, webhookUrl))).status).toBe(202);
    const row = testDb(engine).prepare(`SELECT payload FROM "InboxMessage"`).get() as { payload: string };
    expect(JSON.parse(row.payload)).toMatchObject({ text: "[contact 33612345678 Ann]", address: "2222222" });
    const identities = testDb(engine).prepare(`SELECT channel, address, kind, value FROM "CustomerIdentity" ORDER BY createdAt, kind`).all();
    expect(identities).toEqual([
      { channel: "telegram", address: "2222222", kind: "channel", value: "" },
      { channel: "phone", address: "+33612345678", kind: "phone", value: "+33612345678" },
    ]);
  });

  it("/start <token> from a hand-off link joins the Telegram chat to the customer who got the link", async () => {
    await engine.receive("webchat", chat("v-1", "m-1", "where is my parcel?", "Ann"));
    const { customerId } = testDb(engine).prepare(`SELECT customerId FROM "CustomerIdentity" WHERE channel = 'webchat'`).get() as { customerId: string };
    testDb(engine)
      .prepare(`INSERT INTO "ChannelHandoff" (id, customerId, channel, createdAt, expiresAt) VALUES (?, ?, 'telegram', ?, ?)`)
      .run("inst-8f3k2-2", customerId, new Date(0).toISOString(), new Date(Date.UTC(2100, 0)).toISOString());
    expect((await deliver(fake.customerWrites(ann, "/start inst-8f3k2-2", webhookUrl))).status).toBe(202);
    const identities = testDb(engine).prepare(`SELECT channel, address FROM "CustomerIdentity" WHERE customerId = ? ORDER BY channel`).all(customerId);
    expect(identities).toEqual([
      { channel: "telegram", address: "2222222" },
      { channel: "webchat", address: "v-1" },
    ]);
  });
});
